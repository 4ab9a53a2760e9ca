using System.Threading.Channels;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using Microsoft.Data.Sqlite;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// The one writer of tracking events (DESIGN §7). It commits whatever is queued as soon as its previous commit ends, with
/// no timer: a lone click commits at once, and under load batches grow by themselves. Raw prepared statements on one
/// connection, no change tracking; rollup counters change in the same transaction as the rows they count.
/// </summary>
public sealed class TrackingWriter(IConfiguration configuration, IHostEnvironment environment, ILogger<TrackingWriter> log)
    : BackgroundService
{
    private const int MaxBatch = 4096;
    private readonly Channel<TrackingEvent> _queue = Channel.CreateBounded<TrackingEvent>(
        new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues the event; the returned task completes when it is durable (or fails if its batch could not be saved).</summary>
    public async Task WriteAsync(TrackingEvent trackingEvent, CancellationToken cancellation)
    {
        await _queue.Writer.WriteAsync(trackingEvent, cancellation);
        await trackingEvent.Committed.WaitAsync(cancellation);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        // The loop runs on its own thread: commits are synchronous SQLite calls and must not starve request threads.
        await Task.Factory.StartNew(() => RunAsync(stopping), stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var connectionString = new SqliteConnectionStringBuilder(DatabaseSetup.ConnectionString(configuration))
        {
            DataSource = DatabaseSetup.DataSource(configuration, environment.ContentRootPath), DefaultTimeout = 30,
        }.ToString();
        using var statements = new TrackingStatements(connectionString);
        var batch = new List<TrackingEvent>(MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stopping))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var next)) batch.Add(next);
                Commit(statements, batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: what was acknowledged is already committed.
        }
        finally
        {
            // Requests still waiting are told their events were not saved (they answer 503, not a false success).
            while (reader.TryRead(out var left)) left.MarkFailed(new OperationCanceledException("The app is stopping."));
        }
    }

    private void Commit(TrackingStatements statements, List<TrackingEvent> batch)
    {
        try
        {
            statements.Commit(batch, Rollups(batch));
            foreach (var trackingEvent in batch) trackingEvent.MarkCommitted();
        }
        catch (Exception error)
        {
            log.LogError(error, "A batch of {Count} tracking events could not be saved", batch.Count);
            foreach (var trackingEvent in batch) trackingEvent.MarkFailed(error);
        }
    }

    /// <summary>The batch's counters summed per link and 15-minute bucket: one upsert per group, not per event.</summary>
    private static IEnumerable<RollupDelta> Rollups(List<TrackingEvent> batch) =>
        batch.GroupBy(e => (e.Link.LinkId, Bucket: TrafficRollup.BucketOf(e.At)))
            .Select(g => new RollupDelta(g.First().Link, g.Key.Bucket,
                Clicks: g.Count(e => e.Click is not null),
                UniqueClicks: g.Count(e => e.Click is { IsUnique: true }),
                BillableClicks: g.Count(e => e.Click is { IsBillable: true }),
                Impressions: g.Count(e => e.Click is null)));
}

public sealed record RollupDelta(CachedLink Link, DateTime Bucket, int Clicks, int UniqueClicks, int BillableClicks, int Impressions);
