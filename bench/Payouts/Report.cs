namespace Payouts;

/// <summary>One timed call: its time, what it downloaded, the app's peak memory after it and before it, and the same call warm.</summary>
public sealed record Sample(double Seconds, long Bytes, double PeakMegabytes, double IdleMegabytes, double? WarmSeconds);

/// <summary>A step's samples against its targets, or the failure that ended it.</summary>
public sealed record Result(string Name, double TargetSeconds, double? TargetMegabytes, List<Sample> Samples, string? Failure);

/// <summary>The table the benchmark ends with: medians per step against the targets.</summary>
public static class Report
{
    public static void Print(List<Result> results, int runs)
    {
        if (results.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine($"medians of {runs} run(s), each in a fresh app process. seconds: the first call, to the last byte of the answer; again: the same");
        Console.WriteLine("call repeated in that process (warm); peak: the process's VmHWM after the first call; idle: its VmHWM before it (start-up, sign-in)");
        Console.WriteLine($"{"step",-44} {"seconds",7} {"target",6} {"again",6} {"bytes",11} {"peak MB",7} {"idle MB",7} {"target",7}  verdict");
        foreach (var r in results)
        {
            var targetMb = r.TargetMegabytes is { } mb ? $"< {mb:0}" : "-";
            var targetS = $"< {r.TargetSeconds:0}";
            if (r.Samples.Count == 0)
            {
                Console.WriteLine($"{r.Name,-44} {"-",7} {targetS,6} {"-",6} {"-",11} {"-",7} {"-",7} {targetMb,7}  FAILED: {Shorten(r.Failure!)}");
                continue;
            }
            var seconds = Median(r.Samples.Select(s => s.Seconds));
            var peak = Median(r.Samples.Select(s => s.PeakMegabytes));
            var warm = r.Samples.All(s => s.WarmSeconds is not null) ? Median(r.Samples.Select(s => s.WarmSeconds!.Value)).ToString("0.00") : "-";
            var met = seconds < r.TargetSeconds && (r.TargetMegabytes is null || peak < r.TargetMegabytes);
            var verdict = r.Failure is not null ? $"FAILED in run {r.Samples.Count + 1}: {Shorten(r.Failure)}" : met ? "meets target" : "MISSES target";
            Console.WriteLine($"{r.Name,-44} {seconds,7:0.00} {targetS,6} {warm,6} {Median(r.Samples.Select(s => (double)s.Bytes)),11:N0} {peak,7:N0} "
                              + $"{Median(r.Samples.Select(s => s.IdleMegabytes)),7:N0} {targetMb,7}  {verdict}");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Shorten(string text) => text.Length <= 120 ? text.ReplaceLineEndings(" ") : text[..117].ReplaceLineEndings(" ") + "...";

    public static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
}
