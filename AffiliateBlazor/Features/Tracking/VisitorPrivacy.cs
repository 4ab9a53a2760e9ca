using System.Security.Cryptography;
using AffiliateBlazor.Data;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Visitor IPs are kept only as keyed hashes: equality is all the fraud rules need, and without the key a hash
/// cannot be turned back into an address by trying all 2^32 of them. The key comes from Tracking:IpHashKey, or is
/// made once and kept beside the database.
/// </summary>
public sealed class VisitorPrivacy
{
    public const int MaxUserAgentLength = 256;

    // One reusable HMAC per thread: the one-shot HMACSHA256.HashData sets up a native context per call, more than
    // twice the cost, and every click hashes its visitor.
    private readonly ThreadLocal<IncrementalHash> _hmac;

    public VisitorPrivacy(IConfiguration configuration, IHostEnvironment environment)
    {
        var key = LocalSecrets.LoadOrCreate(configuration, environment, "Tracking:IpHashKey", "ip-hash.key");
        _hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));
    }

    /// <summary>The first 128 bits of HMAC-SHA256 over the IPv6 form of the address, as 32 hex digits.</summary>
    public string? HashIp(System.Net.IPAddress? ip)
    {
        if (ip is null) return null;
        Span<byte> address = stackalloc byte[16];
        ip.MapToIPv6().TryWriteBytes(address, out _);
        Span<byte> hash = stackalloc byte[32];
        var hmac = _hmac.Value!;
        hmac.AppendData(address);
        hmac.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    public static string? TrimUserAgent(string? userAgent) =>
        string.IsNullOrEmpty(userAgent) ? null : userAgent.Length <= MaxUserAgentLength ? userAgent : userAgent[..MaxUserAgentLength];

    // One vectorised search for all markers: this runs on every click.
    private static readonly System.Buffers.SearchValues<string> BotMarkers = System.Buffers.SearchValues.Create(
        ["bot", "crawl", "spider", "slurp", "curl/", "wget", "python-requests", "httpclient", "headless", "preview", "facebookexternalhit", "monitor"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Crawlers, link previews and scripts announce themselves; an empty user agent is no browser either.</summary>
    public static bool IsBot(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) || userAgent.AsSpan().ContainsAny(BotMarkers);
}
