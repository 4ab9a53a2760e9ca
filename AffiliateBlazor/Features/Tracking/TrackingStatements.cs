using AffiliateBlazor.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// The writer's connection and its prepared statements, reused for every batch. They are driven through SQLite's own
/// API (opened through SQLitePCL, under Microsoft.Data.Sqlite; bound and stepped through <see cref="SqliteNative"/>):
/// binding by position costs a fraction of SqliteCommand's per-call work (a reader per statement, every parameter looked
/// up by name), and every click pays for it.
/// </summary>
public sealed class TrackingStatements : IDisposable
{
    private sqlite3? _db;
    // Set by OpenAndPrepare; Dispose copes with any still unset after a failed start.
    private sqlite3_stmt _begin = null!, _commit = null!, _addToRollup = null!, _insertRollup = null!;
    // Inserts of 1, 2, 4, 8 and 16 clicks at once, each prepared when first needed: a batch goes in as few statements
    // as its size in binary has ones. Each statement run has a fixed cost (a cursor opened and positioned, the program
    // started, halted and reset) that a row of a longer statement does not pay again.
    private readonly sqlite3_stmt?[] _insertClicks = new sqlite3_stmt?[5];
    private const int ClickColumns = 18;

    public TrackingStatements(string databaseFile)
    {
        try
        {
            OpenAndPrepare(databaseFile);
        }
        catch
        {
            // A database that cannot take the statements (a missing table) must not leave the connection open.
            Dispose();
            throw;
        }
    }

    private void OpenAndPrepare(string databaseFile)
    {
        // Opened here rather than through SqliteConnection, so without SQLite's per-connection mutex: only the writer's
        // one running commit ever uses this connection, and the mutex was taken and released around every bind, step
        // and reset (2 % of a click's CPU time).
        var opened = raw.sqlite3_open_v2(databaseFile, out _db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        SqliteException.ThrowExceptionForRC(opened, _db);
        Execute(DatabaseSetup.WriterPragmas);
        // Prepared like the rest: sqlite3_exec would parse them again for every batch.
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        // Update first, insert only for a bucket's first events: an upsert (INSERT … ON CONFLICT) takes a number from
        // the table's AUTOINCREMENT sequence even when it updates, rewriting sqlite_sequence's page in every batch.
        _addToRollup = Prepare("""
            UPDATE TrafficRollups SET Clicks = Clicks + ?3, UniqueClicks = UniqueClicks + ?4, BillableClicks = BillableClicks + ?5,
                Impressions = Impressions + ?6
            WHERE LinkId = ?1 AND BucketStart = ?2
            """);
        _insertRollup = Prepare("""
            INSERT INTO TrafficRollups (LinkId, BucketStart, Clicks, UniqueClicks, BillableClicks, Impressions, MerchantId, CampaignId, AffiliateId)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """);
    }

    /// <summary>Writes the batch's click rows and rollup deltas in one transaction.</summary>
    public void Commit(IReadOnlyList<TrackingEvent> batch, IEnumerable<RollupDelta> rollups)
    {
        Step(_begin.DangerousGetHandle());
        try
        {
            InsertClicks(batch);
            foreach (var delta in rollups) AddToRollup(delta);
            Step(_commit.DangerousGetHandle());
        }
        catch
        {
            raw.sqlite3_exec(_db, "ROLLBACK");
            throw;
        }
    }

    private void InsertClicks(IReadOnlyList<TrackingEvent> batch)
    {
        var clicks = new List<TrackingEvent>(batch.Count);
        foreach (var e in batch)
            if (e.Click is not null) clicks.Add(e);
        var done = 0;
        for (var power = _insertClicks.Length - 1; power >= 0; power--)
            for (var rows = 1 << power; clicks.Count - done >= rows; done += rows)
            {
                var statement = (_insertClicks[power] ??= Prepare(InsertClicksSql(rows))).DangerousGetHandle();
                for (var row = 0; row < rows; row++)
                {
                    var e = clicks[done + row];
                    BindClick(statement, row * ClickColumns, e.Link, e.At, e.Click!);
                }
                Step(statement);
            }
    }

    private static string InsertClicksSql(int rows) => $"""
        INSERT INTO Clicks (Id, PublicId, MerchantId, CampaignId, AffiliateId, LinkId, CreativeId, At, IpHash, UserAgent, Referrer,
                            Sub1, Sub2, Sub3, Sub4, Sub5, IsUnique, IsBillable)
        VALUES {string.Join(", ", Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(", ", Enumerable.Range(row * ClickColumns + 1, ClickColumns).Select(n => $"?{n}")) + ")"))}
        """;

    /// <summary>One click's values, from the parameter after <paramref name="before"/> on.</summary>
    private static void BindClick(IntPtr s, int before, CachedLink link, DateTime at, ClickRow click)
    {
        SqliteNative.BindInteger(s, before + 1, click.Id);
        SqliteNative.BindText(s, before + 2, click.PublicId);
        SqliteNative.BindInteger(s, before + 3, link.MerchantId);
        SqliteNative.BindInteger(s, before + 4, link.CampaignId);
        SqliteNative.BindInteger(s, before + 5, link.AffiliateId);
        SqliteNative.BindInteger(s, before + 6, link.LinkId);
        SqliteNative.BindInteger(s, before + 7, click.CreativeId);
        BindTime(s, before + 8, at);
        SqliteNative.BindText(s, before + 9, click.IpHash);
        SqliteNative.BindText(s, before + 10, click.UserAgent);
        SqliteNative.BindText(s, before + 11, click.Referrer);
        for (var i = 0; i < 5; i++) SqliteNative.BindText(s, before + 12 + i, click.Subs[i]);
        SqliteNative.BindInteger(s, before + 17, click.IsUnique ? 1 : 0);
        SqliteNative.BindInteger(s, before + 18, click.IsBillable ? 1 : 0);
    }

    private void AddToRollup(RollupDelta delta)
    {
        var update = _addToRollup.DangerousGetHandle();
        BindRollup(update, delta);
        Step(update);
        if (SqliteNative.sqlite3_changes(_db!.DangerousGetHandle()) > 0) return;
        var insert = _insertRollup.DangerousGetHandle();
        BindRollup(insert, delta);
        SqliteNative.BindInteger(insert, 7, delta.Link.MerchantId);
        SqliteNative.BindInteger(insert, 8, delta.Link.CampaignId);
        SqliteNative.BindInteger(insert, 9, delta.Link.AffiliateId);
        Step(insert);
    }

    /// <summary>The parameters both rollup statements share, by position: the row's key and the counts to add.</summary>
    private static void BindRollup(IntPtr statement, RollupDelta delta)
    {
        SqliteNative.BindInteger(statement, 1, delta.Link.LinkId);
        BindTime(statement, 2, delta.Bucket);
        SqliteNative.BindInteger(statement, 3, delta.Clicks);
        SqliteNative.BindInteger(statement, 4, delta.UniqueClicks);
        SqliteNative.BindInteger(statement, 5, delta.BillableClicks);
        SqliteNative.BindInteger(statement, 6, delta.Impressions);
    }

    private static void BindTime(IntPtr statement, int index, DateTime at)
    {
        Span<byte> text = stackalloc byte[SqliteDateText.MaxLength];
        SqliteNative.BindText(statement, index, text[..SqliteDateText.Write(at, text)]);
    }

    /// <summary>Runs the statement once and makes it ready for the next row, failing loudly on any error.</summary>
    private void Step(IntPtr statement)
    {
        var result = SqliteNative.sqlite3_step(statement);
        SqliteNative.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(result, _db);
    }

    private void Execute(string sql) => SqliteException.ThrowExceptionForRC(raw.sqlite3_exec(_db, sql), _db);

    private sqlite3_stmt Prepare(string sql)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out var statement), _db);
        return statement;
    }

    public void Dispose()
    {
        _begin?.Dispose();
        _commit?.Dispose();
        foreach (var insert in _insertClicks) insert?.Dispose();
        _addToRollup?.Dispose();
        _insertRollup?.Dispose();
        _db?.Dispose();
    }
}
