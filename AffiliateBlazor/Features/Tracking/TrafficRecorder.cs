using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>What the click endpoint knows of a visit, already trimmed and hashed.</summary>
public sealed record Visit(string? IpHash, string? UserAgent, string? Referrer, bool IsHead, int? CreativeId, string?[] Subs);

public sealed record RecordedClick(string PublicId, string RedirectTo, string CampaignKey, int CookieWindowDays, AttributionModel Attribution);

/// <summary>Records clicks and impressions on tracking links; a click also works out where to send the visitor.</summary>
public sealed class TrafficRecorder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int ClickIdLength = 20;
    private static readonly TimeSpan UniqueWindow = TimeSpan.FromHours(1);

    /// <summary>Null when the link is unknown, inactive, or its campaign does not take traffic.</summary>
    public async Task<RecordedClick?> RecordClickAsync(string code, Visit visit)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var link = await db.Links.AsNoTracking().Include(l => l.Campaign)
            .FirstOrDefaultAsync(l => l.Code == code && l.Active && l.Campaign!.Status == CampaignStatus.Active);
        if (link?.Campaign is not { } campaign) return null;

        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - UniqueWindow;
        var unique = visit.IpHash is null || !await db.Clicks.AnyAsync(c => c.LinkId == link.Id && c.IpHash == visit.IpHash && c.At >= since);
        var billable = !visit.IsHead && !VisitorPrivacy.IsBot(visit.UserAgent);
        var click = new Click
        {
            PublicId = Tokens.New(ClickIdLength), MerchantId = link.MerchantId, CampaignId = link.CampaignId, AffiliateId = link.AffiliateId,
            LinkId = link.Id, CreativeId = visit.CreativeId, At = now, IpHash = visit.IpHash, UserAgent = visit.UserAgent, Referrer = visit.Referrer,
            Sub1 = visit.Subs[0] ?? link.Sub1, Sub2 = visit.Subs[1] ?? link.Sub2, Sub3 = visit.Subs[2] ?? link.Sub3,
            Sub4 = visit.Subs[3] ?? link.Sub4, Sub5 = visit.Subs[4] ?? link.Sub5, IsUnique = unique && billable, IsBillable = billable,
        };

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Clicks.Add(click);
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO TrafficRollups (MerchantId, CampaignId, AffiliateId, LinkId, BucketStart, Clicks, UniqueClicks, BillableClicks, Impressions)
            VALUES ({link.MerchantId}, {link.CampaignId}, {link.AffiliateId}, {link.Id}, {TrafficRollup.BucketOf(now)}, 1, {(click.IsUnique ? 1 : 0)}, {(billable ? 1 : 0)}, 0)
            ON CONFLICT (LinkId, BucketStart) DO UPDATE SET Clicks = Clicks + 1,
                UniqueClicks = UniqueClicks + excluded.UniqueClicks, BillableClicks = BillableClicks + excluded.BillableClicks
            """);
        await transaction.CommitAsync();
        return new(click.PublicId, LandingAddress(campaign, click.PublicId), campaign.PublicKey, campaign.CookieWindowDays, campaign.Attribution);
    }

    /// <summary>Counts one impression of the link (and banner, when given); false when the link takes no traffic.</summary>
    public async Task<bool> RecordImpressionAsync(string code, int? creativeId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var link = await db.Links.AsNoTracking()
            .FirstOrDefaultAsync(l => l.Code == code && l.Active && l.Campaign!.Status == CampaignStatus.Active);
        if (link is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO TrafficRollups (MerchantId, CampaignId, AffiliateId, LinkId, BucketStart, Clicks, UniqueClicks, BillableClicks, Impressions)
            VALUES ({link.MerchantId}, {link.CampaignId}, {link.AffiliateId}, {link.Id}, {TrafficRollup.BucketOf(now)}, 0, 0, 0, 1)
            ON CONFLICT (LinkId, BucketStart) DO UPDATE SET Impressions = Impressions + 1
            """);
        return true;
    }

    /// <summary>
    /// The campaign's configured landing page with the click id appended, and nothing taken from the request: the
    /// visitor can only ever be sent to the landing page the merchant set.
    /// </summary>
    public static string LandingAddress(Campaign campaign, string clickId)
    {
        var landing = new UriBuilder(campaign.LandingUrl);
        var query = landing.Query.TrimStart('?');
        landing.Query = (query.Length > 0 ? query + "&" : "") + Uri.EscapeDataString(campaign.ClickIdParameter) + "=" + Uri.EscapeDataString(clickId);
        return landing.Uri.AbsoluteUri;
    }
}
