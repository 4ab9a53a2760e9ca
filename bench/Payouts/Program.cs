// The payouts benchmark: how long preparing payouts and exporting them take, and how much memory the app needs for it,
// against the targets. Every timed step runs in a fresh app process over a database seeded beforehand.
// Usage: dotnet Payouts.dll <published-app-folder> [runs=3] [scenario]   (bench/payouts.sh passes these; scenario is
// prepare, export-1k, export-100k or prepare-kill to run only that one; KILLS=n sets prepare-kill's kills, default 10)
using System.Diagnostics;
using System.Text.Json;
using Payouts;

if (args.Length < 1) { Console.Error.WriteLine("usage: Payouts <published-app-folder> [runs=3] [prepare|export-1k|export-100k|prepare-kill]"); return 2; }
var appFolder = Path.GetFullPath(args[0]);
var runs = args.Length > 1 ? int.Parse(args[1]) : 3;
var only = args.Length > 2 && args[2] != "" ? args[2] : null;
var kills = int.TryParse(Environment.GetEnvironmentVariable("KILLS"), out var k) ? k : 10;
var results = new List<Result>();
var notes = new List<string>(); // failures outside the timed steps, repeated under the table
string? killSummary = null; // the prepare-kill scenario's outcome, printed at the end
var work = ""; // the temp folder, made once the arguments are found good
var scenarios = new Dictionary<string, Func<Task>>
{
    ["prepare"] = PrepareScenarioAsync, ["export-1k"] = FewPayoutsScenarioAsync, ["export-100k"] = ManyPayoutsScenarioAsync,
    ["prepare-kill"] = PrepareKillScenarioAsync,
};
if (only is not null && !scenarios.ContainsKey(only)) { Console.Error.WriteLine($"no scenario {only}; choose {string.Join(", ", scenarios.Keys)}"); return 2; }
if (!Bench.Processes.PortIsFree(App.Port)) { Console.Error.WriteLine($"port {App.Port} on 127.0.0.1 is in use; stop what listens there first"); return 2; }
work = Directory.CreateTempSubdirectory("ab-payouts-bench-").FullName;
try
{
    Console.WriteLine($"{Environment.ProcessorCount} cores ({Report.CpuModel()}), {runs} run(s) of each step, each in a fresh app process");
    foreach (var (name, scenario) in scenarios)
        if (only is null || only == name) await scenario();
}
catch (Exception failed)
{
    // A failure while setting up (not in a timed step) ends the benchmark; the figures so far are still printed.
    Console.WriteLine($"set-up failed: {failed.Message}");
}
finally
{
    Report.Print(results, runs);
    if (killSummary is not null) Console.WriteLine(killSummary);
    foreach (var note in notes) Console.WriteLine($"note: {note}");
    Directory.Delete(work, recursive: true);
}
return (results.Count > 0 || killSummary is not null) && results.All(r => r.Failure is null) && notes.Count == 0 ? 0 : 1;

// Preparing: the run reads every unpaid line, then writes a payout per affiliate and an item per line. It writes, so
// each run starts from a copy of the seeded database.
async Task PrepareScenarioAsync()
{
    var template = await TemplateAsync("prepare", affiliates: 10_000, linesEach: 100, withConversions: false, prepared: false);
    results.Add(await MeasureAsync("prepare: 10,000 affiliates, 1,000,000 lines", targetSeconds: 10, targetMegabytes: null, template, freshCopy: true,
        again: false, step: async (api, database) =>
        {
            var answer = await api.TimeAsync(HttpMethod.Post, "/api/v1/payouts/generate", "{}");
            var payouts = JsonDocument.Parse(answer.Body).RootElement.GetProperty("payouts").GetArrayLength();
            var items = Seed.Count(database, "SELECT COUNT(*) FROM PayoutItems");
            return payouts == 10_000 && items == 1_000_000 ? answer
                : throw new InvalidDataException($"expected 10,000 payouts and 1,000,000 payout items, got {payouts:N0} and {items:N0}");
        }));
}

// Durability: a payout run killed (SIGKILL) at a random moment leaves whole payouts or none, and preparing again pays
// every line exactly once. One kill per fresh copy of the prepare scenario's seeded database, so each starts alike.
async Task PrepareKillScenarioAsync()
{
    var template = await TemplateAsync("prepare", affiliates: 10_000, linesEach: 100, withConversions: false, prepared: false);
    // The kill moments are drawn uniformly inside the time a whole run takes on this machine. The first run after
    // seeding can be slowed by the kernel still writing the seed back; a kill after the answer tests nothing, so the
    // shorter of two runs is taken.
    var times = new List<double>();
    for (var i = 0; i < 2; i++)
    {
        await using var app = await App.StartAsync(appFolder, FreshCopy(template));
        using var api = await Api.OwnerAsync();
        times.Add((await api.TimeAsync(HttpMethod.Post, "/api/v1/payouts/generate", "{}")).Seconds);
    }
    var whole = times.Min();
    Console.WriteLine($"[prepare-kill] a whole run takes {whole:0.00} s here (runs of {string.Join(" and ", times.Select(t => $"{t:0.00} s"))}); "
                      + $"{kills} kill(s), each on a fresh copy of the seeded database");
    int wholeIn = 0, paidOnceIn = 0;
    for (var kill = 1; kill <= kills; kill++)
    {
        var database = FreshCopy(template);
        var delay = Random.Shared.NextDouble() * whole;
        var killed = new List<string>();
        string ran;
        await using (var app = await App.StartAsync(appFolder, database))
        {
            using var api = await Api.OwnerAsync();
            var run = api.TimeAsync(HttpMethod.Post, "/api/v1/payouts/generate", "{}");
            await Task.Delay(TimeSpan.FromSeconds(delay));
            ran = "was cut off";
            if (run.IsCompletedSuccessfully)
            {
                // Run times vary here; a run that answered before its kill took a whole run's time too, and the next
                // kills are drawn inside the shorter one so that they land during a run.
                ran = $"had answered after {run.Result.Seconds:0.00} s, before the kill";
                whole = Math.Min(whole, run.Result.Seconds);
            }
            if (run.IsFaulted) killed.Add($"the run failed before the kill: {run.Exception!.GetBaseException().Message}\n{await app.ConsoleTailAsync()}");
            await app.KillAsync();
            // The kill breaks the connection, so the request fails: that is the point, not a finding.
            try { await run; } catch (Exception) { }
        }
        // Measured before opening the file: closing the last connection checkpoints the WAL into it and deletes it.
        var wal = new FileInfo(database + "-wal") is { Exists: true } file ? file.Length / 1048576.0 : 0;
        var committed = Seed.Count(database, "SELECT COUNT(*) FROM Payouts");
        killed.AddRange(Durability.WholePayouts(database));

        var again = new List<string>();
        await using (var app = await App.StartAsync(appFolder, database))
        {
            using var api = await Api.OwnerAsync();
            try { await api.TimeAsync(HttpMethod.Post, "/api/v1/payouts/generate", "{}"); }
            catch (Exception failed) { again.Add($"the re-run failed: {failed.Message}\n{await app.ConsoleTailAsync()}"); }
        }
        // The re-run's payouts must be whole too, and together with the killed run's pay each line once.
        again.AddRange(Durability.PaidOnce(database, lines: 1_000_000, affiliates: 10_000));
        again.AddRange(Durability.WholePayouts(database));

        if (killed.Count == 0) wholeIn++;
        if (again.Count == 0) paidOnceIn++;
        Console.WriteLine($"  kill {kill}/{kills} after {delay:0.00} s: the run {ran}, {committed:N0} payouts committed (WAL {wal:0} MB); "
                          + $"whole: {(killed.Count == 0 ? "yes" : "NO")}; after re-run, lines paid once: {(again.Count == 0 ? "yes" : "NO")}");
        foreach (var problem in killed.Concat(again)) Console.WriteLine($"    FAILED: {problem}");
        if (killed.Count + again.Count > 0) notes.Add($"[prepare-kill] kill {kill} after {delay:0.00} s: {Report.Shorten(killed.Concat(again).First())}");
    }
    killSummary = $"{kills} kills: payouts whole in {wholeIn}/{kills}, lines paid once after re-run in {paidOnceIn}/{kills}";
}

// 100,000 lines in 1,000 payouts: the XLSX has a row per line (and per payout); the CSV has a row per payout only.
async Task FewPayoutsScenarioAsync()
{
    var template = await TemplateAsync("export-1k", affiliates: 1_000, linesEach: 100, withConversions: true, prepared: true);
    results.Add(await MeasureAsync("export xlsx: 1,000 payouts of 100 lines", 10, 1024, template, freshCopy: false,
        (api, _) => ExportCheck.DownloadAsync(api, "xlsx", payouts: 1_000, lines: 100_000)));
    results.Add(await MeasureAsync("export csv:  1,000 payouts of 100 lines", 10, 1024, template, freshCopy: false,
        (api, _) => ExportCheck.DownloadAsync(api, "csv", payouts: 1_000, lines: 100_000)));
}

// The hardest CSV: 100,000 payouts of one line each, so 100,000 rows in it (and in both sheets of the XLSX).
async Task ManyPayoutsScenarioAsync()
{
    var template = await TemplateAsync("export-100k", affiliates: 100_000, linesEach: 1, withConversions: true, prepared: true);
    results.Add(await MeasureAsync("export csv:  100,000 payouts of 1 line", 10, 1024, template, freshCopy: false,
        (api, _) => ExportCheck.DownloadAsync(api, "csv", payouts: 100_000, lines: 100_000)));
    results.Add(await MeasureAsync("export xlsx: 100,000 payouts of 1 line", 10, 1024, template, freshCopy: false,
        (api, _) => ExportCheck.DownloadAsync(api, "xlsx", payouts: 100_000, lines: 100_000)));
}

// A database with a merchant (made through the API), a campaign, and the seeded affiliates and lines; with prepared,
// the lines are already in pending payouts. Timed steps start the app on it (or on a copy, when the step writes).
async Task<string> TemplateAsync(string name, int affiliates, int linesEach, bool withConversions, bool prepared)
{
    var database = Path.Combine(work, name, "app.db");
    // prepare-kill uses the prepare scenario's seed: made once when both run.
    if (File.Exists(database)) return database;
    Directory.CreateDirectory(Path.GetDirectoryName(database)!);
    int merchantId, campaignId;
    await using (await App.StartAsync(appFolder, database))
    {
        using (var admin = await Api.SignInAsync(App.AdminEmail, App.AdminPassword))
            merchantId = (await admin.PostAsync("/api/v1/merchants", new
            {
                company = "Payouts Bench Shop", website = "https://shop.example", ownerEmail = Api.OwnerEmail, ownerPassword = Api.OwnerPassword,
                currency = "USD", plan = "Business",
            })).GetProperty("id").GetInt32();
        using var owner = await Api.OwnerAsync();
        campaignId = (await owner.PostAsync("/api/v1/campaigns", new
        {
            name = "Bench CPS", type = "Cps", currency = "USD", percentBasisPoints = 1000, landingUrl = "https://shop.example/landing",
            cookieWindowDays = 30, holdDays = 30, joinPolicy = "ApprovalRequired", status = "Active",
        })).GetProperty("id").GetInt32();
    }
    var seeding = Stopwatch.StartNew();
    Seed.Run(database, merchantId, campaignId, affiliates, linesEach, withConversions);
    Console.WriteLine($"[{name}] seeded {affiliates:N0} affiliates, {affiliates * linesEach:N0} approved lines in {seeding.Elapsed.TotalSeconds:0.0} s");
    if (!prepared) return database;

    await using var app = await App.StartAsync(appFolder, database);
    using var api = await Api.OwnerAsync();
    var clock = Stopwatch.StartNew();
    string? error = null;
    try { await api.TimeAsync(HttpMethod.Post, "/api/v1/payouts/generate", "{}"); }
    catch (Exception failed) { error = failed.Message; }
    var seconds = clock.Elapsed.TotalSeconds;
    var payouts = Seed.Count(database, "SELECT COUNT(*) FROM Payouts");
    var items = Seed.Count(database, "SELECT COUNT(*) FROM PayoutItems WHERE ReleasedAt IS NULL");
    if (error is not null)
    {
        // The run commits a batch of affiliates at a time, so it can fail after every payout is written (reading them
        // back, say). Then the exports can still be measured on them; the failure is reported all the same.
        Console.WriteLine($"[{name}] preparing the payouts FAILED after {seconds:0.0} s: {error}\n  the app's console output:\n{await app.ConsoleTailAsync()}");
        notes.Add($"[{name}] preparing failed after {seconds:0.0} s, having committed {payouts:N0} payouts holding {items:N0} lines: {Report.Shorten(error)}");
    }
    if (payouts != affiliates || items != affiliates * linesEach)
        throw new InvalidDataException($"[{name}] preparing left {payouts:N0} payouts holding {items:N0} lines, not {affiliates:N0} holding {affiliates * linesEach:N0}");
    Console.WriteLine($"[{name}] prepared {payouts:N0} payouts in {seconds:0.0} s (set-up, not a timed step; peak {app.PeakMegabytes():N0} MB)");
    return database;
}

// Runs a step once per run, each in a fresh app process, and keeps the medians; a failure is reported with the app's
// console output and ends the step (the other steps still run).
async Task<Result> MeasureAsync(string name, double targetSeconds, double? targetMegabytes, string template, bool freshCopy, Func<Api, string, Task<Download>> step,
    bool again = true)
{
    var samples = new List<Sample>();
    for (var run = 1; run <= runs; run++)
    {
        var database = freshCopy ? FreshCopy(template) : template;
        await using var app = await App.StartAsync(appFolder, database);
        using var api = await Api.OwnerAsync();
        // Peak after start-up and sign-in, before the step: what the step itself added is the difference.
        var idle = app.PeakMegabytes();
        try
        {
            var download = await step(api, database);
            var peak = app.PeakMegabytes();
            // The same call again in the same process, once its code is compiled and warm: how much of the first
            // call's time was the JIT's. Read-only steps only (a second prepare would find nothing to pay).
            double? warm = again ? (await step(api, database)).Seconds : null;
            var sample = new Sample(download.Seconds, download.Bytes, peak, idle, warm);
            samples.Add(sample);
            Console.WriteLine($"  {name}  run {run}: {sample.Seconds:0.00} s{(warm is { } w ? $" (again: {w:0.00} s)" : "")}, {sample.Bytes:N0} bytes, "
                              + $"peak {sample.PeakMegabytes:N0} MB (idle {idle:N0} MB)");
        }
        catch (Exception failed)
        {
            Console.WriteLine($"  {name}  run {run} FAILED: {failed.GetType().Name}: {failed.Message}");
            Console.WriteLine($"  the app's console output, last lines:\n{await app.ConsoleTailAsync()}");
            return new(name, targetSeconds, targetMegabytes, samples, $"{failed.GetType().Name}: {failed.Message}");
        }
    }
    return new(name, targetSeconds, targetMegabytes, samples, null);
}

// A copy of the seeded database for a step that writes, in place of the last step's.
string FreshCopy(string template)
{
    var database = Path.Combine(work, "run.db");
    foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
    Seed.CopyToDisk(template, database);
    return database;
}
