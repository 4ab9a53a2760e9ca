using MudBlazor;

namespace AffiliateBlazor.Components.Shared;

/// <summary>A date range picked on a page, as the UTC instants a query takes: from the first day's start to the end of the last.</summary>
public static class UtcDays
{
    public static (DateTime? From, DateTime? To) Of(DateRange? range) =>
        (range?.Start is { } start ? DateTime.SpecifyKind(start.Date, DateTimeKind.Utc) : null,
         range?.End is { } end ? DateTime.SpecifyKind(end.Date.AddDays(1), DateTimeKind.Utc) : null);
}
