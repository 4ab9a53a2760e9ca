using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>What the click endpoint knows of a visit, already trimmed and hashed. The link's default sub-ids fill the gaps in <see cref="Subs"/>.</summary>
public sealed record Visit(string? IpHash, string? UserAgent, string? Referrer, bool IsHead, int? CreativeId, string?[] Subs);

public sealed record RecordedClick(string PublicId, string RedirectTo, string CookieName, int CookieWindowDays, AttributionModel Attribution);

/// <summary>
/// Records clicks and impressions on tracking links: the link comes from the in-process cache, the event goes to the
/// single writer, and the caller gets its answer once the event is durable. A visitor who leaves meanwhile changes
/// nothing: the event is saved all the same, within one commit.
/// </summary>
public sealed class TrafficRecorder(LinkCache links, UniqueVisitors visitors, ClickIds clickIds, TrackingWriter writer, TimeProvider clock)
{
    /// <summary>Null when the link is unknown, inactive, or its campaign does not take traffic.</summary>
    public async Task<RecordedClick?> RecordClickAsync(string code, Visit visit)
    {
        if (await links.FindAsync(code) is not { } link) return null;
        var billable = !visit.IsHead && !VisitorPrivacy.IsBot(visit.UserAgent);
        var id = clickIds.Next();
        var subs = visit.Subs;
        for (var i = 0; i < subs.Length; i++) subs[i] ??= link.DefaultSubs[i];
        var at = clock.GetUtcNow().UtcDateTime;
        var click = new ClickRow(id, clickIds.Encode(id), visit.CreativeId, visit.IpHash, visit.UserAgent, visit.Referrer, subs,
            IsUnique: billable && visitors.IsFirstInWindow(link.LinkId, visit.IpHash, at), IsBillable: billable);
        try
        {
            await writer.WriteAsync(new TrackingEvent(link, at, click));
        }
        catch when (click.IsUnique)
        {
            // The visitor is refused (503) and may retry: that retry is still their first click.
            visitors.Forget(link.LinkId, visit.IpHash, at);
            throw;
        }
        return new(click.PublicId, link.LandingFor(click.PublicId), link.CookieName, link.CookieWindowDays, link.Attribution);
    }

    /// <summary>
    /// Counts one impression of the link; false, counting nothing, when the link takes no traffic or, for a banner,
    /// points into another campaign than the banner's (any link could otherwise count impressions of any banner).
    /// </summary>
    public async Task<bool> RecordImpressionAsync(string code, int? bannerCampaignId = null)
    {
        if (await links.FindAsync(code) is not { } link || (bannerCampaignId is { } campaign && campaign != link.CampaignId)) return false;
        await writer.WriteAsync(new TrackingEvent(link, clock.GetUtcNow().UtcDateTime, null));
        return true;
    }
}
