using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Commissions;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Commissions;

/// <summary>Closing a day pays it once, however often and however many instances run the close, and late runs catch up.</summary>
public sealed class TrafficAccrualIdempotencyTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private static readonly DateTime June = new(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Running_the_close_again_writes_nothing_and_changes_nothing()
    {
        var ppc = await CampaignScenario.TrafficAsync(app, CommissionType.Ppc, rate: 30, June.AddHours(-1), affiliates: 2);
        foreach (var affiliate in ppc.Affiliates)
            for (var d = 0; d < 2; d++) await ppc.ClicksAsync(affiliate, June.AddDays(d).AddHours(8), clicks: 4, billable: 4, unique: 3);

        await ppc.CloseDaysEndingAsync(June.AddDays(2));
        var first = await ppc.LinesAsync();
        Assert.Equal(0, await ppc.CloseDaysEndingAsync(June.AddDays(2)));
        await ppc.CloseDaysEndingAsync(June.AddDays(9));

        Assert.Equal(4, first.Count);
        Assert.Equal(first.Select(Shape), (await ppc.LinesAsync()).Select(Shape));
    }

    [Fact]
    public async Task Closes_running_at_once_still_write_one_line_per_affiliate_and_day_with_the_right_carries()
    {
        var cpm = await CampaignScenario.TrafficAsync(app, CommissionType.Cpm, rate: 170, June.AddHours(-1), affiliates: 3);
        var impressions = new Dictionary<int, long[]>();
        foreach (var (affiliate, i) in cpm.Affiliates.Select((a, i) => (a, i)))
        {
            impressions[affiliate.Affiliate] = Enumerable.Range(0, 6).Select(d => (long)(37 * (i + 1) + 211 * d)).ToArray();
            for (var d = 0; d < 6; d++) await cpm.ImpressionsAsync(affiliate, June.AddDays(d).AddHours(d + i), impressions[affiliate.Affiliate][d]);
        }

        app.SetNow(June.AddDays(6) + TrafficAccrualService.SettlingTime);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            app.RunAsync<TrafficAccrualService, int>(s => s.CloseEndedDaysAsync()))));

        var lines = await cpm.LinesAsync();
        Assert.Equal(18, lines.Count);
        foreach (var affiliate in cpm.Affiliates)
        {
            var expected = Expected(impressions[affiliate.Affiliate], rate: 170);
            Assert.Equal(expected, lines.Where(l => l.AffiliateId == affiliate.Affiliate).Select(l => (l.Day!.Value, l.Amount, l.CarriedThousandths)));
        }
    }

    [Fact]
    public async Task A_close_after_days_of_downtime_catches_up_every_missed_day_in_order()
    {
        var cpm = await CampaignScenario.TrafficAsync(app, CommissionType.Cpm, rate: 200, June.AddHours(-1));
        long[] impressions = [333, 0, 1000, 1, 1166];
        for (var d = 0; d < impressions.Length; d++)
            if (impressions[d] > 0) await cpm.ImpressionsAsync(cpm.Affiliate, June.AddDays(d).AddHours(14), impressions[d]);

        await cpm.CloseDaysEndingAsync(June.AddDays(7));

        var lines = await cpm.LinesAsync();
        // No traffic on day 1: no line, and its carry passes through untouched. Day 3's single impression pays
        // nothing, yet its line carries 0.8 of a cent that day 4 turns into money.
        Assert.Equal([(Day(0), 66L, 600L), (Day(2), 200L, 600L), (Day(3), 0L, 800L), (Day(4), 234L, 0L)],
            lines.Select(l => (l.Day!.Value, l.Amount, l.CarriedThousandths)));
        Assert.Equal(500, lines.Sum(l => l.Amount));
    }

    [Fact]
    public async Task Traffic_of_a_new_day_continues_from_the_carry_of_the_last_closed_day()
    {
        var cpm = await CampaignScenario.TrafficAsync(app, CommissionType.Cpm, rate: 200, June.AddHours(-1));
        await cpm.ImpressionsAsync(cpm.Affiliate, June.AddHours(3), 1);
        await cpm.CloseDaysEndingAsync(June.AddDays(1));
        await cpm.ImpressionsAsync(cpm.Affiliate, June.AddDays(4).AddHours(3), 2499);

        await cpm.CloseDaysEndingAsync(June.AddDays(5));

        Assert.Equal([(Day(0), 0L, 200L), (Day(4), 500L, 0L)],
            (await cpm.LinesAsync()).Select(l => (l.Day!.Value, l.Amount, l.CarriedThousandths)));
    }

    private static DateOnly Day(int offset) => DateOnly.FromDateTime(June).AddDays(offset);

    private static (long Id, DateOnly? Day, int AffiliateId, long Amount, long Carried, CommissionLineStatus Status) Shape(CommissionLine l) =>
        (l.Id, l.Day, l.AffiliateId, l.Amount, l.CarriedThousandths, l.Status);

    private static IEnumerable<(DateOnly, long, long)> Expected(long[] impressionsPerDay, long rate)
    {
        long carried = 0;
        for (var d = 0; d < impressionsPerDay.Length; d++)
        {
            var day = TrafficAccrual.ForDay(CommissionType.Cpm, impressionsPerDay[d], rate, carried);
            carried = day.CarriedThousandths;
            yield return (Day(d), day.Pay, day.CarriedThousandths);
        }
    }
}
