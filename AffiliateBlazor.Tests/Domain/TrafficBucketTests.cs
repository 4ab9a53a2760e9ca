using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

public class TrafficBucketTests
{
    private static DateTime Utc(int h, int m, int s = 0) => new(2025, 3, 10, h, m, s, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 0, 0, 0, 0)]
    [InlineData(0, 14, 59, 0, 0)]
    [InlineData(0, 15, 0, 0, 15)]
    [InlineData(12, 29, 59, 12, 15)]
    [InlineData(12, 30, 0, 12, 30)]
    [InlineData(12, 44, 1, 12, 30)]
    [InlineData(12, 45, 0, 12, 45)]
    [InlineData(23, 59, 59, 23, 45)]
    public void Buckets_start_on_quarter_hours(int h, int m, int s, int bh, int bm)
    {
        var bucket = TrafficRollup.BucketOf(Utc(h, m, s));
        Assert.Equal(Utc(bh, bm), bucket);
        Assert.Equal(DateTimeKind.Utc, bucket.Kind);
    }

    [Fact]
    public void The_last_tick_of_a_bucket_stays_in_it()
    {
        Assert.Equal(Utc(10, 0), TrafficRollup.BucketOf(Utc(10, 15).AddTicks(-1)));
        Assert.Equal(Utc(10, 15), TrafficRollup.BucketOf(Utc(10, 15)));
    }

    [Fact]
    public void A_day_has_96_buckets()
    {
        var buckets = Enumerable.Range(0, 24 * 60).Select(m => TrafficRollup.BucketOf(Utc(0, 0).AddMinutes(m))).Distinct().ToList();
        Assert.Equal(96, buckets.Count);
        Assert.All(buckets, b => Assert.Equal(0, b.Minute % 15));
        Assert.All(buckets, b => Assert.Equal((0, 0), (b.Second, b.Millisecond)));
    }

    [Theory]
    [InlineData(5, 45, 18, 15)]  // Nepal: local midnight is 18:15 UTC the day before
    [InlineData(5, 30, 18, 30)]  // India
    [InlineData(-3, -30, 3, 30)] // Newfoundland
    [InlineData(12, 45, 11, 15)] // Chatham Islands
    public void Local_midnight_of_quarter_hour_zones_falls_on_a_bucket_edge(int offsetH, int offsetM, int utcH, int utcM)
    {
        var offset = new TimeSpan(offsetH, offsetM, 0);
        var localMidnight = new DateTimeOffset(2025, 3, 10, 0, 0, 0, offset).UtcDateTime;
        Assert.Equal((utcH, utcM), (localMidnight.Hour, localMidnight.Minute));
        Assert.Equal(localMidnight, TrafficRollup.BucketOf(localMidnight));
        Assert.Equal(localMidnight.AddMinutes(-15), TrafficRollup.BucketOf(localMidnight.AddTicks(-1)));
    }

    [Fact]
    public void A_nepal_day_is_exactly_96_whole_buckets()
    {
        var offset = new TimeSpan(5, 45, 0);
        var start = new DateTimeOffset(2025, 3, 10, 0, 0, 0, offset).UtcDateTime;
        var end = new DateTimeOffset(2025, 3, 11, 0, 0, 0, offset).UtcDateTime;
        var buckets = Enumerable.Range(0, 24 * 60).Select(m => TrafficRollup.BucketOf(start.AddMinutes(m))).Distinct().ToList();
        Assert.Equal(96, buckets.Count);
        Assert.Equal(start, buckets[0]);
        Assert.Equal(end.AddMinutes(-15), buckets[^1]);
    }

    [Fact]
    public void The_earliest_instant_is_its_own_bucket() =>
        Assert.Equal(DateTime.MinValue.Ticks, TrafficRollup.BucketOf(DateTime.MinValue).Ticks);
}
