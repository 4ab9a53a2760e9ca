using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>What the tracking endpoints need of a link, resolved once and kept in memory.</summary>
public sealed record CachedLink(
    int LinkId, int MerchantId, int CampaignId, int AffiliateId, string CampaignKey, string LandingUrl, string ClickIdParameter,
    int CookieWindowDays, AttributionModel Attribution, string?[] DefaultSubs)
{
    /// <summary>Computed once per cached link rather than on every click.</summary>
    public string CookieName { get; } = TrackingEndpoints.CampaignCookie(CampaignKey);

    // The landing address split around the click id once, so a click only concatenates strings.
    private readonly (string Before, string After) _landing = LandingParts(LandingUrl, ClickIdParameter);

    /// <summary>
    /// The merchant's landing page with the click id appended, and nothing taken from the request: the visitor can
    /// only ever be sent where the merchant set. Click ids are base64url, which needs no escaping in a query.
    /// </summary>
    public string LandingFor(string clickId) => string.Concat(_landing.Before, clickId, _landing.After);

    private static (string, string) LandingParts(string landingUrl, string parameter)
    {
        var landing = new UriBuilder(landingUrl);
        var fragment = landing.Fragment;
        var query = landing.Query.TrimStart('?');
        landing.Fragment = "";
        landing.Query = (query.Length > 0 ? query + "&" : "") + Uri.EscapeDataString(parameter) + "=";
        return (landing.Uri.AbsoluteUri, fragment);
    }
}

/// <summary>
/// The in-process link cache of the hot path: a click costs no database read. Entries live a minute, so a change made
/// by another instance shows within that time; changes made here clear the cache at once.
/// </summary>
public sealed class LinkCache(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private const int MaxEntries = 200_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private long _generation;

    private sealed record Entry(CachedLink? Link, long LoadedAt);

    /// <summary>The link if it takes traffic (link and campaign active), otherwise null.</summary>
    public ValueTask<CachedLink?> FindAsync(string code)
    {
        var now = clock.GetTimestamp();
        return _entries.TryGetValue(code, out var entry) && clock.GetElapsedTime(entry.LoadedAt, now) < Lifetime
            ? ValueTask.FromResult(entry.Link)
            : new ValueTask<CachedLink?>(LoadAsync(code, now));
    }

    /// <summary>Called whenever a link or campaign changes.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private async Task<CachedLink?> LoadAsync(string code, long now)
    {
        var generation = Interlocked.Read(ref _generation);
        await using var db = await dbFactory.CreateDbContextAsync();
        var link = await db.Links.AsNoTracking()
            .Where(l => l.Code == code && l.Active && l.Campaign!.Status == CampaignStatus.Active)
            .Select(l => new CachedLink(l.Id, l.MerchantId, l.CampaignId, l.AffiliateId, l.Campaign!.PublicKey, l.Campaign.LandingUrl,
                l.Campaign.ClickIdParameter, l.Campaign.CookieWindowDays, l.Campaign.Attribution, new[] { l.Sub1, l.Sub2, l.Sub3, l.Sub4, l.Sub5 }))
            .FirstOrDefaultAsync();
        // Unknown codes are remembered too, so probing random codes does not reach the database; the size stays bounded.
        if (_entries.Count >= MaxEntries) _entries.Clear();
        // A change saved while this read ran cleared the cache after it: keeping the old answer would undo that clear.
        if (generation == Interlocked.Read(ref _generation)) _entries[code] = new Entry(link, now);
        return link;
    }
}
