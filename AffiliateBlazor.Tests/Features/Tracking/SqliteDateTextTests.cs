using System.Text;
using AffiliateBlazor.Features.Tracking;
using Microsoft.Data.Sqlite;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>
/// The tracking writer stores times in Microsoft.Data.Sqlite's own text form: were they to differ by a digit, EF Core's
/// rollup upserts and the writer's would land in different rows for the same bucket.
/// </summary>
public class SqliteDateTextTests
{
    [Fact]
    public void Writes_what_Microsoft_Data_Sqlite_writes_for_every_kind_of_fraction()
    {
        var random = new Random(7);
        var samples = new List<DateTime>
        {
            DateTime.MinValue, DateTime.MaxValue, new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 11, 25, 23, 59, 59, DateTimeKind.Utc).AddTicks(1), new DateTime(999, 1, 2, 3, 4, 5, 600, DateTimeKind.Utc),
            new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc).AddTicks(1_000_000),
        };
        for (var i = 0; i < 10_000; i++)
        {
            var at = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
            // Also fractions that end in zeros, which the format drops.
            samples.Add(at);
            samples.Add(new DateTime(at.Ticks - at.Ticks % (long)Math.Pow(10, random.Next(1, 8)), DateTimeKind.Utc));
        }

        // The reference is Microsoft.Data.Sqlite itself: the text it stores for a DateTime parameter.
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT $at";
        var parameter = select.Parameters.Add("$at", SqliteType.Text);
        var buffer = new byte[SqliteDateText.MaxLength];
        foreach (var at in samples)
        {
            parameter.Value = at;
            Assert.Equal((string)select.ExecuteScalar()!, Encoding.UTF8.GetString(buffer, 0, SqliteDateText.Write(at, buffer)));
        }
    }
}
