using System.Diagnostics.Metrics;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// What the tracking writer does, for an admin to watch live (<c>dotnet-counters monitor -p PID --counters
/// AffiliateBlazor.Tracking</c>, or any OpenTelemetry exporter): events saved and refused, how many events each commit
/// carries and how long it takes. Recorded once per commit, never per event; with nobody listening, a record is one
/// flag check.
/// </summary>
public sealed class TrackingMetrics
{
    public const string MeterName = "AffiliateBlazor.Tracking";

    private readonly Counter<long> _saved;
    private readonly Counter<long> _unsaved;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;

    public TrackingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _saved = meter.CreateCounter<long>("affiliateblazor.tracking.events.saved", "{event}",
            "Clicks and impressions saved and acknowledged.");
        _unsaved = meter.CreateCounter<long>("affiliateblazor.tracking.events.unsaved", "{event}",
            "Clicks and impressions answered 503: their batch could not be saved, or the app was stopping.");
        _batchSize = meter.CreateHistogram<int>("affiliateblazor.tracking.batch.size", "{event}",
            "Events one commit saved: those that arrived while the previous commit ran.");
        // Milliseconds, not the usual seconds: commits take tens of microseconds, and dotnet-counters shows three decimals.
        _commitDuration = meter.CreateHistogram<double>("affiliateblazor.tracking.commit.duration", "ms",
            "Time one commit took, its wait for the write gate included.");
    }

    public void Committed(int events, TimeSpan took)
    {
        _saved.Add(events);
        _batchSize.Record(events);
        _commitDuration.Record(took.TotalMilliseconds);
    }

    public void Failed(int events) => _unsaved.Add(events);
}
