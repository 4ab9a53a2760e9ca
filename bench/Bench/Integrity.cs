namespace Bench;

/// <summary>Exact-count loads: the rows written must equal the requests acknowledged, no more and no fewer.</summary>
public sealed class Integrity(IReadOnlyList<(string Endpoint, long Acknowledged, long Rows)> results)
{
    private const int Requests = 20_000;
    private const int Conversions = 5_000;

    public static async Task<Integrity> CheckAsync(AppUnderTest app, BenchSetup setup)
    {
        using var db = new Database(app.DatabasePath);
        var results = new List<(string, long, long)>();

        var clicksBefore = db.Scalar("SELECT COUNT(*) FROM Clicks");
        var lastRowBefore = db.LastClickRowId();
        var clicks = await Load.ClicksAsync(app.BaseUrl, setup.LinkCode, Requests, CancellationToken.None);
        results.Add(("clicks", clicks.Count, db.Scalar("SELECT COUNT(*) FROM Clicks") - clicksBefore));
        results.Add(("  of which missing by id", 0, db.MissingClicks(clicks, lastRowBefore)));

        var impressionsBefore = db.Scalar("SELECT COALESCE(SUM(Impressions), 0) FROM TrafficRollups");
        var impressions = await Load.ImpressionsAsync(app.BaseUrl, setup.LinkCode, Requests);
        results.Add(("impressions", impressions.Count, db.Scalar("SELECT COALESCE(SUM(Impressions), 0) FROM TrafficRollups") - impressionsBefore));

        var rollupClicks = db.Scalar("SELECT COALESCE(SUM(Clicks), 0) FROM TrafficRollups");
        results.Add(("rollup clicks = click rows", db.Scalar("SELECT COUNT(*) FROM Clicks"), rollupClicks));

        var conversionsBefore = db.Scalar("SELECT COUNT(*) FROM Conversions");
        var conversions = await Load.ConversionsAsync(app.BaseUrl, setup, Conversions);
        results.Add(("S2S conversions", conversions.Count, db.Scalar("SELECT COUNT(*) FROM Conversions") - conversionsBefore));
        return new(results);
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"{"rows check",-28} {"acknowledged",12} {"rows",10}  verdict");
        foreach (var (endpoint, acknowledged, rows) in results)
            Console.WriteLine($"{endpoint,-28} {acknowledged,12:N0} {rows,10:N0}  {(acknowledged == rows ? "equal" : "DIFFERENT")}");
    }
}
