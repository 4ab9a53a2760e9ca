using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// AES-128 encryption of single blocks with the processor's AES instructions (key schedule as in Intel's AES-NI
/// white paper). Every click encrypts a block for its public id and one for its visitor's address; through the
/// platform's cipher (OpenSSL on Linux) each paid for native calls, error-queue clearing and handle counting, about a
/// microsecond of a click's few dozen. Where the instructions are missing (ARM), <see cref="TryCreate"/> gives null and
/// the caller keeps the platform's cipher. The tests check it against the platform's AES block for block.
/// </summary>
public sealed class AesInstructionsEncryptor
{
    private readonly Vector128<byte>[] _roundKeys = new Vector128<byte>[11];

    private AesInstructionsEncryptor(ReadOnlySpan<byte> key)
    {
        var k = Vector128.Create(key);
        _roundKeys[0] = k;
        // The round constants must be literals: the instruction takes them as immediates.
        _roundKeys[1] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x01));
        _roundKeys[2] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x02));
        _roundKeys[3] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x04));
        _roundKeys[4] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x08));
        _roundKeys[5] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x10));
        _roundKeys[6] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x20));
        _roundKeys[7] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x40));
        _roundKeys[8] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x80));
        _roundKeys[9] = k = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x1b));
        _roundKeys[10] = NextRoundKey(k, X86Aes.KeygenAssist(k, 0x36));
    }

    /// <summary>Null unless the processor has the AES instructions; the key must be 16 bytes.</summary>
    public static AesInstructionsEncryptor? TryCreate(ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, 16);
        return X86Aes.IsSupported ? new AesInstructionsEncryptor(key) : null;
    }

    public void Encrypt(ReadOnlySpan<byte> block, Span<byte> destination)
    {
        var state = Sse2.Xor(Vector128.Create(block), _roundKeys[0]);
        for (var round = 1; round < 10; round++) state = X86Aes.Encrypt(state, _roundKeys[round]);
        X86Aes.EncryptLast(state, _roundKeys[10]).CopyTo(destination);
    }

    private static Vector128<byte> NextRoundKey(Vector128<byte> key, Vector128<byte> assist)
    {
        var rotated = Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();
        key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
        key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
        key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
        return Sse2.Xor(key, rotated);
    }
}
