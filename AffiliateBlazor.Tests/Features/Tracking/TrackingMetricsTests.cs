using System.Diagnostics.Metrics;
using System.Net;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>An admin watching the tracking meter sees every event saved or refused, and each commit's size and time.</summary>
public sealed class TrackingMetricsTests
{
    [Fact]
    public async Task The_meter_counts_every_saved_click_and_impression_and_each_commit_its_size_and_duration()
    {
        await using var app = new AppFactory();
        var code = (await app.LinkedCampaignAsync()).Link.Code;
        using var meter = new TrackingMeterReader(app);

        await app.ClickAsync(code);
        using var browser = app.NewClient();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/i/{code}")).StatusCode)));

        Assert.Equal(21, meter.Sum("affiliateblazor.tracking.events.saved"));
        Assert.Equal(21, meter.Sum("affiliateblazor.tracking.batch.size"));
        var commits = meter.Values("affiliateblazor.tracking.batch.size").Count;
        Assert.InRange(commits, 2, 21);
        Assert.Equal(commits, meter.Values("affiliateblazor.tracking.commit.duration").Count);
        Assert.All(meter.Values("affiliateblazor.tracking.commit.duration"), milliseconds => Assert.InRange(milliseconds, 0, 60_000));
        Assert.Equal(0, meter.Sum("affiliateblazor.tracking.events.unsaved"));
    }

    [Fact]
    public async Task The_meter_counts_events_refused_because_their_batch_could_not_be_saved()
    {
        await using var app = new AppFactory();
        var code = (await app.LinkedCampaignAsync()).Link.Code;
        using var meter = new TrackingMeterReader(app);

        await app.SqlAsync("ALTER TABLE TrafficRollups RENAME TO RollupsAway");
        using var browser = app.NewClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync($"/t/{code}")).StatusCode);

        Assert.Equal(3, meter.Sum("affiliateblazor.tracking.events.unsaved"));
        Assert.Equal(0, meter.Sum("affiliateblazor.tracking.events.saved"));
        Assert.Empty(meter.Values("affiliateblazor.tracking.commit.duration"));
    }

    /// <summary>Listens to this app's tracking meter only: tests running beside it have meters of the same name.</summary>
    private sealed class TrackingMeterReader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, List<double>> _values = [];

        public TrackingMeterReader(AppFactory app)
        {
            var meters = app.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == TrackingMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument, value));
            _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument, value));
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument, value));
            _listener.Start();
        }

        private void Add(Instrument instrument, double value)
        {
            lock (_values)
            {
                if (!_values.TryGetValue(instrument.Name, out var list)) _values[instrument.Name] = list = [];
                list.Add(value);
            }
        }

        public List<double> Values(string instrument)
        {
            lock (_values) return _values.TryGetValue(instrument, out var list) ? [.. list] : [];
        }

        public double Sum(string instrument) => Values(instrument).Sum();

        public void Dispose() => _listener.Dispose();
    }
}
