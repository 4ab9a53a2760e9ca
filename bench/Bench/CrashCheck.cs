namespace Bench;

/// <summary>kill -9 the app under click load, again and again; every acknowledged click must be in the database.</summary>
public sealed class CrashCheck(int kills, long acknowledged, long lost)
{
    public static async Task<CrashCheck> RunAsync(string appFolder, string databasePath, BenchSetup setup, int kills)
    {
        long acknowledged = 0, lost = 0;
        var random = new Random(7);
        for (var kill = 1; kill <= kills; kill++)
        {
            long lastRowBefore;
            using (var before = new Database(databasePath)) lastRowBefore = before.LastClickRowId();
            var app = await AppUnderTest.StartAsync(appFolder, databasePath);
            using var stop = new CancellationTokenSource();
            var load = Load.ClicksAsync(app.BaseUrl, setup.LinkCode, count: null, stop.Token);
            await Task.Delay(random.Next(300, 1500));
            app.KillHard();
            await stop.CancelAsync();
            var acked = await load;
            await app.DisposeAsync();
            using var db = new Database(databasePath);
            var missing = db.MissingClicks(acked, lastRowBefore);
            acknowledged += acked.Count;
            lost += missing;
            Console.WriteLine($"  kill {kill,2}: {acked.Count,6:N0} clicks acknowledged before kill -9, {missing} missing after restart");
        }
        return new(kills, acknowledged, lost);
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"crash check: {kills} kill -9 under click load, {acknowledged:N0} acknowledged clicks, {lost} lost");
    }
}
