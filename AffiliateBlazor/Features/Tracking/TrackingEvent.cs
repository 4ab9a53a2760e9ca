namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// One click or impression on its way to the database. The request that made it awaits <see cref="Committed"/>: it
/// answers only once the batch holding the event is durable.
/// </summary>
public sealed class TrackingEvent
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required CachedLink Link { get; init; }
    public required DateTime At { get; init; }
    /// <summary>Null for an impression.</summary>
    public ClickRow? Click { get; init; }

    public Task Committed => _committed.Task;

    public void MarkCommitted() => _committed.TrySetResult();

    public void MarkFailed(Exception error) => _committed.TrySetException(error);
}

public sealed record ClickRow(string PublicId, int? CreativeId, string? IpHash, string? UserAgent, string? Referrer,
    string?[] Subs, bool IsUnique, bool IsBillable);
