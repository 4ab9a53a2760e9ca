// The tracking benchmark (DESIGN §7): throughput and p99 of clicks, impressions and S2S conversions as ratios of a bare
// Kestrel endpoint measured in the same run; rows against acknowledged requests; acknowledged clicks lost to kill -9.
// Usage: dotnet Bench.dll <app-folder> [runs=3] [seconds=10] [kills=20]   (bench/run.sh passes these)
using Bench;

if (args is ["bare", var port]) { await BareServer.RunAsync(int.Parse(port)); return 0; }
if (args.Length < 1) { Console.Error.WriteLine("usage: Bench <published-app-folder> [runs] [seconds] [kills]"); return 2; }

var appFolder = Path.GetFullPath(args[0]);
var runs = args.Length > 1 ? int.Parse(args[1]) : 3;
var seconds = args.Length > 2 ? int.Parse(args[2]) : 10;
var kills = args.Length > 3 ? int.Parse(args[3]) : 20;
var work = Directory.CreateTempSubdirectory("ab-bench-").FullName;

using var bare = Processes.StartSelf("bare", BareServer.Port.ToString());
await using var app = await AppUnderTest.StartAsync(appFolder, Path.Combine(work, "bench.db"));
var setup = await Setup.RunAsync(app.BaseUrl);
Console.WriteLine($"set up: campaign {setup.CampaignId}, link {setup.LinkCode}, a click {setup.ClickId}");

var throughput = await Throughput.MeasureAsync(app.BaseUrl, BareServer.BaseUrl, setup, runs, seconds, work);
throughput.Print();

var integrity = await Integrity.CheckAsync(app, setup);
integrity.Print();

await app.DisposeAsync();
var crash = await CrashCheck.RunAsync(appFolder, app.DatabasePath, setup, kills);
crash.Print();

Directory.Delete(work, recursive: true);
return 0;
