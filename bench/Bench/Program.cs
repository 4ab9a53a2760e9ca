// The tracking benchmark: throughput and p99 of clicks, impressions and S2S conversions as ratios of a bare
// Kestrel endpoint measured in the same run; rows against acknowledged requests; acknowledged clicks lost to kill -9.
// Usage: dotnet Bench.dll <app-folder> [runs=3] [seconds=10] [kills=20]   (bench/run.sh passes these)
//        dotnet Bench.dll <app-folder> --serve   starts and sets up both servers, then waits (to profile by hand)
//        dotnet Bench.dll <app-folder> --against <baseline-app-folder> [rounds=8] [seconds=5]   (bench/compare.sh)
using Bench;

if (args is ["bare", var port]) { await BareServer.RunAsync(int.Parse(port)); return 0; }
if (args.Length < 1) { Console.Error.WriteLine("usage: Bench <published-app-folder> [runs] [seconds] [kills]"); return 2; }

var appFolder = Path.GetFullPath(args[0]);
var options = args.Skip(1).ToList();
var serve = options.Remove("--serve");
var againstAt = options.IndexOf("--against");
if (againstAt >= 0 && againstAt == options.Count - 1) { Console.Error.WriteLine("--against needs the baseline app's folder"); return 2; }
var against = againstAt >= 0 ? Path.GetFullPath(options[againstAt + 1]) : null;
if (against is not null) options.RemoveRange(againstAt, 2);
var numbers = options.Select(int.Parse).ToArray();
var runs = numbers.Length > 0 ? numbers[0] : against is null ? 3 : 8;
var seconds = numbers.Length > 1 ? numbers[1] : against is null ? 10 : 5;
var kills = numbers.Length > 2 ? numbers[2] : 20;
var work = Directory.CreateTempSubdirectory("ab-bench-").FullName;

// Another server on these ports (an earlier --serve left running) would answer in place of the ones started here.
int[] ownPorts = against is null ? [BareServer.Port, AppUnderTest.Port] : [BareServer.Port, AppUnderTest.Port, AppUnderTest.BaselinePort];
foreach (var ownPort in ownPorts)
    if (!Processes.PortIsFree(ownPort)) { Console.Error.WriteLine($"port {ownPort} on 127.0.0.1 is in use; stop what listens there first"); return 2; }

using var bare = Processes.StartSelf("bare", BareServer.Port.ToString());
await using var app = await AppUnderTest.StartAsync(appFolder, Path.Combine(work, "bench.db"));
var setup = await Setup.RunAsync(app.BaseUrl);
Console.WriteLine($"set up: campaign {setup.CampaignId}, link {setup.LinkCode}, a click {setup.ClickId}");
if (serve)
{
    // For profiling by hand (dotnet-trace, wrk): both servers stay up, set up, until Enter.
    Console.WriteLine($"merchant API key {setup.ApiKey}");
    Console.WriteLine($"app {app.BaseUrl} (pid {app.ProcessId}), bare {BareServer.BaseUrl}; press Enter to stop");
    Console.ReadLine();
    return 0;
}
if (against is not null)
{
    await BuildComparison.RunAsync(app, against, setup, runs, seconds, work);
    await app.DisposeAsync();
    Directory.Delete(work, recursive: true);
    return 0;
}

var throughput = await Throughput.MeasureAsync(app.BaseUrl, BareServer.BaseUrl, setup, runs, seconds, work);
throughput.Print();

var integrity = await Integrity.CheckAsync(app, setup);
integrity.Print();

await app.DisposeAsync();
var crash = await CrashCheck.RunAsync(appFolder, app.DatabasePath, setup, kills);
crash.Print();

Directory.Delete(work, recursive: true);
return 0;
