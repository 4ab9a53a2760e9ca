using System.Security.Cryptography;
using AffiliateBlazor.Features.Tracking;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>Blocks encrypted with the processor's AES instructions must be the platform's AES, bit for bit: click ids already issued must keep decoding, and visitors keep their hashes.</summary>
public sealed class AesInstructionsEncryptorTests
{
    [Fact]
    public void Matches_the_AES_128_example_of_FIPS_197()
    {
        var encryptor = AesInstructionsEncryptor.TryCreate(Convert.FromHexString("000102030405060708090a0b0c0d0e0f"));
        if (!System.Runtime.Intrinsics.X86.Aes.IsSupported)
        {
            Assert.Null(encryptor);
            return;
        }
        var sealedBlock = new byte[16];
        encryptor!.Encrypt(Convert.FromHexString("00112233445566778899aabbccddeeff"), sealedBlock);
        Assert.Equal("69c4e0d86a7b0430d8cdb78070b4c55a", Convert.ToHexStringLower(sealedBlock));
    }

    [Fact]
    public void Matches_the_platform_cipher_for_random_keys_and_blocks()
    {
        var random = new Random(20261127);
        for (var k = 0; k < 500; k++)
        {
            var key = new byte[16];
            random.NextBytes(key);
            var encryptor = AesInstructionsEncryptor.TryCreate(key);
            if (encryptor is null) return;
            using var platform = Aes.Create();
            platform.Key = key;
            for (var b = 0; b < 20; b++)
            {
                var block = new byte[16];
                random.NextBytes(block);
                var sealedBlock = new byte[16];
                encryptor.Encrypt(block, sealedBlock);
                Assert.Equal(platform.EncryptEcb(block, PaddingMode.None), sealedBlock);
            }
        }
    }

    [Fact]
    public void Refuses_a_key_that_is_not_128_bits() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AesInstructionsEncryptor.TryCreate(new byte[32]));
}
