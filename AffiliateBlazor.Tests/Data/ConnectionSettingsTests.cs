using AffiliateBlazor.Data;
using AffiliateBlazor.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Data;

/// <summary>
/// The settings each EF Core connection needs are set once per SQLite connection and kept by the pool: a connection
/// handed out again must still refuse rows that point nowhere, wait for a busy database, and leave checkpoints to the
/// app's checkpointer.
/// </summary>
public sealed class ConnectionSettingsTests
{
    [Fact]
    public async Task Every_connection_ef_core_opens_has_the_settings_also_when_the_pool_hands_it_out_again()
    {
        await using var app = new AppFactory();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        for (var round = 0; round < 2; round++)
        {
            // Two at once, so the pool opens a second SQLite connection; the second round gets both back from the pool.
            await using var first = await contexts.CreateDbContextAsync();
            await using var second = await contexts.CreateDbContextAsync();
            await AssertSettingsAsync(first);
            await AssertSettingsAsync(second);
        }
    }

    private static async Task AssertSettingsAsync(AppDbContext db)
    {
        Assert.Equal(1L, await PragmaAsync(db, "foreign_keys"));
        Assert.Equal(30_000L, await PragmaAsync(db, "busy_timeout"));
        Assert.Equal(0L, await PragmaAsync(db, "wal_autocheckpoint"));
        Assert.Equal(1L, await PragmaAsync(db, "synchronous")); // NORMAL
    }

    private static async Task<long> PragmaAsync(AppDbContext db, string pragma)
    {
        await db.Database.OpenConnectionAsync(); // through EF Core, as its queries open it
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
