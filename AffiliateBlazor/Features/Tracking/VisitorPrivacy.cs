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
    private readonly byte[] _key;

    public VisitorPrivacy(IConfiguration configuration, IHostEnvironment environment) =>
        _key = LocalSecrets.LoadOrCreate(configuration, environment, "Tracking:IpHashKey", "ip-hash.key");

    public string? HashIp(System.Net.IPAddress? ip) =>
        ip is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_key, ip.MapToIPv6().GetAddressBytes()))[..32];

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
