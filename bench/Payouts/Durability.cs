using Microsoft.Data.Sqlite;

namespace Payouts;

/// <summary>
/// What a payout run killed at any moment must leave in the database, read straight from the file with the app stopped.
/// Opened normally, SQLite reads the WAL the killed process left beside it, as the app's next start would.
/// </summary>
public static class Durability
{
    /// <summary>The checks that fail, empty when every payout is whole: its lines, its amount and its audit entry committed with it.</summary>
    public static List<string> WholePayouts(string databasePath) => Failing(databasePath,
        ("payouts whose LineCount or Amount differ from their items' lines", 0, """
            SELECT COUNT(*) FROM Payouts AS p
            LEFT JOIN (SELECT i.PayoutId, COUNT(*) AS Lines, SUM(l.Amount) AS Amount FROM PayoutItems AS i
                       LEFT JOIN CommissionLines AS l ON l.Id = i.CommissionLineId GROUP BY i.PayoutId) AS s ON s.PayoutId = p.Id
            WHERE p.LineCount <> COALESCE(s.Lines, 0) OR p.Amount <> COALESCE(s.Amount, 0)
            """),
        ("payout items naming no payout", 0,
            "SELECT COUNT(*) FROM PayoutItems AS i WHERE NOT EXISTS (SELECT 1 FROM Payouts AS p WHERE p.Id = i.PayoutId)"),
        ("lines in two live payout items", 0, """
            SELECT COUNT(*) FROM (SELECT CommissionLineId FROM PayoutItems WHERE ReleasedAt IS NULL GROUP BY CommissionLineId HAVING COUNT(*) > 1)
            """),
        ("payouts without exactly one 'payout.prepared' audit entry", 0, """
            SELECT COUNT(*) FROM Payouts AS p
            LEFT JOIN (SELECT Subject, COUNT(*) AS Entries FROM AuditEntries WHERE Action = 'payout.prepared' GROUP BY Subject) AS a
                ON a.Subject = 'payout ' || p.Id
            WHERE COALESCE(a.Entries, 0) <> 1
            """),
        // With one entry per payout, as many entries as payouts means none names a payout that was never committed.
        ("'payout.prepared' audit entries beyond one per payout", 0,
            "SELECT (SELECT COUNT(*) FROM AuditEntries WHERE Action = 'payout.prepared') - (SELECT COUNT(*) FROM Payouts)"));

    /// <summary>The checks that fail, empty when every seeded line is in exactly one live item and every affiliate was paid.</summary>
    public static List<string> PaidOnce(string databasePath, long lines, long affiliates) => Failing(databasePath,
        ("live payout items", lines, "SELECT COUNT(*) FROM PayoutItems WHERE ReleasedAt IS NULL"),
        ("distinct lines in live payout items", lines, "SELECT COUNT(DISTINCT CommissionLineId) FROM PayoutItems WHERE ReleasedAt IS NULL"),
        ("payouts' amounts minus the approved lines' amounts", 0,
            "SELECT (SELECT COALESCE(SUM(Amount), 0) FROM Payouts) - (SELECT COALESCE(SUM(Amount), 0) FROM CommissionLines WHERE Status = 'Approved')"),
        ("payouts", affiliates, "SELECT COUNT(*) FROM Payouts"));

    private static List<string> Failing(string databasePath, params (string What, long Expected, string Sql)[] checks)
    {
        using var db = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        db.Open();
        var failing = new List<string>();
        foreach (var (what, expected, sql) in checks)
        {
            using var command = db.CreateCommand();
            command.CommandText = sql;
            var got = Convert.ToInt64(command.ExecuteScalar());
            if (got != expected) failing.Add($"{what}: {got:N0}, expected {expected:N0}");
        }
        return failing;
    }
}
