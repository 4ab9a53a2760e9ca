using System.Threading.Tasks.Sources;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// One click (or, with no <see cref="Click"/>, one impression) on its way to the database, and the wait of the request
/// that sent it: <see cref="Saved"/> completes when the event's batch is durable, or fails when it could not be saved.
/// The event is its own completion (a reusable value-task source, used once) rather than carrying a
/// TaskCompletionSource: one object per event instead of three, on every click. A unique click that could not be saved
/// is forgotten by <paramref name="visitors"/>: the visitor is refused (503) and may retry, and that retry is still their
/// first click.
/// </summary>
public sealed class TrackingEvent(CachedLink link, DateTime at, ClickRow? click, UniqueVisitors? visitors = null) : IValueTaskSource
{
    // Continuations run where the writer completes the event, resuming its request there (see TrackingBatch.Complete).
    private ManualResetValueTaskSourceCore<bool> _saved;

    public CachedLink Link { get; } = link;
    public DateTime At { get; } = at;
    public ClickRow? Click { get; } = click;

    public ValueTask Saved => new(this, _saved.Version);

    public void Complete(Exception? failure)
    {
        if (failure is null)
        {
            _saved.SetResult(true);
            return;
        }
        if (Click is { IsUnique: true } click) visitors?.Forget(Link.LinkId, click.IpHash, At);
        _saved.SetException(failure);
    }

    void IValueTaskSource.GetResult(short token) => _saved.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _saved.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _saved.OnCompleted(continuation, state, token, flags);
}

public sealed record ClickRow(long Id, string PublicId, int? CreativeId, string? IpHash, string? UserAgent, string? Referrer,
    string?[] Subs, bool IsUnique, bool IsBillable);

/// <summary>The events one commit saves (those queued until it started); each request awaits its event's <see cref="TrackingEvent.Saved"/>.</summary>
public sealed class TrackingBatch
{
    public List<TrackingEvent> Events { get; } = [];

    /// <summary>
    /// Resumes each request of the batch in turn, right here on the writer's thread: with success, or with the error
    /// that kept the batch from being saved. (A single completion shared by the batch would not do that: the runtime runs
    /// only one of a task's several awaiters inline and queues the others to the thread pool, waking threads the two
    /// cores then switch between.)
    /// </summary>
    public void Complete(Exception? failure)
    {
        foreach (var e in Events) e.Complete(failure);
    }
}
