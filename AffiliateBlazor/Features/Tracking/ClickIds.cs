using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using AffiliateBlazor.Data;
using Microsoft.Data.Sqlite;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Public click ids are the click's row id encrypted (AES, one block: the id and eight zero bytes), so they are opaque
/// and unguessable like random tokens (DESIGN §8), yet a conversion finds its click by primary key. A random index on
/// a token column would cost the hot path about three times its insert rate. Ids are handed out here, before the row
/// is written, because the visitor's redirect carries the id; the single writer then inserts rows with these ids.
/// </summary>
public sealed class ClickIds
{
    private readonly string _databaseFile;
    private readonly ThreadLocal<Ciphers> _ciphers;
    // Every click encodes, so with the processor's instructions where it has them; decoding (a conversion naming its
    // click) is rarer and keeps the platform's cipher.
    private readonly AesInstructionsEncryptor? _encryptor;
    private readonly Lock _start = new();
    private long _last = -1;

    public ClickIds(IConfiguration configuration, IHostEnvironment environment)
    {
        _databaseFile = DatabaseSetup.DataSource(configuration, environment.ContentRootPath);
        // A key of its own, never derived from the IP-hash key: changing that one must not void the click ids already issued.
        var key = SHA256.HashData(LocalSecrets.LoadOrCreate(configuration, environment, "Tracking:ClickIdKey", "click-id.key"))[..16];
        _ciphers = CiphersFor(key);
        _encryptor = AesInstructionsEncryptor.TryCreate(key);
    }

    /// <summary>The next row id: after the highest one in the database, so a restart never reuses an acknowledged id.</summary>
    public long Next()
    {
        if (Volatile.Read(ref _last) < 0)
            lock (_start)
                if (_last < 0) _last = HighestStoredId();
        return Interlocked.Increment(ref _last);
    }

    public string Encode(long id)
    {
        Span<byte> block = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(block, id);
        Span<byte> sealedBlock = stackalloc byte[16];
        if (_encryptor is not null) _encryptor.Encrypt(block, sealedBlock);
        else _ciphers.Value!.Encrypt(block, sealedBlock);
        return Base64Url.EncodeToString(sealedBlock);
    }

    /// <summary>The row id, or null for anything this install did not issue (a forged or mistyped id).</summary>
    public long? Decode(string? token)
    {
        Span<byte> sealedBlock = stackalloc byte[16];
        if (token is not { Length: 22 } || !Base64Url.TryDecodeFromChars(token, sealedBlock, out var written) || written != 16) return null;
        Span<byte> block = stackalloc byte[16];
        _ciphers.Value!.Decrypt(sealedBlock, block);
        return block[8..].IndexOfAnyExcept((byte)0) < 0 ? BinaryPrimitives.ReadInt64BigEndian(block) : null;
    }

    /// <summary>
    /// A pair of ECB transforms per thread: they are not safe to share, and a kept transform encrypts a block in a
    /// seventh of the time of Aes.EncryptEcb, which sets up a native cipher context on every call.
    /// </summary>
    private static ThreadLocal<Ciphers> CiphersFor(byte[] key) => new(() =>
    {
        using var aes = Aes.Create();
        aes.Key = key;
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        return new(aes.CreateEncryptor(), aes.CreateDecryptor());
    });

    private sealed class Ciphers(ICryptoTransform encryptor, ICryptoTransform decryptor)
    {
        private readonly byte[] _in = new byte[16], _out = new byte[16];

        public void Encrypt(ReadOnlySpan<byte> block, Span<byte> destination) => Transform(encryptor, block, destination);

        public void Decrypt(ReadOnlySpan<byte> block, Span<byte> destination) => Transform(decryptor, block, destination);

        private void Transform(ICryptoTransform transform, ReadOnlySpan<byte> block, Span<byte> destination)
        {
            block.CopyTo(_in);
            transform.TransformBlock(_in, 0, 16, _out, 0);
            _out.CopyTo(destination);
        }
    }

    private long HighestStoredId()
    {
        using var connection = new SqliteConnection($"Data Source={_databaseFile};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Id), 0) FROM Clicks";
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
