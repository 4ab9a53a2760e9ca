using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Payouts;

/// <summary>
/// One process of the published app on 127.0.0.1:5104 over a given database file. Each timed step gets a process of its
/// own, so the peak resident memory the kernel reports for it (VmHWM) is that step's and start-up's, nothing earlier.
/// </summary>
public sealed class App : IAsyncDisposable
{
    public const int Port = 5104;
    public const string BaseUrl = "http://127.0.0.1:5104";
    public const string AdminEmail = "admin@payouts-bench.example";
    public const string AdminPassword = "Bench-admin-1!";
    private const int TailLines = 400;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private App(Process process) => _process = process;

    public static async Task<App> StartAsync(string appFolder, string databasePath)
    {
        var start = new ProcessStartInfo("dotnet", ["AffiliateBlazor.dll"])
        {
            WorkingDirectory = appFolder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["Urls"] = BaseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["Admin__Email"] = AdminEmail;
        start.Environment["Admin__Password"] = AdminPassword;
        // The scheduled jobs would approve or accrue commission by the real clock while a step runs; the demo would add rows.
        start.Environment["Jobs__Enabled"] = "false";
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var app = new App(Process.Start(start)!);
        // Keep the last lines of the console (errors are logged at any level) to show when a step fails; reading them
        // also keeps a chatty app from blocking on a full pipe.
        app._process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync();
        return app;
    }

    /// <summary>The process's peak resident set so far, in MiB, from /proc/&lt;pid&gt;/status.</summary>
    public double PeakMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) / 1024.0;
    }

    /// <summary>
    /// What the app printed last (its own errors and warnings), for a failure report: from its first error on, when it
    /// logged one, and at most 40 lines of it, which holds the message and the top of the stack trace.
    /// </summary>
    public async Task<string> ConsoleTailAsync()
    {
        // The console logger writes from a queue of its own, so an error can reach the pipe after the 500 reached us.
        await Task.Delay(TimeSpan.FromSeconds(1));
        List<string> lines;
        lock (_tail) lines = [.. _tail];
        var firstError = lines.FindIndex(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        // Stack frames of the framework say little about the app; its own frames say where it failed.
        var telling = lines.Skip(Math.Max(firstError, 0))
            .Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("AffiliateBlazor.", StringComparison.Ordinal));
        // EF Core logs a failed command with its full text, which can run to megabytes: the start of each line will do.
        return string.Join('\n', telling.Take(40).Select(l => "    " + (l.Length > 300 ? l[..300] + " ..." : l)));
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines) _tail.Dequeue();
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 600; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited during start-up:\n{await ConsoleTailAsync()}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The app did not become healthy in a minute:\n{await ConsoleTailAsync()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>SIGKILL: the process ends at once, mid-statement if it is in one, as a crash or the OOM killer would end it.</summary>
    public async Task KillAsync()
    {
        kill(_process.Id, 9);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, so the app shuts down as in production (and leaves its WAL checkpointed); SIGKILL if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            kill(_process.Id, 15);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(patience.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        }
        _process.Dispose();
    }
}
