namespace AffiliateBlazor.Domain;

/// <summary>
/// A merchant's calendar day in its own time zone, as the UTC range [StartUtc, EndUtc) that traffic buckets are cut by.
/// Days at daylight-saving changes last 23 or 25 hours; consecutive days meet exactly, so every bucket belongs to one day.
/// </summary>
public readonly record struct MerchantDay(DateOnly Day, DateTime StartUtc, DateTime EndUtc)
{
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(TrafficRollup.BucketMinutes);

    public TimeSpan Length => EndUtc - StartUtc;

    public static MerchantDay Of(DateOnly day, TimeZoneInfo zone) => new(day, StartOf(day, zone), StartOf(day.AddDays(1), zone));

    /// <summary>The merchant's calendar date at a UTC instant.</summary>
    public static DateOnly DateAt(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>The latest day that is over at this instant (a day ending exactly then counts as over).</summary>
    public static DateOnly LastEndedAt(DateTime utc, TimeZoneInfo zone) => DateAt(utc, zone).AddDays(-1);

    /// <summary>The merchant's IANA zone; an id this machine does not know falls back to UTC rather than stopping the work.</summary>
    public static TimeZoneInfo ZoneOf(string ianaId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>
    /// Usually local midnight. Where the clocks change at midnight (Chile, Paraguay…), midnight is skipped or repeated;
    /// the day then starts at the first quarter hour whose local date is the day. Clock changes fall on quarter hours.
    /// </summary>
    private static DateTime StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        var start = DateTime.SpecifyKind(midnight - zone.GetUtcOffset(midnight), DateTimeKind.Utc);
        while (DateAt(start - Quarter, zone) >= day) start -= Quarter;
        while (DateAt(start, zone) < day) start += Quarter;
        return start;
    }
}
