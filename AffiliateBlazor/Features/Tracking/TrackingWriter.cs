using System.Diagnostics;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// The one writer of tracking events: a group commit. An event that finds no commit running starts one at
/// once, so a lone click is saved without delay; events that arrive while a commit runs are queued and saved together
/// by the next. Each commit is one pool work item that takes the events queued up to the moment it starts: it hands the
/// next commit, if events are waiting, to another pool thread, then resumes its own batch's requests itself, one after
/// another, so the next commit and this batch's responses run side by side. Raw prepared statements on one connection,
/// no change tracking; rollup counters change in the same transaction as the rows they count.
/// </summary>
public sealed class TrackingWriter(
    IConfiguration configuration, IHostEnvironment environment, WriteGate writeGate, TrackingMetrics metrics, TimeProvider clock,
    ILogger<TrackingWriter> log)
    : IHostedService, IThreadPoolWorkItem, IDisposable
{
    /// <summary>
    /// A database that stays broken fails every batch, thousands a second under load: after one error, the next is
    /// logged a minute later with the count of batches that failed in between.
    /// </summary>
    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private TrackingBatch _open = new();
    private bool _committing;
    private bool _stopped;
    private TaskCompletionSource? _idle;
    private TrackingStatements? _statements;
    // Touched only by the one running commit.
    private long _lastFailureLogged = long.MinValue;
    private int _failuresSinceLogged;

    /// <summary>Queues the event; the task completes when it is durable, or fails if its batch could not be saved.</summary>
    public ValueTask WriteAsync(TrackingEvent trackingEvent)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                // Failed like a batch that could not be saved, so the event undoes what it claimed (a unique click).
                metrics.Failed(1);
                trackingEvent.Complete(new OperationCanceledException("The app is stopping."));
                return trackingEvent.Saved;
            }
            _open.Events.Add(trackingEvent);
            if (_committing) return trackingEvent.Saved;
            _committing = true;
        }
        // Commits are synchronous SQLite calls: one pool thread makes them, never the request's own thread.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return trackingEvent.Saved;
    }

    /// <summary>
    /// The work item of one commit. It takes the events queued up to the moment it starts, not up to the moment it was
    /// scheduled: under load it waits its turn behind the requests already running, whose events then join it.
    /// </summary>
    void IThreadPoolWorkItem.Execute()
    {
        TrackingBatch batch;
        lock (_gate) (batch, _open) = (_open, new TrackingBatch());
        var failure = Commit(batch);
        bool more;
        lock (_gate)
        {
            more = _open.Events.Count > 0;
            _committing = more;
            if (!more) _idle?.TrySetResult();
        }
        // The next commit starts on another pool thread while this one resumes the batch's requests (their responses),
        // so the two run side by side rather than one after the other on the writer's path.
        if (more) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        batch.Complete(failure);
    }

    /// <summary>Saves the batch; the error when it could not be saved.</summary>
    private Exception? Commit(TrackingBatch batch)
    {
        // Real elapsed time, even where tests set the app's clock.
        var started = Stopwatch.GetTimestamp();
        try
        {
            using (writeGate.Enter())
            {
                _statements ??= new TrackingStatements(DatabaseSetup.DataSource(configuration, environment.ContentRootPath));
                _statements.Commit(batch.Events, Rollups(batch.Events));
            }
        }
        catch (Exception error)
        {
            // The requests get 503 and may retry, whatever else fails here; the next batch opens a new connection.
            try
            {
                metrics.Failed(batch.Events.Count);
                LogFailure(error, batch.Events.Count);
                _statements?.Dispose();
            }
            catch (Exception) { }
            finally
            {
                _statements = null;
            }
            return error;
        }
        metrics.Committed(batch.Events.Count, Stopwatch.GetElapsedTime(started));
        if (_lastFailureLogged != long.MinValue) LogRecovery();
        return null;
    }

    private void LogFailure(Exception error, int events)
    {
        var now = clock.GetTimestamp();
        if (_lastFailureLogged != long.MinValue && clock.GetElapsedTime(_lastFailureLogged, now) < FailureLogInterval)
        {
            _failuresSinceLogged++;
            return;
        }
        if (_failuresSinceLogged == 0) log.LogError(error, "A batch of {Count} tracking events could not be saved", events);
        else log.LogError(error, "A batch of {Count} tracking events could not be saved, and {Failed} more batches since the last error logged", events, _failuresSinceLogged);
        (_lastFailureLogged, _failuresSinceLogged) = (now, 0);
    }

    private void LogRecovery()
    {
        log.LogWarning("Tracking events are saved again; {Failed} batches failed after the last error logged", _failuresSinceLogged);
        (_lastFailureLogged, _failuresSinceLogged) = (long.MinValue, 0);
    }

    /// <summary>The batch's counters summed per link and 15-minute bucket: one rollup change per group, not per event.</summary>
    private static IEnumerable<RollupDelta> Rollups(List<TrackingEvent> events)
    {
        var deltas = new Dictionary<(int LinkId, DateTime Bucket), RollupDelta>();
        foreach (var e in events)
        {
            var key = (e.Link.LinkId, TrafficRollup.BucketOf(e.At));
            var d = deltas.TryGetValue(key, out var sum) ? sum : new RollupDelta(e.Link, key.Item2, 0, 0, 0, 0);
            deltas[key] = e.Click is { } click
                ? d with { Clicks = d.Clicks + 1, UniqueClicks = d.UniqueClicks + (click.IsUnique ? 1 : 0), BillableClicks = d.BillableClicks + (click.IsBillable ? 1 : 0) }
                : d with { Impressions = d.Impressions + 1 };
        }
        return deltas.Values;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A graceful stop saves everything already queued; nothing is accepted after it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task idle;
        lock (_gate)
        {
            _stopped = true;
            idle = _committing ? (_idle ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask;
        }
        await idle.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        // After a stop that timed out a commit may still be running on the connection; process exit closes it then.
        lock (_gate) if (!_committing) _statements?.Dispose();
    }
}

/// <summary>A value, so summing a batch's events allocates nothing per event.</summary>
public readonly record struct RollupDelta(CachedLink Link, DateTime Bucket, int Clicks, int UniqueClicks, int BillableClicks, int Impressions);
