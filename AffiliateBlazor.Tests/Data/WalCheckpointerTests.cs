using AffiliateBlazor.Data;
using AffiliateBlazor.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Data;

/// <summary>
/// The WAL is copied back beside the writers, not inside their commits, and still starts over instead of growing:
/// a WAL that only grew would fill the disk of a busy install and slow every read.
/// </summary>
public sealed class WalCheckpointerTests
{
    [Fact]
    public async Task After_a_checkpoint_round_the_next_commit_starts_the_wal_over_and_nothing_committed_is_lost()
    {
        await using var app = new AppFactory();
        var link = (await app.LinkedCampaignAsync()).Link;
        // Each click is its own commit here, a few WAL pages each: far below the 1,000 pages at which SQLite's own
        // automatic checkpoint would have started the WAL over.
        for (var i = 0; i < 60; i++) await app.ClickAsync(link.Code);

        app.Services.GetRequiredService<WalCheckpointer>().Checkpoint();
        await app.ClickAsync(link.Code);

        Assert.InRange(await WalPagesAsync(app), 1, 10);
        Assert.Equal(61L, await app.SqlAsync($"SELECT COUNT(*) FROM Clicks WHERE LinkId = {link.Id}"));
        Assert.Equal(61L, await app.SqlAsync($"SELECT SUM(Clicks) FROM TrafficRollups WHERE LinkId = {link.Id}"));
    }

    [Fact]
    public async Task Frames_a_reader_kept_back_are_copied_at_the_next_round_even_with_no_new_commit()
    {
        await using var app = new AppFactory();
        var link = (await app.LinkedCampaignAsync()).Link;
        var checkpointer = app.Services.GetRequiredService<WalCheckpointer>();
        // A reader from outside the app (a backup tool, a long report) holds a snapshot from before the clicks.
        await using var reader = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False");
        await reader.OpenAsync();
        await ScalarAsync(reader, "BEGIN; SELECT COUNT(*) FROM Clicks");
        for (var i = 0; i < 30; i++) await app.ClickAsync(link.Code);

        checkpointer.Checkpoint();
        await ScalarAsync(reader, "COMMIT");
        checkpointer.Checkpoint();
        await app.ClickAsync(link.Code);

        Assert.InRange(await WalPagesAsync(app), 1, 10);
    }

    [Fact]
    public async Task The_app_copies_the_wal_back_by_itself_within_seconds()
    {
        await using var app = new AppFactory();
        var link = (await app.LinkedCampaignAsync()).Link;
        for (var i = 0; i < 30; i++) await app.ClickAsync(link.Code);

        // The database file alone (read without the WAL) holds the clicks once the background round has run.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        long clicksInFile;
        while ((clicksInFile = await ClicksInDatabaseFileAsync(app, link.Id)) < 30 && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.Equal(30L, clicksInFile);
    }

    /// <summary>The pages the WAL holds now (PASSIVE's second column), read from outside the app.</summary>
    private static async Task<long> WalPagesAsync(AppFactory app)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        // While the app's own background round holds SQLite's checkpoint lock, PASSIVE answers "busy" (first column 1)
        // and -1 pages without waiting; that round is over within milliseconds.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var busy = reader.GetInt64(0) == 1;
            if (!busy || DateTime.UtcNow > deadline) return reader.GetInt64(1);
            await Task.Delay(20);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>A copy of the main file only, as a reader that ignored the WAL would see it.</summary>
    private static async Task<long> ClicksInDatabaseFileAsync(AppFactory app, int linkId)
    {
        var copy = Path.Combine(app.DatabaseFolder, $"main-only-{Guid.NewGuid():N}.db");
        File.Copy(app.DatabaseFile, copy);
        try
        {
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM Clicks WHERE LinkId = {linkId}";
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        catch (SqliteException)
        {
            // Copied while the round was writing pages into the file: a torn copy, so not there yet; the next poll sees.
            return -1;
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
