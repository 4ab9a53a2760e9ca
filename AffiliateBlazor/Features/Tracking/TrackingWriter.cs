using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using Microsoft.Data.Sqlite;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// The one writer of tracking events (DESIGN §7). It commits whatever was queued as soon as its previous commit ends,
/// with no timer: a lone click commits at once, and under load batches grow by themselves. Raw prepared statements on
/// one connection, no change tracking; rollup counters change in the same transaction as the rows they count.
/// </summary>
public sealed class TrackingWriter(IConfiguration configuration, IHostEnvironment environment, WriteGate writeGate, ILogger<TrackingWriter> log)
    : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _batchWaiting = new(0);
    private TrackingBatch _open = new();
    private bool _stopped;

    /// <summary>Queues the event; the task completes when it is durable, or fails if its batch could not be saved.</summary>
    public Task WriteAsync(TrackingEvent trackingEvent)
    {
        TrackingBatch batch;
        lock (_gate)
        {
            if (_stopped) return Task.FromException(new OperationCanceledException("The app is stopping."));
            batch = _open;
            batch.Events.Add(trackingEvent);
            // The first event of a batch wakes the writer; later ones ride along.
            if (batch.Events.Count == 1) _batchWaiting.Release();
        }
        return batch.Committed;
    }

    protected override Task ExecuteAsync(CancellationToken stopping) =>
        // Commits are synchronous SQLite calls: they get a thread of their own rather than starving request threads.
        Task.Factory.StartNew(() => Run(stopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stopping)
    {
        try
        {
            WriteUntilStopped(stopping);
        }
        finally
        {
            // Whatever ended the loop (a stop, or a database that cannot be opened), later events fail at once
            // with 503 instead of waiting for a writer that is gone.
            TrackingBatch left;
            lock (_gate) (left, _stopped) = (_open, true);
            left.MarkFailed(new InvalidOperationException("The tracking writer is not running."));
        }
    }

    private void WriteUntilStopped(CancellationToken stopping)
    {
        var connectionString = new SqliteConnectionStringBuilder(DatabaseSetup.ConnectionString(configuration))
        {
            DataSource = DatabaseSetup.DataSource(configuration, environment.ContentRootPath), DefaultTimeout = 30,
        }.ToString();
        using var statements = new TrackingStatements(connectionString);
        try
        {
            while (true)
            {
                _batchWaiting.Wait(stopping);
                TrackingBatch batch;
                lock (_gate) (batch, _open) = (_open, new TrackingBatch());
                Commit(statements, batch);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A graceful stop saves what is still queued; nothing is accepted after it.
            TrackingBatch last;
            lock (_gate) (last, _stopped) = (_open, true);
            if (last.Events.Count > 0) Commit(statements, last);
        }
    }

    private void Commit(TrackingStatements statements, TrackingBatch batch)
    {
        try
        {
            using (writeGate.Enter()) statements.Commit(batch.Events, Rollups(batch.Events));
            batch.MarkCommitted();
        }
        catch (Exception error)
        {
            log.LogError(error, "A batch of {Count} tracking events could not be saved", batch.Events.Count);
            batch.MarkFailed(error);
        }
    }

    /// <summary>The batch's counters summed per link and 15-minute bucket: one upsert per group, not per event.</summary>
    private static IEnumerable<RollupDelta> Rollups(List<TrackingEvent> events)
    {
        var deltas = new Dictionary<(int LinkId, DateTime Bucket), RollupDelta>();
        foreach (var e in events)
        {
            var key = (e.Link.LinkId, TrafficRollup.BucketOf(e.At));
            var d = deltas.GetValueOrDefault(key) ?? new RollupDelta(e.Link, key.Item2, 0, 0, 0, 0);
            deltas[key] = e.Click is { } click
                ? d with { Clicks = d.Clicks + 1, UniqueClicks = d.UniqueClicks + (click.IsUnique ? 1 : 0), BillableClicks = d.BillableClicks + (click.IsBillable ? 1 : 0) }
                : d with { Impressions = d.Impressions + 1 };
        }
        return deltas.Values;
    }
}

public sealed record RollupDelta(CachedLink Link, DateTime Bucket, int Clicks, int UniqueClicks, int BillableClicks, int Impressions);
