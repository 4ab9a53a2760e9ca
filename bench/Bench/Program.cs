// The tracking benchmark (DESIGN §7): throughput and p99 of clicks, impressions and S2S conversions as ratios of a bare
// Kestrel endpoint measured in the same run; rows against acknowledged requests; acknowledged clicks lost to kill -9.
// Usage: dotnet Bench.dll <app-folder> [runs=3] [seconds=10] [kills=20]   (bench/run.sh passes these)
//        dotnet Bench.dll <app-folder> --serve   starts and sets up both servers, then waits (to profile by hand)
using Bench;

if (args is ["bare", var port]) { await BareServer.RunAsync(int.Parse(port)); return 0; }
if (args.Length < 1) { Console.Error.WriteLine("usage: Bench <published-app-folder> [runs] [seconds] [kills]"); return 2; }

var appFolder = Path.GetFullPath(args[0]);
var serve = args.Contains("--serve");
var numbers = args.Skip(1).Where(arg => !arg.StartsWith("--")).Select(int.Parse).ToArray();
var runs = numbers.Length > 0 ? numbers[0] : 3;
var seconds = numbers.Length > 1 ? numbers[1] : 10;
var kills = numbers.Length > 2 ? numbers[2] : 20;
var work = Directory.CreateTempSubdirectory("ab-bench-").FullName;

// Another server on these ports (an earlier --serve left running) would answer in place of the ones started here.
foreach (var ownPort in new[] { BareServer.Port, AppUnderTest.Port })
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

var throughput = await Throughput.MeasureAsync(app.BaseUrl, BareServer.BaseUrl, setup, runs, seconds, work);
throughput.Print();

var integrity = await Integrity.CheckAsync(app, setup);
integrity.Print();

await app.DisposeAsync();
var crash = await CrashCheck.RunAsync(appFolder, app.DatabasePath, setup, kills);
crash.Print();

Directory.Delete(work, recursive: true);
return 0;
