using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Commissions;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Commissions;

/// <summary>Days are cut and closed in the merchant's time zone: never before they end, and with all of their traffic.</summary>
public sealed class MerchantDayClosingTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_kathmandu_day_runs_from_18_15_utc_and_is_not_closed_before_it_ends()
    {
        // 10 March in Kathmandu (+5:45) is [9 March 18:15, 10 March 18:15) UTC. CPM at 10.00 per mille pays a cent an impression.
        var dayStart = Utc(2025, 3, 9, 18, 15);
        var dayEnd = Utc(2025, 3, 10, 18, 15);
        var cpm = await CampaignScenario.TrafficAsync(app, CommissionType.Cpm, rate: 1000, Utc(2025, 3, 1, 0), timeZone: "Asia/Kathmandu");
        await cpm.ImpressionsAsync(cpm.Affiliate, dayStart.AddMinutes(-15), 1000);
        await cpm.ImpressionsAsync(cpm.Affiliate, dayStart, 100);
        await cpm.ImpressionsAsync(cpm.Affiliate, dayEnd.AddMinutes(-15), 200);
        await cpm.ImpressionsAsync(cpm.Affiliate, dayEnd, 4000);

        await cpm.CloseDaysAsync(dayEnd.AddTicks(-1));
        await cpm.CloseDaysAsync(dayEnd + TrafficAccrualService.SettlingTime - TimeSpan.FromTicks(1));
        Assert.Equal([(new DateOnly(2025, 3, 9), 1000L)], (await cpm.LinesAsync()).Select(l => (l.Day!.Value, l.Amount)));

        await cpm.CloseDaysEndingAsync(dayEnd);
        Assert.Equal([(new DateOnly(2025, 3, 9), 1000L), (new DateOnly(2025, 3, 10), 300L)],
            (await cpm.LinesAsync()).Select(l => (l.Day!.Value, l.Amount)));
    }

    [Fact]
    public async Task New_yorks_25_hour_day_at_the_november_change_counts_all_of_its_traffic()
    {
        // 2 November 2025: EDT (-4) until 2:00, then EST (-5): [04:00 UTC, 05:00 UTC next day), 100 quarter hours.
        var dayStart = Utc(2025, 11, 2, 4);
        var dayEnd = Utc(2025, 11, 3, 5);
        var cpm = await CampaignScenario.TrafficAsync(app, CommissionType.Cpm, rate: 1000, Utc(2025, 10, 1, 0), timeZone: "America/New_York");
        for (var bucket = dayStart; bucket < dayEnd; bucket = bucket.AddMinutes(15))
            await cpm.ImpressionsAsync(cpm.Affiliate, bucket, 1);
        await cpm.ImpressionsAsync(cpm.Affiliate, dayStart.AddMinutes(-15), 7);
        await cpm.ImpressionsAsync(cpm.Affiliate, dayEnd, 9);

        // 24 hours after its start the day is not over yet: its repeated hour is still to come.
        await cpm.CloseDaysEndingAsync(dayStart.AddHours(24));
        Assert.Equal([(new DateOnly(2025, 11, 1), 7L)], (await cpm.LinesAsync()).Select(l => (l.Day!.Value, l.Amount)));

        await cpm.CloseDaysEndingAsync(dayEnd);
        Assert.Equal([(new DateOnly(2025, 11, 1), 7L), (new DateOnly(2025, 11, 2), 100L)],
            (await cpm.LinesAsync()).Select(l => (l.Day!.Value, l.Amount)));
    }

    [Fact]
    public async Task New_yorks_23_hour_day_in_march_closes_an_hour_early_with_all_of_its_traffic()
    {
        // 9 March 2025: EST (-5) until 2:00, then EDT (-4): [05:00 UTC, 04:00 UTC next day), 92 quarter hours.
        var dayStart = Utc(2025, 3, 9, 5);
        var dayEnd = Utc(2025, 3, 10, 4);
        var cpm = await CampaignScenario.TrafficAsync(app, CommissionType.Cpm, rate: 1000, Utc(2025, 3, 1, 0), timeZone: "America/New_York");
        for (var bucket = dayStart; bucket < dayEnd; bucket = bucket.AddMinutes(15))
            await cpm.ImpressionsAsync(cpm.Affiliate, bucket, 1);
        await cpm.ImpressionsAsync(cpm.Affiliate, dayEnd, 9);

        await cpm.CloseDaysEndingAsync(dayEnd);

        Assert.Equal([(new DateOnly(2025, 3, 9), 92L)], (await cpm.LinesAsync()).Select(l => (l.Day!.Value, l.Amount)));
    }

    [Fact]
    public async Task An_unknown_time_zone_closes_utc_days()
    {
        var ppc = await CampaignScenario.TrafficAsync(app, CommissionType.Ppc, rate: 10, Utc(2025, 5, 1, 0), timeZone: "Mars/Olympus_Mons");
        await ppc.ClicksAsync(ppc.Affiliate, Utc(2025, 5, 1, 23, 50), clicks: 2, billable: 2, unique: 2);

        await ppc.CloseDaysEndingAsync(Utc(2025, 5, 2, 0));

        Assert.Equal([(new DateOnly(2025, 5, 1), 20L)], (await ppc.LinesAsync()).Select(l => (l.Day!.Value, l.Amount)));
    }
}
