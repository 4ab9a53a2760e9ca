using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AffiliateBlazor.Data;

public static class DatabaseSetup
{
    public const string DefaultConnection = "Data Source=data/affiliateblazor.db";

    public static void AddAppDatabase(this WebApplicationBuilder builder)
    {
        var connection = new SqliteConnectionStringBuilder(ConnectionString(builder.Configuration))
        {
            DataSource = DataSource(builder.Configuration, builder.Environment.ContentRootPath),
            // Microsoft.Data.Sqlite retries a busy database for this many seconds before it gives up.
            DefaultTimeout = 30,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(connection.DataSource)!);

        builder.Services.AddDbContextFactory<AppDbContext>(options => options
            .UseSqlite(connection.ToString(), sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.GetName().Name))
            .AddInterceptors(new SqlitePragmas()));
        builder.Services.AddSingleton<WriteGate>();
        builder.Services.AddSingleton<WalCheckpointer>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<WalCheckpointer>());
        builder.Services.AddDataProtection().SetApplicationName("AffiliateBlazor").PersistKeysToDbContext<AppDbContext>();
    }

    public static string ConnectionString(IConfiguration configuration) => configuration.GetConnectionString("Default") ?? DefaultConnection;

    /// <summary>
    /// For a component that keeps one connection of its own (the WAL checkpointer): unpooled, so one it drops after a
    /// failure really closes rather than returning to the pool EF Core draws from (with, at worst, a transaction still
    /// open). The tracking writer opens its file through SQLite itself (<see cref="DataSource"/>).
    /// </summary>
    public static string OwnConnectionString(IConfiguration configuration, string contentRoot) =>
        new SqliteConnectionStringBuilder(ConnectionString(configuration))
        {
            DataSource = DataSource(configuration, contentRoot), DefaultTimeout = 30, Pooling = false,
        }.ToString();

    /// <summary>The database file, relative paths taken from the content root; its folder also holds the app's local secrets.</summary>
    public static string DataSource(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString(configuration)).DataSource, contentRoot);

    /// <summary>Creates or upgrades the database before the first request.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        // WAL lets readers (dashboards) run beside the one writer; the setting is stored in the file itself.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
    }

    /// <summary>
    /// What every connection of the app that writes sets, EF Core's and the tracking writer's: WAL with
    /// synchronous=NORMAL survives a killed process; a busy database is waited for; no automatic checkpoint inside a
    /// commit, <see cref="WalCheckpointer"/> does it.
    /// </summary>
    public const string WriterPragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=0;";

    /// <summary>EF Core's connections: the writers' settings, and foreign keys on.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = $"{WriterPragmas} PRAGMA foreign_keys=ON;";

        // The pragmas stay with SQLite's connection, which the pool keeps open across EF Core's many short opens (one
        // per query): setting them on every open cost four statements per query. Weak, so a pruned connection goes.
        private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            var handle = ((SqliteConnection)connection).Handle!;
            if (Configured.TryGetValue(handle, out _)) return;
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Configured.AddOrUpdate(handle, Pragmas);
        }
    }
}
