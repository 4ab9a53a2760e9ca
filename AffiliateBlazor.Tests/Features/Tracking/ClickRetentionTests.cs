using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Features.Commissions;
using AffiliateBlazor.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>
/// Raw clicks go after the retention period (180 days by default), but never while their campaign's cookie window could
/// still credit a sale to them, never when a conversion names them, and never out of the rollups.
/// </summary>
public sealed class ClickRetentionTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private static readonly DateTime Start = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Old_clicks_are_deleted_after_the_retention_period_and_their_campaigns_cookie_window()
    {
        var month = await CampaignScenario.CreateAsync(app, new CampaignInput { PercentBasisPoints = 1000 }, Start);
        var year = await CampaignScenario.CreateAsync(app, new CampaignInput { PercentBasisPoints = 1000, CookieWindowDays = 365 }, Start);
        var unnamed = await ClickAsync(month);
        var sale = await month.SaleAsync(month.Affiliate, 10_000);
        var longWindow = await ClickAsync(year);
        app.SetNow(Start.AddDays(100));
        var recent = await ClickAsync(month);
        var rollupClicks = await RollupClicksAsync();

        app.SetNow(Start.AddDays(200));
        Assert.Equal(1, await DeleteExpiredAsync());
        var kept = await ClickIdsAsync();
        Assert.DoesNotContain(unnamed, kept);
        Assert.Contains(longWindow, kept);
        Assert.Contains(recent, kept);
        Assert.Contains(await ClickOfAsync(sale), kept);

        // The newest click stays, stripped of the visitor: ids continue after it on a restart, so no old click id is issued again.
        app.SetNow(Start.AddDays(400));
        Assert.Equal(1, await DeleteExpiredAsync());
        Assert.Equal([await ClickOfAsync(sale), recent], await ClickIdsAsync());
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            var newest = await db.Clicks.SingleAsync(c => c.Id == recent);
            Assert.Equal((null, null), (newest.IpHash, newest.UserAgent));
        }
        Assert.Equal(rollupClicks, await RollupClicksAsync());
        Assert.Equal(0, await DeleteExpiredAsync());
    }

    private async Task<long> ClickAsync(CampaignScenario scenario)
    {
        await app.RunAsync<TrafficRecorder, RecordedClick?>(r => r.RecordClickAsync(scenario.LinkCode(scenario.Affiliate),
            new Visit(AppFactory.Unique("ip"), AppFactory.BrowserAgent, null, false, null, new string?[5])));
        return (await ClickIdsAsync()).Max();
    }

    private Task<int> DeleteExpiredAsync() => app.RunAsync<ClickRetentionService, int>(s => s.DeleteExpiredAsync());

    private async Task<List<long>> ClickIdsAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.Clicks.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
    }

    private async Task<long> ClickOfAsync(long conversionId)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.Conversions.Where(c => c.Id == conversionId).Select(c => c.ClickId!.Value).SingleAsync();
    }

    private async Task<long> RollupClicksAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.TrafficRollups.SumAsync(r => r.Clicks);
    }
}
