using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>
/// The writer saves a batch's clicks with multi-row inserts of 16, 8, 4, 2 and 1 rows: every click must land in its own
/// row with its own values, whatever the batch's size.
/// </summary>
public sealed class TrackingBatchTests
{
    [Fact]
    public async Task Every_click_of_batches_of_many_sizes_is_saved_with_its_own_values_and_the_rollup_counts_them_all()
    {
        await using var app = new AppFactory();
        var code = (await app.LinkedCampaignAsync()).Link.Code;
        var link = await app.Services.GetRequiredService<LinkCache>().FindAsync(code) ?? throw new InvalidOperationException("no link");
        var writer = app.Services.GetRequiredService<TrackingWriter>();
        var ids = app.Services.GetRequiredService<ClickIds>();
        var at = DateTime.UtcNow;

        var expected = new List<ClickRow>();
        var impressions = 0;
        foreach (var size in new[] { 1, 2, 3, 15, 16, 17, 31, 40 })
        {
            var saved = new List<ValueTask>();
            for (var i = 0; i < size; i++)
            {
                if (i % 7 == 3)
                {
                    saved.Add(writer.WriteAsync(new TrackingEvent(link, at, null)));
                    impressions++;
                }
                var id = ids.Next();
                var click = new ClickRow(id, ids.Encode(id), i % 2 == 0 ? null : i, $"ip{id}", i % 3 == 0 ? null : $"agent{id}",
                    i % 5 == 0 ? $"https://ref.example/{id}" : null, [$"a{id}", null, i % 2 == 0 ? $"c{id}" : null, null, $"e{id}"],
                    IsUnique: i % 2 == 0, IsBillable: i % 4 != 1);
                expected.Add(click);
                saved.Add(writer.WriteAsync(new TrackingEvent(link, at, click)));
            }
            foreach (var each in saved) await each;
        }

        await using var db = new SqliteConnection($"Data Source={app.DatabaseFile}");
        await db.OpenAsync();
        foreach (var click in expected)
        {
            await using var read = db.CreateCommand();
            read.CommandText = """
                SELECT PublicId, LinkId, CreativeId, IpHash, UserAgent, Referrer, Sub1, Sub2, Sub3, Sub4, Sub5, IsUnique, IsBillable
                FROM Clicks WHERE Id = $id
                """;
            read.Parameters.AddWithValue("$id", click.Id);
            await using var row = await read.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync(), $"click {click.Id} not saved");
            string? Text(int column) => row.IsDBNull(column) ? null : row.GetString(column);
            Assert.Equal(
                (click.PublicId, link.LinkId, click.CreativeId, click.IpHash, click.UserAgent, click.Referrer, click.Subs[0], click.Subs[1],
                    click.Subs[2], click.Subs[3], click.Subs[4], click.IsUnique, click.IsBillable),
                (row.GetString(0), row.GetInt32(1), row.IsDBNull(2) ? (int?)null : row.GetInt32(2), Text(3), Text(4), Text(5), Text(6), Text(7),
                    Text(8), Text(9), Text(10), row.GetBoolean(11), row.GetBoolean(12)));
        }
        Assert.Equal((long)expected.Count, await app.SqlAsync($"SELECT COUNT(*) FROM Clicks WHERE LinkId = {link.LinkId}"));
        Assert.Equal((long)expected.Count, await app.SqlAsync($"SELECT SUM(Clicks) FROM TrafficRollups WHERE LinkId = {link.LinkId}"));
        Assert.Equal((long)expected.Count(c => c.IsUnique), await app.SqlAsync($"SELECT SUM(UniqueClicks) FROM TrafficRollups WHERE LinkId = {link.LinkId}"));
        Assert.Equal((long)expected.Count(c => c.IsBillable), await app.SqlAsync($"SELECT SUM(BillableClicks) FROM TrafficRollups WHERE LinkId = {link.LinkId}"));
        Assert.Equal((long)impressions, await app.SqlAsync($"SELECT SUM(Impressions) FROM TrafficRollups WHERE LinkId = {link.LinkId}"));
    }
}
