using System.Diagnostics.Metrics;
using System.Net;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>An admin watching the tracking meter sees every event saved or refused, and each commit's size and time.</summary>
public sealed class TrackingMetricsTests
{
    [Fact]
    public async Task The_meter_counts_every_saved_click_and_impression_and_each_commit_its_size_and_duration()
    {
        await using var app = new AppFactory();
        var code = (await app.LinkedCampaignAsync()).Link.Code;
        using var saved = Collect<long>(app, "affiliateblazor.tracking.events.saved");
        using var unsaved = Collect<long>(app, "affiliateblazor.tracking.events.unsaved");
        using var batchSizes = Collect<int>(app, "affiliateblazor.tracking.batch.size");
        using var durations = Collect<double>(app, "affiliateblazor.tracking.commit.duration");

        await app.ClickAsync(code);
        using var browser = app.NewClient();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/i/{code}")).StatusCode)));

        Assert.Equal(21, Sum(saved));
        Assert.Equal(21, Sum(batchSizes));
        var commits = batchSizes.GetMeasurementSnapshot().Count;
        Assert.InRange(commits, 2, 21);
        Assert.Equal(commits, durations.GetMeasurementSnapshot().Count);
        Assert.All(durations.GetMeasurementSnapshot(), milliseconds => Assert.InRange(milliseconds.Value, 0, 60_000));
        Assert.Equal(0, Sum(unsaved));
    }

    [Fact]
    public async Task The_meter_counts_events_refused_because_their_batch_could_not_be_saved()
    {
        await using var app = new AppFactory();
        var code = (await app.LinkedCampaignAsync()).Link.Code;
        using var saved = Collect<long>(app, "affiliateblazor.tracking.events.saved");
        using var unsaved = Collect<long>(app, "affiliateblazor.tracking.events.unsaved");
        using var durations = Collect<double>(app, "affiliateblazor.tracking.commit.duration");

        await app.SqlAsync("ALTER TABLE TrafficRollups RENAME TO RollupsAway");
        using var browser = app.NewClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync($"/t/{code}")).StatusCode);

        Assert.Equal(3, Sum(unsaved));
        Assert.Equal(0, Sum(saved));
        Assert.Empty(durations.GetMeasurementSnapshot());
    }

    /// <summary>This app's instrument only (its own meter factory): tests running beside it have meters of the same name.</summary>
    private static MetricCollector<T> Collect<T>(AppFactory app, string instrument) where T : struct =>
        new(app.Services.GetRequiredService<IMeterFactory>(), TrackingMetrics.MeterName, instrument);

    private static double Sum<T>(MetricCollector<T> collector) where T : struct =>
        collector.GetMeasurementSnapshot().Sum(measurement => Convert.ToDouble(measurement.Value));
}
