using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

public class MerchantDayTests
{
    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static TheoryData<string, DateOnly, DateTime, double> Days => new()
    {
        { "UTC", new(2025, 3, 10), Utc(2025, 3, 10, 0), 24 },
        { "Asia/Kathmandu", new(2025, 3, 10), Utc(2025, 3, 9, 18, 15), 24 },
        { "Asia/Kolkata", new(2025, 3, 10), Utc(2025, 3, 9, 18, 30), 24 },
        { "America/St_Johns", new(2025, 1, 15), Utc(2025, 1, 15, 3, 30), 24 },
        { "America/New_York", new(2025, 3, 9), Utc(2025, 3, 9, 5), 23 },
        { "America/New_York", new(2025, 11, 2), Utc(2025, 11, 2, 4), 25 },
        { "Europe/Berlin", new(2025, 3, 30), Utc(2025, 3, 29, 23), 23 },
        { "Europe/Berlin", new(2025, 10, 26), Utc(2025, 10, 25, 22), 25 },
        // Chile changes its clocks at midnight: 7 September has no 00:00, and 5 April's last hour is repeated.
        { "America/Santiago", new(2025, 9, 7), Utc(2025, 9, 7, 4), 23 },
        { "America/Santiago", new(2025, 4, 5), Utc(2025, 4, 5, 3), 25 },
        { "America/Santiago", new(2025, 4, 6), Utc(2025, 4, 6, 4), 24 },
        // Lord Howe Island moves its clocks by half an hour.
        { "Australia/Lord_Howe", new(2025, 4, 6), Utc(2025, 4, 5, 13), 24.5 },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void A_day_starts_at_its_first_local_instant_and_lasts_as_long_as_the_clocks_say(string zoneId, DateOnly day, DateTime start, double hours)
    {
        var range = MerchantDay.Of(day, TimeZoneInfo.FindSystemTimeZoneById(zoneId));

        Assert.Equal((day, start, TimeSpan.FromHours(hours)), (range.Day, range.StartUtc, range.Length));
        Assert.Equal(DateTimeKind.Utc, range.StartUtc.Kind);
        Assert.Equal(range.StartUtc, TrafficRollup.BucketOf(range.StartUtc));
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("America/Santiago")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Pacific/Chatham")]
    [InlineData("Europe/London")]
    public void Over_a_whole_year_every_bucket_falls_in_exactly_the_day_its_local_date_names(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var day = MerchantDay.Of(new DateOnly(2025, 1, 1), zone);
        for (var i = 0; i < 365; i++)
        {
            var next = MerchantDay.Of(day.Day.AddDays(1), zone);
            Assert.Equal(day.EndUtc, next.StartUtc);
            Assert.InRange(day.Length, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
            for (var bucket = day.StartUtc; bucket < day.EndUtc; bucket = bucket.AddMinutes(TrafficRollup.BucketMinutes))
                Assert.Equal(day.Day, MerchantDay.DateAt(bucket, zone));
            day = next;
        }
    }

    [Fact]
    public void A_day_is_over_exactly_when_the_next_one_starts()
    {
        var kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");
        var end = Utc(2025, 3, 10, 18, 15);

        Assert.Equal(new DateOnly(2025, 3, 9), MerchantDay.LastEndedAt(end.AddTicks(-1), kathmandu));
        Assert.Equal(new DateOnly(2025, 3, 10), MerchantDay.LastEndedAt(end, kathmandu));
    }

    [Fact]
    public void An_unknown_zone_id_means_utc()
    {
        Assert.Equal(TimeZoneInfo.Utc, MerchantDay.ZoneOf("Mars/Olympus_Mons"));
        Assert.Equal("Asia/Kathmandu", MerchantDay.ZoneOf("Asia/Kathmandu").Id);
    }
}
