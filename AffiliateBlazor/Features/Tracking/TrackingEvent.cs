namespace AffiliateBlazor.Features.Tracking;

/// <summary>One click (or, with no <see cref="Click"/>, one impression) on its way to the database.</summary>
public sealed record TrackingEvent(CachedLink Link, DateTime At, ClickRow? Click);

public sealed record ClickRow(long Id, string PublicId, int? CreativeId, string? IpHash, string? UserAgent, string? Referrer,
    string?[] Subs, bool IsUnique, bool IsBillable);

/// <summary>
/// The events queued while the previous batch was being committed. Every request whose event is in it awaits the task
/// <see cref="Add"/> gave it: it answers only once the batch is durable.
/// </summary>
public sealed class TrackingBatch
{
    // One completion per event, completed one after another on the writer's thread, each resuming its request right
    // there. One completion shared by the batch would not do that: the runtime runs only one of a task's several awaiters
    // inline and queues the others to the thread pool, waking threads the two cores then switch between.
    private readonly List<TaskCompletionSource> _waiting = [];

    public List<TrackingEvent> Events { get; } = [];

    public Task Add(TrackingEvent trackingEvent)
    {
        var waiting = new TaskCompletionSource();
        Events.Add(trackingEvent);
        _waiting.Add(waiting);
        return waiting.Task;
    }

    /// <summary>Resumes each request of the batch in turn: with success, or with the error that kept the batch from being saved.</summary>
    public void Complete(Exception? failure)
    {
        foreach (var waiting in _waiting)
            if (failure is null) waiting.TrySetResult();
            else waiting.TrySetException(failure);
    }
}
