using Microsoft.Data.Sqlite;

namespace Bench;

/// <summary>
/// Two builds of the app against each other (bench/compare.sh), to tell whether a change to the hot path bought
/// anything. Whole bench runs are too noisy for that on a shared machine: its speed drifts by a fifth from one run to
/// the next. Here both builds run at once, each on its own copy of one set-up database, and every round loads the bare
/// endpoint and then both builds (in alternating order) for a few seconds; the median of the rounds' own ratios of this
/// build over the baseline cancels most of the drift. Not all of it: single rounds still scatter by ±15 %, and the same
/// build compared with itself came out between 0.95 and 1.02 over 8 rounds, so a change worth less than about 5 % needs
/// more rounds (or a CPU profile) to be seen.
/// </summary>
public static class BuildComparison
{
    public static async Task RunAsync(AppUnderTest build, string baselineFolder, BenchSetup setup, int rounds, int seconds, string work)
    {
        var copy = Path.Combine(work, "baseline", "bench.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        CopyDatabase(build.DatabasePath, copy);
        await using var baseline = await AppUnderTest.StartAsync(baselineFolder, copy, AppUnderTest.BaselinePort);
        foreach (var (name, path) in new[] { ("click", $"/t/{setup.LinkCode}"), ("impression", $"/i/{setup.LinkCode}") })
        {
            // Unmeasured, as in the bench: the first seconds compile the hot path.
            await Throughput.WrkAsync(build.BaseUrl + path, Throughput.WarmUpSeconds);
            await Throughput.WrkAsync(baseline.BaseUrl + path, Throughput.WarmUpSeconds);
            var results = new List<(double Bare, double Baseline, double Build)>();
            for (var round = 0; round < rounds; round++)
            {
                var bare = await Throughput.WrkAsync(BareServer.BaseUrl + path, seconds);
                var (first, second) = round % 2 == 0 ? (baseline, build) : (build, baseline);
                var firstRun = await Throughput.WrkAsync(first.BaseUrl + path, seconds);
                var secondRun = await Throughput.WrkAsync(second.BaseUrl + path, seconds);
                var (baselineRun, buildRun) = first == baseline ? (firstRun, secondRun) : (secondRun, firstRun);
                results.Add((bare.RequestsPerSecond, baselineRun.RequestsPerSecond, buildRun.RequestsPerSecond));
                Console.WriteLine($"  {name} round {round + 1}: bare {bare.RequestsPerSecond:N0}/s, baseline {baselineRun.RequestsPerSecond:N0}/s, "
                    + $"this build {buildRun.RequestsPerSecond:N0}/s, this build / baseline {buildRun.RequestsPerSecond / baselineRun.RequestsPerSecond:0.000}");
            }
            Console.WriteLine($"{name}: this build / baseline {Median(results.Select(r => r.Build / r.Baseline)):0.000} (median of {rounds} rounds); "
                + $"ratio to bare: baseline {Median(results.Select(r => r.Baseline / r.Bare)):0.00}x, this build {Median(results.Select(r => r.Build / r.Bare)):0.00}x");
        }
    }

    /// <summary>SQLite's online backup: consistent while the build that wrote it keeps running.</summary>
    private static void CopyDatabase(string from, string to)
    {
        using var source = new SqliteConnection($"Data Source={from};Pooling=False");
        using var target = new SqliteConnection($"Data Source={to};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
