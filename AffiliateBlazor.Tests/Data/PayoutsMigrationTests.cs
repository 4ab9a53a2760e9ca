using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Data;

/// <summary>An install upgraded from before payout items keeps which payout holds each line.</summary>
public sealed class PayoutsMigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ab-migration-").FullName;

    [Fact]
    public async Task Lines_named_by_the_old_payout_column_become_payout_items_released_only_for_cancelled_payouts()
    {
        var file = Path.Combine(_folder, "old.db");
        await using (var db = Context(file))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261128064004_FraudFlagsColumnFitsEveryFlag");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO AspNetUsers (Id, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, CreatedAt) VALUES ('u', 0, 0, 0, 0, 0, '2026-01-01 00:00:00');
                INSERT INTO Merchants (Id, Company, Slug, Website, Domain, Plan, Currency, TimeZone, OwnerUserId, CreatedAt) VALUES (1, 'Shop', 'shop', 'https://s.example', 's.example', 'Free', 'USD', 'UTC', 'u', '2026-01-01 00:00:00');
                INSERT INTO Affiliates (Id, UserId, Name, Email, CreatedAt) VALUES (7, 'u', 'Ada', 'ada@blog.example', '2026-01-01 00:00:00');
                INSERT INTO Payouts (Id, MerchantId, AffiliateId, Amount, Currency, Status, CreatedAt, DecidedAt) VALUES
                    (1, 1, 7, 300, 'USD', 'Approved', '2026-02-01 00:00:00', '2026-02-02 00:00:00'),
                    (2, 1, 7, 50, 'USD', 'Cancelled', '2026-03-01 00:00:00', '2026-03-02 00:00:00');
                INSERT INTO CommissionLines (Id, MerchantId, CampaignId, AffiliateId, Kind, Status, Amount, Currency, CarriedThousandths, PayoutId, CreatedAt) VALUES
                    (10, 1, 1, 7, 'Conversion', 'Approved', 100, 'USD', 0, 1, '2026-01-10 00:00:00'),
                    (11, 1, 1, 7, 'Conversion', 'Approved', 200, 'USD', 0, 1, '2026-01-11 00:00:00'),
                    (12, 1, 1, 7, 'Conversion', 'Approved', 50, 'USD', 0, 2, '2026-01-12 00:00:00'),
                    (13, 1, 1, 7, 'Conversion', 'Approved', 70, 'USD', 0, NULL, '2026-01-13 00:00:00');
                """);
            await db.Database.MigrateAsync();
        }

        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT group_concat(PayoutId || ':' || CommissionLineId || ':' || (ReleasedAt IS NULL), ' ') FROM (SELECT * FROM PayoutItems ORDER BY CommissionLineId);
            """;
        Assert.Equal("1:10:1 1:11:1 2:12:0", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT group_concat(Id || ':' || LineCount || ':' || (PaidAt IS NOT NULL), ' ') FROM Payouts";
        Assert.Equal("1:2:1 2:1:0", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('CommissionLines') WHERE name = 'PayoutId'";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    /// <summary>A context as the app builds it: Identity's options shape the model, so they come from the same services.</summary>
    private static AppDbContext Context(string file)
    {
        var services = new ServiceCollection();
        services.Configure<IdentityOptions>(AccountSetup.ConfigureIdentity);
        services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite($"Data Source={file};Pooling=False"));
        return services.BuildServiceProvider().GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
