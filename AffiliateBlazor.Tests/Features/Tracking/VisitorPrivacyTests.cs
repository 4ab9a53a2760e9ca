using System.Net;
using System.Security.Cryptography;
using System.Text;
using AffiliateBlazor.Features.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>Visitor addresses are stored as keyed hashes: equal for the same visitor, unrelated otherwise, and not decryptable with the key.</summary>
public sealed class VisitorPrivacyTests
{
    private const string Key = "a-test-ip-hash-key-of-some-length";

    private static VisitorPrivacy PrivacyWithKey(string key) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tracking:IpHashKey"] = key }).Build(),
        new HostingEnvironment { ContentRootPath = Path.GetTempPath() });

    [Fact]
    public void The_same_visitor_hashes_alike_over_IPv4_and_its_IPv6_mapped_form()
    {
        var privacy = PrivacyWithKey(Key);
        var hash = privacy.HashIp(IPAddress.Parse("203.0.113.7"));
        Assert.Matches("^[0-9a-f]{32}$", hash);
        Assert.Equal(hash, privacy.HashIp(IPAddress.Parse("203.0.113.7")));
        Assert.Equal(hash, privacy.HashIp(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.Equal(hash, PrivacyWithKey(Key).HashIp(IPAddress.Parse("203.0.113.7")));
    }

    [Fact]
    public void Different_addresses_or_keys_give_different_hashes()
    {
        var privacy = PrivacyWithKey(Key);
        string[] addresses = ["203.0.113.7", "203.0.113.8", "198.51.100.7", "2001:db8::1", "2001:db8::2", "::1", "127.0.0.1"];
        var hashes = addresses.Select(a => privacy.HashIp(IPAddress.Parse(a))).ToList();
        Assert.Equal(addresses.Length, hashes.Distinct().Count());
        Assert.NotEqual(hashes[0], PrivacyWithKey(Key + "!").HashIp(IPAddress.Parse(addresses[0])));
        Assert.Null(privacy.HashIp(null));
    }

    [Fact]
    public void The_key_does_not_decrypt_a_hash_back_into_the_address()
    {
        using var aes = Aes.Create();
        aes.Key = SHA256.HashData(Encoding.UTF8.GetBytes(Key))[..16];
        foreach (var text in new[] { "203.0.113.7", "2001:db8::1" })
        {
            var address = IPAddress.Parse(text).MapToIPv6().GetAddressBytes();
            var hash = Convert.FromHexString(PrivacyWithKey(Key).HashIp(IPAddress.Parse(text))!);
            Assert.NotEqual(address, aes.DecryptEcb(hash, PaddingMode.None));
            // What it is instead: the address's AES block masked with the address itself.
            Assert.Equal(hash, aes.EncryptEcb(address, PaddingMode.None).Zip(address, (e, a) => (byte)(e ^ a)).ToArray());
        }
    }
}
