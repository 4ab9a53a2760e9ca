using System.Diagnostics;

namespace Bench;

/// <summary>The published app on 127.0.0.1:5101 (bench/compare.sh's baseline on 5103) with its own database file.</summary>
public sealed class AppUnderTest : IAsyncDisposable
{
    public const string AdminEmail = "admin@bench.example";
    public const string AdminPassword = "Bench-admin-1!";
    public const int Port = 5101;
    public const int BaselinePort = 5103;
    private readonly Process _process;
    private bool _disposed;

    private AppUnderTest(Process process, string databasePath, int port) => (_process, DatabasePath, BaseUrl) = (process, databasePath, $"http://127.0.0.1:{port}");

    public string BaseUrl { get; }
    public string DatabasePath { get; }
    public int ProcessId => _process.Id;

    public static async Task<AppUnderTest> StartAsync(string appFolder, string databasePath, int port = Port)
    {
        var start = new ProcessStartInfo("dotnet", ["AffiliateBlazor.dll"])
        {
            WorkingDirectory = appFolder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["Admin__Email"] = AdminEmail;
        start.Environment["Admin__Password"] = AdminPassword;
        // Every load comes from 127.0.0.1; a real install sees many addresses.
        start.Environment["RateLimits__ApiPerSecond"] = "1000000";
        start.Environment["RateLimits__TrackingPerSecondPerAddress"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        // Drain the output so a chatty app never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var app = new AppUnderTest(process, databasePath, port);
        await app.WaitUntilHealthyAsync();
        return app;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException("The app exited during start-up.");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("The app did not become healthy in a minute.");
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void KillHard()
    {
        if (_disposed || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        KillHard();
        _disposed = true;
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
