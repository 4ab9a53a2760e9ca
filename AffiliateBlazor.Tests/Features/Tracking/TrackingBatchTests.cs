using AffiliateBlazor.Domain;
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
    public async Task Every_click_of_batches_of_1_to_40_is_saved_with_its_own_values_and_the_rollup_counts_them_all()
    {
        await using var app = new AppFactory();
        var code = (await app.LinkedCampaignAsync()).Link.Code;
        var link = await app.Services.GetRequiredService<LinkCache>().FindAsync(code) ?? throw new InvalidOperationException("no link");
        var ids = app.Services.GetRequiredService<ClickIds>();
        var at = new DateTime(2026, 3, 1, 12, 34, 56, 789, DateTimeKind.Utc);

        // The writer's statements, driven directly so that each batch is exactly the size given.
        var expected = new List<ClickRow>();
        var impressions = 0;
        using (var statements = new TrackingStatements(app.DatabaseFile))
            for (var size = 1; size <= 40; size++)
            {
                var batch = new List<TrackingEvent>();
                for (var i = 0; i < size; i++)
                {
                    if (i % 7 == 3) batch.Add(new TrackingEvent(link, at, null));
                    var id = ids.Next();
                    var click = new ClickRow(id, ids.Encode(id), i % 2 == 0 ? null : i, $"ip{id}", i % 3 == 0 ? null : $"agent{id}",
                        i % 5 == 0 ? $"https://ref.example/{id}" : null, [$"a{id}", null, i % 2 == 0 ? $"c{id}" : null, null, $"e{id}"],
                        IsUnique: i % 2 == 0, IsBillable: i % 4 != 1);
                    batch.Add(new TrackingEvent(link, at, click));
                }
                var clicks = batch.Select(e => e.Click).OfType<ClickRow>().ToList();
                var views = batch.Count - clicks.Count;
                statements.Commit(batch, [new RollupDelta(link, TrafficRollup.BucketOf(at), clicks.Count, clicks.Count(c => c.IsUnique),
                    clicks.Count(c => c.IsBillable), views)]);
                expected.AddRange(clicks);
                impressions += views;
            }

        await using var db = new SqliteConnection($"Data Source={app.DatabaseFile}");
        await db.OpenAsync();
        foreach (var click in expected)
        {
            await using var read = db.CreateCommand();
            read.CommandText = """
                SELECT PublicId, MerchantId, CampaignId, AffiliateId, LinkId, CreativeId, At, IpHash, UserAgent, Referrer,
                       Sub1, Sub2, Sub3, Sub4, Sub5, IsUnique, IsBillable
                FROM Clicks WHERE Id = $id
                """;
            read.Parameters.AddWithValue("$id", click.Id);
            await using var row = await read.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync(), $"click {click.Id} not saved");
            string? Text(int column) => row.IsDBNull(column) ? null : row.GetString(column);
            Assert.Equal(
                (click.PublicId, link.MerchantId, link.CampaignId, link.AffiliateId, link.LinkId, click.CreativeId, at),
                (row.GetString(0), row.GetInt32(1), row.GetInt32(2), row.GetInt32(3), row.GetInt32(4), row.IsDBNull(5) ? (int?)null : row.GetInt32(5),
                    DateTime.SpecifyKind(row.GetDateTime(6), DateTimeKind.Utc)));
            Assert.Equal(
                (click.IpHash, click.UserAgent, click.Referrer, click.Subs[0], click.Subs[1], click.Subs[2], click.Subs[3], click.Subs[4],
                    click.IsUnique, click.IsBillable),
                (Text(7), Text(8), Text(9), Text(10), Text(11), Text(12), Text(13), Text(14), row.GetBoolean(15), row.GetBoolean(16)));
        }
        Assert.Equal(820, expected.Count);
        Assert.Equal((long)expected.Count, await app.SqlAsync($"SELECT COUNT(*) FROM Clicks WHERE LinkId = {link.LinkId}"));
        Assert.Equal((long)expected.Count, await app.SqlAsync($"SELECT SUM(Clicks) FROM TrafficRollups WHERE LinkId = {link.LinkId}"));
        Assert.Equal((long)expected.Count(c => c.IsUnique), await app.SqlAsync($"SELECT SUM(UniqueClicks) FROM TrafficRollups WHERE LinkId = {link.LinkId}"));
        Assert.Equal((long)expected.Count(c => c.IsBillable), await app.SqlAsync($"SELECT SUM(BillableClicks) FROM TrafficRollups WHERE LinkId = {link.LinkId}"));
        Assert.Equal((long)impressions, await app.SqlAsync($"SELECT SUM(Impressions) FROM TrafficRollups WHERE LinkId = {link.LinkId}"));
    }
}
