using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Commissions;

/// <summary>What the daily close pays for PPC and CPM traffic, day by day, in UTC merchant days.</summary>
public sealed class TrafficAccrualServiceTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private static readonly DateTime Monday = new(2025, 3, 3, 0, 0, 0, DateTimeKind.Utc);

    private static DateOnly Day(int offset) => DateOnly.FromDateTime(Monday).AddDays(offset);

    [Fact]
    public async Task Cpm_pays_2500_impressions_at_2_per_mille_exactly_5_00_over_uneven_days()
    {
        var cpm = await CampaignScenario.TrafficAsync(app, CommissionType.Cpm, rate: 200, Monday.AddHours(-1));
        long[] impressions = [333, 1000, 1167];
        for (var d = 0; d < impressions.Length; d++)
        {
            var start = Monday.AddDays(d);
            // The day's first bucket, noon and its last bucket all count.
            await cpm.ImpressionsAsync(cpm.Affiliate, start, 100);
            await cpm.ImpressionsAsync(cpm.Affiliate, start.AddHours(12), impressions[d] - 200);
            await cpm.ImpressionsAsync(cpm.Affiliate, start.AddDays(1).AddTicks(-1), 100);
            await cpm.CloseDaysEndingAsync(start.AddDays(1));
        }

        var lines = await cpm.LinesAsync();
        Assert.Equal([(Day(0), 66L, 600L), (Day(1), 200L, 600L), (Day(2), 234L, 0L)],
            lines.Select(l => (l.Day!.Value, l.Amount, l.CarriedThousandths)));
        Assert.Equal(500, lines.Sum(l => l.Amount));
        Assert.All(lines, l =>
        {
            Assert.Equal((CommissionLineKind.ImpressionAccrual, CommissionLineStatus.Pending, "USD"), (l.Kind, l.Status, l.Currency));
            Assert.Equal((cpm.Merchant.Merchant, cpm.Affiliate.Affiliate, (long?)null), (l.MerchantId, l.AffiliateId, l.ConversionId));
        });
    }

    [Fact]
    public async Task Ppc_pays_unique_billable_clicks_only()
    {
        var ppc = await CampaignScenario.TrafficAsync(app, CommissionType.Ppc, rate: 25, Monday.AddHours(-1));
        var code = ppc.LinkCode(ppc.Affiliate);
        async Task ClickAsync(int minute, string ip, string agent, bool head = false)
        {
            app.SetNow(Monday.AddHours(10).AddMinutes(minute));
            Assert.NotNull(await app.RunAsync<TrafficRecorder, RecordedClick?>(r =>
                r.RecordClickAsync(code, new Visit(ip, agent, null, head, null, new string?[5]))));
        }

        await ClickAsync(0, "ip-a", AppFactory.BrowserAgent);
        await ClickAsync(20, "ip-a", AppFactory.BrowserAgent);           // the same visitor within the hour: not unique
        await ClickAsync(25, "ip-b", "Mozilla/5.0 (compatible; Googlebot/2.1)"); // a bot: not billable
        await ClickAsync(30, "ip-c", AppFactory.BrowserAgent, head: true); // a HEAD request: not billable
        await ClickAsync(40, "ip-d", AppFactory.BrowserAgent);
        await ClickAsync(90, "ip-a", AppFactory.BrowserAgent);          // the first visitor again, an hour and a half later

        await ppc.CloseDaysEndingAsync(Monday.AddDays(1));

        var line = Assert.Single(await ppc.LinesAsync());
        Assert.Equal((Day(0), 3 * 25L, 0L, CommissionLineKind.ClickAccrual), (line.Day!.Value, line.Amount, line.CarriedThousandths, line.Kind));
    }

    [Fact]
    public async Task Ppc_is_exact_to_the_cent_over_uneven_days_and_skips_days_without_unique_clicks()
    {
        var ppc = await CampaignScenario.TrafficAsync(app, CommissionType.Ppc, rate: 7, Monday.AddHours(-1), affiliates: 2);
        var (ada, bob) = (ppc.Affiliates[0], ppc.Affiliates[1]);
        await ppc.ClicksAsync(ada, Monday.AddHours(1), clicks: 40, billable: 30, unique: 13);
        await ppc.ClicksAsync(bob, Monday.AddHours(2), clicks: 3, billable: 3, unique: 3);
        await ppc.ClicksAsync(ada, Monday.AddDays(1).AddHours(5), clicks: 9, billable: 0, unique: 0);
        await ppc.ClicksAsync(ada, Monday.AddDays(2).AddHours(23).AddMinutes(50), clicks: 100, billable: 90, unique: 29);
        await ppc.ClicksAsync(ada, Monday.AddDays(2).AddHours(3), clicks: 1, billable: 1, unique: 1);

        await ppc.CloseDaysEndingAsync(Monday.AddDays(3));

        Assert.Equal([(Day(0), ada.Affiliate, 91L), (Day(0), bob.Affiliate, 21L), (Day(2), ada.Affiliate, 210L)],
            (await ppc.LinesAsync()).Select(l => (l.Day!.Value, l.AffiliateId, l.Amount)));
    }

    [Fact]
    public async Task A_fixed_personal_payout_replaces_the_campaign_rate_for_its_affiliate_only()
    {
        var ppc = await CampaignScenario.TrafficAsync(app, CommissionType.Ppc, rate: 25, Monday.AddHours(-1), affiliates: 4);
        var (fixedRate, percent, coupon, plain) = (ppc.Affiliates[0], ppc.Affiliates[1], ppc.Affiliates[2], ppc.Affiliates[3]);
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            PersonalPayout Payout(Actor affiliate, PayoutBasis basis, long amount, int basisPoints = 0, string? couponCode = null) => new()
            {
                MerchantId = ppc.Merchant.Merchant, CampaignId = ppc.Campaign.Id, AffiliateId = affiliate.Affiliate, Basis = basis,
                FixedAmount = amount, PercentBasisPoints = basisPoints, CouponCode = couponCode, CreatedAt = Monday,
            };
            db.PersonalPayouts.AddRange(Payout(fixedRate, PayoutBasis.Fixed, 40), Payout(percent, PayoutBasis.Percent, 0, basisPoints: 1500),
                Payout(coupon, PayoutBasis.Fixed, 90, couponCode: "SPRING"));
            await db.SaveChangesAsync();
        }
        foreach (var affiliate in ppc.Affiliates) await ppc.ClicksAsync(affiliate, Monday.AddHours(9), clicks: 10, billable: 10, unique: 10);

        await ppc.CloseDaysEndingAsync(Monday.AddDays(1));

        var paid = (await ppc.LinesAsync()).ToDictionary(l => l.AffiliateId, l => l.Amount);
        Assert.Equal(400, paid[fixedRate.Affiliate]);
        Assert.Equal(250, paid[percent.Affiliate]);
        Assert.Equal(250, paid[coupon.Affiliate]);
        Assert.Equal(250, paid[plain.Affiliate]);
    }

    [Fact]
    public async Task Conversion_campaigns_accrue_nothing_for_their_traffic()
    {
        var cps = await CampaignScenario.CreateAsync(app, new() { PercentBasisPoints = 1000 }, Monday.AddHours(-1));
        await cps.ClicksAsync(cps.Affiliate, Monday.AddHours(3), clicks: 5, billable: 5, unique: 5);
        await cps.ImpressionsAsync(cps.Affiliate, Monday.AddHours(3), 5000);

        await cps.CloseDaysEndingAsync(Monday.AddDays(1));

        Assert.Empty(await cps.LinesAsync());
    }
}
