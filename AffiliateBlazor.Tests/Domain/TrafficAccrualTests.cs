using AffiliateBlazor.Domain;
using static AffiliateBlazor.Domain.TrafficAccrual;

namespace AffiliateBlazor.Tests.Domain;

public class TrafficAccrualTests
{
    [Fact]
    public void Cpm_carries_fractions_so_uneven_days_pay_exactly()
    {
        var day1 = ForDay(CommissionType.Cpm, 333, 200, 0);
        var day2 = ForDay(CommissionType.Cpm, 1000, 200, day1.CarriedThousandths);
        var day3 = ForDay(CommissionType.Cpm, 1167, 200, day2.CarriedThousandths);

        Assert.Equal(new DayResult(66, 600), day1);
        Assert.Equal(new DayResult(200, 600), day2);
        Assert.Equal(new DayResult(234, 0), day3);
        Assert.Equal(500, day1.Pay + day2.Pay + day3.Pay);
    }

    [Theory]
    [InlineData(new long[] { 333, 1000, 1167 })]
    [InlineData(new long[] { 1167, 1000, 333 })]
    [InlineData(new long[] { 2500 })]
    [InlineData(new long[] { 1, 1, 1, 1, 2496 })]
    [InlineData(new long[] { 0, 999, 0, 1, 1500 })]
    [InlineData(new long[] { 7, 13, 29, 101, 350, 2000 })]
    public void Cpm_2500_impressions_at_2_per_mille_pay_5_in_total(long[] days)
    {
        Assert.Equal(2500, days.Sum());
        Assert.Equal((500L, 0L), Run(CommissionType.Cpm, days, 200));
    }

    [Fact]
    public void Cpm_one_impression_a_day_for_2500_days_pays_exactly_5()
    {
        var days = Enumerable.Repeat(1L, 2500).ToArray();
        Assert.Equal((500L, 0L), Run(CommissionType.Cpm, days, 200));
    }

    [Fact]
    public void Cpm_leftover_below_a_cent_stays_carried()
    {
        Assert.Equal((2L, 496L), Run(CommissionType.Cpm, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 192));
        Assert.Equal(new DayResult(0, 1), ForDay(CommissionType.Cpm, 1, 1, 0));
        Assert.Equal(new DayResult(1, 0), ForDay(CommissionType.Cpm, 1, 1, 999));
        Assert.Equal(new DayResult(0, 999), ForDay(CommissionType.Cpm, 0, 200, 999));
    }

    [Fact]
    public void Cpm_large_volumes_are_exact() =>
        Assert.Equal(new DayResult(250_000_000, 0), ForDay(CommissionType.Cpm, 1_000_000_000, 250, 0));

    [Theory]
    [InlineData(37, 25, 0, 925)]
    [InlineData(37, 25, 400, 925)]
    [InlineData(0, 25, 0, 0)]
    [InlineData(1, 0, 0, 0)]
    [InlineData(1_000_000, 3, 999, 3_000_000)]
    public void Ppc_pays_count_times_rate_and_leaves_the_carry_alone(long clicks, long rate, long carried, long pay) =>
        Assert.Equal(new DayResult(pay, carried), ForDay(CommissionType.Ppc, clicks, rate, carried));

    [Theory]
    [InlineData(CommissionType.Cps)]
    [InlineData(CommissionType.Cpa)]
    [InlineData(CommissionType.Coupon)]
    public void Conversion_types_accrue_nothing_for_traffic(CommissionType type) =>
        Assert.Equal(new DayResult(0, 300), ForDay(type, 10_000, 200, 300));

    [Theory]
    [InlineData(CommissionType.Cpm, -1, 200, 0)]
    [InlineData(CommissionType.Cpm, 10, -1, 0)]
    [InlineData(CommissionType.Cpm, 10, 200, -1)]
    [InlineData(CommissionType.Cpm, 10, 200, 1000)]
    [InlineData(CommissionType.Cpm, 10, 200, long.MaxValue)]
    [InlineData(CommissionType.Ppc, -5, 25, 0)]
    [InlineData(CommissionType.Ppc, 5, -25, 0)]
    [InlineData(CommissionType.Ppc, 5, 25, 1000)]
    [InlineData(CommissionType.Cps, -1, 0, 0)]
    public void Invalid_inputs_are_refused(CommissionType type, long events, long rate, long carried) =>
        Assert.Throws<DomainException>(() => ForDay(type, events, rate, carried));

    [Theory]
    [InlineData(CommissionType.Ppc)]
    [InlineData(CommissionType.Cpm)]
    public void Overflowing_volumes_are_refused_not_wrapped(CommissionType type) =>
        Assert.Throws<OverflowException>(() => ForDay(type, long.MaxValue / 2 + 1, 2, 0));

    private static (long Paid, long Carried) Run(CommissionType type, long[] days, long rate)
    {
        long paid = 0, carried = 0;
        foreach (var events in days)
        {
            var day = ForDay(type, events, rate, carried);
            Assert.InRange(day.CarriedThousandths, 0, 999);
            paid += day.Pay;
            carried = day.CarriedThousandths;
        }
        return (paid, carried);
    }
}
