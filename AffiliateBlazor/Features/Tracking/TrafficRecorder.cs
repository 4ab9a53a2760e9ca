using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>What the click endpoint knows of a visit, already trimmed and hashed. The link's default sub-ids fill the gaps in <see cref="Subs"/>.</summary>
public sealed record Visit(string? IpHash, string? UserAgent, string? Referrer, bool IsHead, int? CreativeId, string?[] Subs);

public sealed record RecordedClick(string PublicId, string RedirectTo, string CookieName, int CookieWindowDays, AttributionModel Attribution);

/// <summary>
/// A click handed to the writer: <see cref="Click"/> is what the visitor is answered with, once <see cref="Saved"/>
/// completes (the click is durable); <see cref="Saved"/> fails when it could not be saved.
/// </summary>
public readonly record struct PendingClick(RecordedClick Click, ValueTask Saved);

/// <summary>
/// Records clicks and impressions on tracking links: the link comes from the in-process cache, the event goes to the
/// single writer, and the caller answers once the event is durable. A visitor who leaves meanwhile changes nothing:
/// the event is saved all the same, within one commit. The tracking endpoints find the link and await the writer
/// themselves (<see cref="FindLinkAsync"/>, then <see cref="StartClick"/> or <see cref="StartImpression"/>): every
/// awaiting layer costs each click a state machine on the heap, so the hot path has only one.
/// </summary>
public sealed class TrafficRecorder(LinkCache links, UniqueVisitors visitors, ClickIds clickIds, TrackingWriter writer, TimeProvider clock)
{
    /// <summary>The link if it takes traffic (link and campaign active): from memory nearly always.</summary>
    public ValueTask<CachedLink?> FindLinkAsync(string code) => links.FindAsync(code);

    /// <summary>Queues the click of a visit on the link; answer the visitor only once its <see cref="PendingClick.Saved"/> completes.</summary>
    public PendingClick StartClick(CachedLink link, Visit visit)
    {
        var billable = !visit.IsHead && !VisitorPrivacy.IsBot(visit.UserAgent);
        var id = clickIds.Next();
        var subs = visit.Subs;
        for (var i = 0; i < subs.Length; i++) subs[i] ??= link.DefaultSubs[i];
        var at = clock.GetUtcNow().UtcDateTime;
        var click = new ClickRow(id, clickIds.Encode(id), visit.CreativeId, visit.IpHash, visit.UserAgent, visit.Referrer, subs,
            IsUnique: billable && visitors.IsFirstInWindow(link.LinkId, visit.IpHash, at), IsBillable: billable);
        var saved = writer.WriteAsync(new TrackingEvent(link, at, click, visitors));
        return new(new(click.PublicId, link.LandingFor(click.PublicId), link.CookieName, link.CookieWindowDays, link.Attribution), saved);
    }

    /// <summary>Queues one impression of the link; it counts once the task completes.</summary>
    public ValueTask StartImpression(CachedLink link) => writer.WriteAsync(new TrackingEvent(link, clock.GetUtcNow().UtcDateTime, null));

    /// <summary>
    /// Counts one view of a banner through the link; false, counting nothing, when the link takes no traffic or points
    /// into another campaign than the banner's (any link could otherwise count impressions of any banner).
    /// </summary>
    public async Task<bool> RecordBannerViewAsync(string code, int bannerCampaignId)
    {
        if (await FindLinkAsync(code) is not { } link || link.CampaignId != bannerCampaignId) return false;
        await StartImpression(link);
        return true;
    }
}
