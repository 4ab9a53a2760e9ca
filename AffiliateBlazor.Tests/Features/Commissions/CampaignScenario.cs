using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Commissions;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Tests.Features.Commissions;

/// <summary>
/// A merchant in a time zone with one campaign and approved affiliates, each with its default link. Traffic goes
/// straight into the 15-minute rollups, as the tracking writer leaves it; sales come through a click on the link.
/// </summary>
public sealed class CampaignScenario
{
    private readonly ClockedApp _app;
    private readonly IReadOnlyDictionary<int, TrackingLink> _links;

    private CampaignScenario(ClockedApp app, Actor merchant, IReadOnlyList<Actor> affiliates, CampaignView campaign, IReadOnlyDictionary<int, TrackingLink> links)
    {
        (_app, Merchant, Affiliates, Campaign, _links) = (app, merchant, affiliates, campaign, links);
    }

    public Actor Merchant { get; }
    public IReadOnlyList<Actor> Affiliates { get; }
    public Actor Affiliate => Affiliates[0];
    public CampaignView Campaign { get; }

    /// <summary>A PPC or CPM campaign paying <paramref name="rate"/> minor units per click or per mille.</summary>
    public static Task<CampaignScenario> TrafficAsync(ClockedApp app, CommissionType type, long rate, DateTime createdAt,
        string timeZone = "UTC", int affiliates = 1, int holdDays = 30) =>
        CreateAsync(app, new CampaignInput { Type = type, FixedAmount = rate, HoldDays = holdDays }, createdAt, timeZone, affiliates);

    /// <summary>The campaign is created at <paramref name="createdAt"/>; the clock is left there.</summary>
    public static async Task<CampaignScenario> CreateAsync(ClockedApp app, CampaignInput input, DateTime createdAt, string timeZone = "UTC", int affiliates = 1)
    {
        app.SetNow(createdAt);
        var merchant = await app.Data.MerchantAsync(plan: "Business");
        await using (var db = await app.Db.CreateDbContextAsync())
            await db.Merchants.Where(m => m.Id == merchant.Merchant).ExecuteUpdateAsync(s => s.SetProperty(m => m.TimeZone, timeZone));
        var members = new List<Actor>();
        for (var i = 0; i < affiliates; i++) members.Add(await app.Data.ApprovedAffiliateAsync(merchant, $"Partner {i + 1}"));
        var campaign = await app.RunAsync<CampaignService, CampaignView>(s => s.CreateAsync(merchant,
            input with { Name = AppFactory.Unique("Campaign "), LandingUrl = "https://shop.example/landing" }));
        await using var read = await app.Db.CreateDbContextAsync();
        var links = await read.Links.AsNoTracking().Where(l => l.CampaignId == campaign.Id).ToDictionaryAsync(l => l.AffiliateId);
        return new CampaignScenario(app, merchant, members, campaign, links);
    }

    public Task ImpressionsAsync(Actor affiliate, DateTime utc, long impressions) =>
        AddAsync(affiliate, utc, r => r.Impressions += impressions);

    /// <summary>Clicks of which some are billable (not bots) and, of those, some unique.</summary>
    public Task ClicksAsync(Actor affiliate, DateTime utc, long clicks, long billable, long unique) =>
        AddAsync(affiliate, utc, r => (r.Clicks, r.BillableClicks, r.UniqueClicks) = (r.Clicks + clicks, r.BillableClicks + billable, r.UniqueClicks + unique));

    public string LinkCode(Actor affiliate) => _links[affiliate.Affiliate].Code;

    /// <summary>A visitor clicks the affiliate's link and buys half a minute later; answers the conversion's id.</summary>
    public async Task<long> SaleAsync(Actor affiliate, long amount)
    {
        var click = await _app.RunAsync<TrafficRecorder, RecordedClick?>(r =>
            r.RecordClickAsync(LinkCode(affiliate), new Visit(AppFactory.Unique("ip"), AppFactory.BrowserAgent, null, false, null, new string?[5])));
        // Sooner would be flagged as too fast after the click, and flagged sales are held from auto-approval.
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        var sale = await _app.RunAsync<ConversionService, RecordedConversion>(s =>
            s.RecordAsync(Merchant, new ConversionRequest(AppFactory.Unique("order-"), amount, ClickId: click!.PublicId), ConversionSource.Api));
        return sale.Conversion.Id;
    }

    /// <summary>The campaign's ledger lines by day, then affiliate, then id.</summary>
    public async Task<List<CommissionLine>> LinesAsync()
    {
        await using var db = await _app.Db.CreateDbContextAsync();
        return (await db.CommissionLines.AsNoTracking().Where(l => l.CampaignId == Campaign.Id).ToListAsync())
            .OrderBy(l => l.Day).ThenBy(l => l.AffiliateId).ThenBy(l => l.Id).ToList();
    }

    /// <summary>Runs the close at <paramref name="nowUtc"/>, as the job would then.</summary>
    public Task<int> CloseDaysAsync(DateTime nowUtc)
    {
        _app.SetNow(nowUtc);
        return _app.RunAsync<TrafficAccrualService, int>(s => s.CloseEndedDaysAsync());
    }

    /// <summary>Runs the close once the day ending at <paramref name="dayEndUtc"/> has settled.</summary>
    public Task<int> CloseDaysEndingAsync(DateTime dayEndUtc) => CloseDaysAsync(dayEndUtc + TrafficAccrualService.SettlingTime);

    private async Task AddAsync(Actor affiliate, DateTime utc, Action<TrafficRollup> count)
    {
        var link = _links[affiliate.Affiliate];
        var bucket = TrafficRollup.BucketOf(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        await using var db = await _app.Db.CreateDbContextAsync();
        var rollup = await db.TrafficRollups.FirstOrDefaultAsync(r => r.LinkId == link.Id && r.BucketStart == bucket);
        if (rollup is null)
            db.TrafficRollups.Add(rollup = new TrafficRollup
            {
                MerchantId = link.MerchantId, CampaignId = link.CampaignId, AffiliateId = link.AffiliateId, LinkId = link.Id, BucketStart = bucket,
            });
        count(rollup);
        await db.SaveChangesAsync();
    }
}
