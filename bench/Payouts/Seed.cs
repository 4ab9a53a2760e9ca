using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Payouts;

/// <summary>
/// Writes affiliates and their approved commission straight into the app's SQLite file while the app is stopped: going
/// through the API would take hours for a million lines. One transaction, one prepared command per table reused for
/// every row. Values are stored as the app's EF model stores them: enums by name, times as 'yyyy-MM-dd HH:mm:ss.FFFFFFF'.
/// </summary>
public static class Seed
{
    public static void Run(string databasePath, int merchantId, int campaignId, int affiliates, int linesEach, bool withConversions)
    {
        using var db = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        db.Open();
        // Nothing to keep safe from a crash here: a failed seed is thrown away with its temp folder.
        Execute(db, "PRAGMA synchronous = OFF");
        var now = DateTime.UtcNow;
        // Recorded an hour ago, so a run's default cut-off (now) takes every line.
        var recorded = Time(now.AddHours(-1));
        var affiliateRole = (string)Scalar(db, "SELECT Id FROM AspNetRoles WHERE Name = 'Affiliate'");
        var firstAffiliate = Convert.ToInt32(Scalar(db, "SELECT COALESCE(MAX(Id), 0) FROM Affiliates")) + 1;
        var random = new Random(42);

        using var transaction = db.BeginTransaction();
        var user = Prepare(db, """
            INSERT INTO AspNetUsers (Id, CreatedAt, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp,
                ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
            VALUES ($id, $at, $email, $normalized, $email, $normalized, 1, $stamp, $concurrency, 0, 0, 1, 0)
            """, "$id", "$at", "$email", "$normalized", "$stamp", "$concurrency");
        var role = Prepare(db, "INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ($user, $role)", "$user", "$role");
        var affiliate = Prepare(db, "INSERT INTO Affiliates (Id, UserId, Name, Email, CreatedAt) VALUES ($id, $user, $name, $email, $at)",
            "$id", "$user", "$name", "$email", "$at");
        var membership = Prepare(db, """
            INSERT INTO Memberships (MerchantId, AffiliateId, Status, Invited, AppliedAt, DecidedAt)
            VALUES ($merchant, $affiliate, 'Approved', 0, $at, $at)
            """, "$merchant", "$affiliate", "$at");
        var method = Prepare(db, """
            INSERT INTO PayoutMethods (MerchantId, AffiliateId, Kind, Email, UpdatedAt) VALUES ($merchant, $affiliate, 'PayPal', $email, $at)
            """, "$merchant", "$affiliate", "$email", "$at");
        var conversion = Prepare(db, """
            INSERT INTO Conversions (Id, MerchantId, CampaignId, AffiliateId, Source, Type, OrderId, Amount, Currency, Commission, Status, Flags, CreatedAt, DecidedAt)
            VALUES ($id, $merchant, $campaign, $affiliate, 'Api', 'Sale', $order, $sale, 'USD', $amount, 'Approved', 'None', $at, $at)
            """, "$id", "$merchant", "$campaign", "$affiliate", "$order", "$sale", "$amount", "$at");
        var line = Prepare(db, """
            INSERT INTO CommissionLines (AffiliateId, Amount, CampaignId, CarriedThousandths, ConversionId, CreatedAt, Currency, Kind, MerchantId, Status)
            VALUES ($affiliate, $amount, $campaign, 0, $conversion, $at, 'USD', 'Conversion', $merchant, 'Approved')
            """, "$affiliate", "$amount", "$campaign", "$conversion", "$at", "$merchant");
        foreach (var command in new[] { user, role, affiliate, membership, method, conversion, line }) command.Transaction = transaction;

        long conversionId = Convert.ToInt64(Scalar(db, "SELECT COALESCE(MAX(Id), 0) FROM Conversions"));
        for (var a = 0; a < affiliates; a++)
        {
            var id = firstAffiliate + a;
            var userId = Guid.NewGuid().ToString();
            var email = $"affiliate{id}@payouts-bench.example";
            Insert(user, userId, recorded, email, email.ToUpperInvariant(), Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString());
            Insert(role, userId, affiliateRole);
            Insert(affiliate, id, userId, $"Affiliate {id}", email, recorded);
            Insert(membership, merchantId, id, recorded);
            // Half have said how to be paid, so the export has both filled and empty payment details.
            if (a % 2 == 0) Insert(method, merchantId, id, $"paypal{id}@payouts-bench.example", recorded);
            for (var l = 0; l < linesEach; l++)
            {
                var amount = random.NextInt64(1, 10_000);
                object linked = DBNull.Value;
                if (withConversions)
                {
                    linked = ++conversionId;
                    Insert(conversion, conversionId, merchantId, campaignId, id, $"ORDER-{conversionId}", amount * 10, amount, recorded);
                }
                Insert(line, id, amount, campaignId, linked, recorded, merchantId);
            }
        }
        transaction.Commit();
        // Leave a single database file (no WAL) for the copies made of it.
        Execute(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    public static long Count(string databasePath, string sql)
    {
        using var db = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        db.Open();
        return Convert.ToInt64(Scalar(db, sql));
    }

    /// <summary>EF Core's SQLite text form of a DateTime.</summary>
    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static SqliteCommand Prepare(SqliteConnection db, string sql, params string[] names)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static void Insert(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    /// <summary>Copies the file and waits until it is on disk, so the kernel writing the copy back does not compete with the step.</summary>
    public static void CopyToDisk(string from, string to)
    {
        using var source = File.OpenRead(from);
        using var target = File.Create(to);
        source.CopyTo(target);
        target.Flush(flushToDisk: true);
    }
}
