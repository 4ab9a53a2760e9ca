using System.Security.Cryptography;
using System.Text;
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

    public VisitorPrivacy(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration["Tracking:IpHashKey"] is { Length: >= 16 } configured)
        {
            _key = Encoding.UTF8.GetBytes(configured);
            return;
        }
        var folder = Path.GetDirectoryName(DatabaseSetup.DataSource(configuration, environment.ContentRootPath))!;
        var file = Path.Combine(folder, "ip-hash.key");
        if (!File.Exists(file)) File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(32));
        _key = File.ReadAllBytes(file);
    }

    public string? HashIp(System.Net.IPAddress? ip) =>
        ip is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_key, ip.MapToIPv6().GetAddressBytes()))[..32];

    /// <summary>A key for another purpose, derived from the same secret so an install keeps one secret file.</summary>
    public byte[] DeriveKey(string purpose) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose));

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
