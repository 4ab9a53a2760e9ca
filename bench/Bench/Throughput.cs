using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench;

public sealed record Measurement(double RequestsPerSecond, double P99Milliseconds);

/// <summary>
/// Medians of the runs. The ratio is the median of each run's own ratio (app over the bare endpoint measured just
/// before it): the machine's speed drifts between runs, and a ratio of medians taken from different runs would mix
/// a fast moment's bare figure with a slow moment's app figure.
/// </summary>
public sealed record Comparison(string Endpoint, Measurement Bare, Measurement App, double Ratio);

/// <summary>wrk against the bare endpoint and the app, alternating in the same run; medians of the runs.</summary>
public sealed partial class Throughput(IReadOnlyList<Comparison> comparisons)
{
    private const int Connections = 32;
    public const int WarmUpSeconds = 5;

    public static async Task<Throughput> MeasureAsync(string app, string bare, BenchSetup setup, int runs, int seconds, string work)
    {
        var postScript = Path.Combine(work, "conversion.lua");
        await File.WriteAllTextAsync(postScript, ConversionScript);
        var environment = new Dictionary<string, string> { ["BENCH_API_KEY"] = setup.ApiKey, ["BENCH_CLICK_ID"] = setup.ClickId };
        var endpoints = new (string Name, string Path, string? Script)[]
        {
            ("click", $"/t/{setup.LinkCode}", null), ("impression", $"/i/{setup.LinkCode}", null), ("S2S conversion", "/api/v1/conversions", postScript),
        };
        var results = new List<Comparison>();
        foreach (var (name, path, script) in endpoints)
        {
            // Unmeasured: the first seconds of load are spent compiling the hot path to optimized code (tiered JIT),
            // which a server running for days has long done.
            await WrkAsync(bare + path, WarmUpSeconds, script, environment);
            await WrkAsync(app + path, WarmUpSeconds, script, environment);
            var bareRuns = new List<Measurement>();
            var appRuns = new List<Measurement>();
            for (var run = 0; run < runs; run++)
            {
                bareRuns.Add(await WrkAsync(bare + path, seconds, script, environment));
                appRuns.Add(await WrkAsync(app + path, seconds, script, environment));
                Console.WriteLine($"  {name} run {run + 1}: bare {bareRuns[^1].RequestsPerSecond:N0}/s, app {appRuns[^1].RequestsPerSecond:N0}/s, "
                    + $"ratio {appRuns[^1].RequestsPerSecond / bareRuns[^1].RequestsPerSecond:0.00}x");
            }
            var ratios = bareRuns.Zip(appRuns, (b, a) => a.RequestsPerSecond / b.RequestsPerSecond).Order().ToList();
            results.Add(new(name, Median(bareRuns), Median(appRuns), ratios[ratios.Count / 2]));
        }
        return new(results);
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"{"endpoint",-16} {"bare req/s",12} {"app req/s",12} {"ratio",7} {"bare p99",10} {"app p99",10}");
        foreach (var c in comparisons)
            Console.WriteLine($"{c.Endpoint,-16} {c.Bare.RequestsPerSecond,12:N0} {c.App.RequestsPerSecond,12:N0} {c.Ratio,7:0.00}x {c.Bare.P99Milliseconds,8:0.00}ms {c.App.P99Milliseconds,8:0.00}ms");
        Console.WriteLine("(medians of the runs; the ratio is the median of each run's own ratio; targets: click >= 0.70x, impression >= 0.80x)");
    }

    public static async Task<Measurement> WrkAsync(string url, int seconds, string? script = null, Dictionary<string, string>? environment = null)
    {
        var arguments = new List<string> { "-t2", $"-c{Connections}", $"-d{seconds}s", "--latency" };
        if (script is not null) arguments.AddRange(["-s", script]);
        arguments.Add(url);
        var output = await Processes.RunAsync("wrk", arguments, environment);
        var errors = NonSuccess().Match(output);
        if (errors.Success) throw new InvalidOperationException($"{url}: {errors.Value}\n{output}");
        return new(double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture), P99(output));
    }

    private static double P99(string output)
    {
        var match = P99Line().Match(output);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static Measurement Median(List<Measurement> runs) => new(
        runs.Select(r => r.RequestsPerSecond).Order().ElementAt(runs.Count / 2),
        runs.Select(r => r.P99Milliseconds).Order().ElementAt(runs.Count / 2));

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")] private static partial Regex RequestsPerSecond();
    [GeneratedRegex(@"99%\s+([\d.]+)(us|ms|s)")] private static partial Regex P99Line();
    [GeneratedRegex(@"Non-2xx or 3xx responses: \d+|Socket errors:.*")] private static partial Regex NonSuccess();

    /// <summary>Each request a new order id (so every one is a new conversion), all naming one real click.</summary>
    private const string ConversionScript = """
        local counter = 0
        local threads = 0
        function setup(thread) thread:set("tid", threads); threads = threads + 1 end
        function init(args) prefix = "w" .. tid .. "-" .. os.time() .. "-" .. math.random(1, 1000000000) .. "-" end
        function request()
          counter = counter + 1
          local body = '{"orderId":"' .. prefix .. counter .. '","amount":1000,"currency":"USD","clickId":"' .. os.getenv("BENCH_CLICK_ID") .. '"}'
          return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("BENCH_API_KEY") }, body)
        end
        """;
}
