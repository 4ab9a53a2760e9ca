namespace AffiliateBlazor.Features.Tracking;

/// <summary>One click (or, with no <see cref="Click"/>, one impression) on its way to the database.</summary>
public sealed record TrackingEvent(CachedLink Link, DateTime At, ClickRow? Click);

public sealed record ClickRow(long Id, string PublicId, int? CreativeId, string? IpHash, string? UserAgent, string? Referrer,
    string?[] Subs, bool IsUnique, bool IsBillable);

/// <summary>
/// The events queued while the previous batch was being committed. Every request whose event is in it awaits
/// <see cref="Committed"/>: it answers only once the batch is durable.
/// </summary>
public sealed class TrackingBatch
{
    // Continuations run synchronously on the writer's pool thread, which resumes the whole batch in one go: a thread
    // per request (RunContinuationsAsynchronously) woke a thread per event, and those wake-ups cost more than the commit.
    private readonly TaskCompletionSource _committed = new();

    public List<TrackingEvent> Events { get; } = [];

    public Task Committed => _committed.Task;

    public void MarkCommitted() => _committed.TrySetResult();

    public void MarkFailed(Exception error) => _committed.TrySetException(error);
}
