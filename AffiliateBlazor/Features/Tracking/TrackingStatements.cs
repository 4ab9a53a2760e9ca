using AffiliateBlazor.Domain;
using Microsoft.Data.Sqlite;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>The writer's connection and its two prepared statements, reused for every batch.</summary>
public sealed class TrackingStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertClick;
    private readonly SqliteCommand _upsertRollup;

    public TrackingStatements(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragmas = _connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            pragmas.ExecuteNonQuery();
        }
        _insertClick = Prepare("""
            INSERT INTO Clicks (Id, PublicId, MerchantId, CampaignId, AffiliateId, LinkId, CreativeId, At, IpHash, UserAgent, Referrer,
                                Sub1, Sub2, Sub3, Sub4, Sub5, IsUnique, IsBillable)
            VALUES ($rowid, $id, $merchant, $campaign, $affiliate, $link, $creative, $at, $ip, $agent, $referrer, $s1, $s2, $s3, $s4, $s5, $unique, $billable)
            """, "$rowid", "$id", "$merchant", "$campaign", "$affiliate", "$link", "$creative", "$at", "$ip", "$agent", "$referrer",
            "$s1", "$s2", "$s3", "$s4", "$s5", "$unique", "$billable");
        _upsertRollup = Prepare("""
            INSERT INTO TrafficRollups (MerchantId, CampaignId, AffiliateId, LinkId, BucketStart, Clicks, UniqueClicks, BillableClicks, Impressions)
            VALUES ($merchant, $campaign, $affiliate, $link, $bucket, $clicks, $unique, $billable, $impressions)
            ON CONFLICT (LinkId, BucketStart) DO UPDATE SET Clicks = Clicks + excluded.Clicks, UniqueClicks = UniqueClicks + excluded.UniqueClicks,
                BillableClicks = BillableClicks + excluded.BillableClicks, Impressions = Impressions + excluded.Impressions
            """, "$merchant", "$campaign", "$affiliate", "$link", "$bucket", "$clicks", "$unique", "$billable", "$impressions");
    }

    /// <summary>Writes the batch's click rows and rollup deltas in one transaction.</summary>
    public void Commit(IReadOnlyList<TrackingEvent> batch, IEnumerable<RollupDelta> rollups)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _insertClick.Transaction = transaction;
        _upsertRollup.Transaction = transaction;
        foreach (var e in batch)
            if (e.Click is { } click) InsertClick(e.Link, e.At, click);
        foreach (var delta in rollups) UpsertRollup(delta);
        transaction.Commit();
    }

    private void InsertClick(CachedLink link, DateTime at, ClickRow click)
    {
        var p = _insertClick.Parameters;
        p[0].Value = click.Id;
        p[1].Value = click.PublicId;
        p[2].Value = link.MerchantId;
        p[3].Value = link.CampaignId;
        p[4].Value = link.AffiliateId;
        p[5].Value = link.LinkId;
        p[6].Value = (object?)click.CreativeId ?? DBNull.Value;
        p[7].Value = at;
        p[8].Value = (object?)click.IpHash ?? DBNull.Value;
        p[9].Value = (object?)click.UserAgent ?? DBNull.Value;
        p[10].Value = (object?)click.Referrer ?? DBNull.Value;
        for (var i = 0; i < 5; i++) p[11 + i].Value = (object?)click.Subs[i] ?? DBNull.Value;
        p[16].Value = click.IsUnique;
        p[17].Value = click.IsBillable;
        _insertClick.ExecuteNonQuery();
    }

    private void UpsertRollup(RollupDelta delta)
    {
        var p = _upsertRollup.Parameters;
        p[0].Value = delta.Link.MerchantId;
        p[1].Value = delta.Link.CampaignId;
        p[2].Value = delta.Link.AffiliateId;
        p[3].Value = delta.Link.LinkId;
        p[4].Value = delta.Bucket;
        p[5].Value = delta.Clicks;
        p[6].Value = delta.UniqueClicks;
        p[7].Value = delta.BillableClicks;
        p[8].Value = delta.Impressions;
        _upsertRollup.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    public void Dispose()
    {
        _insertClick.Dispose();
        _upsertRollup.Dispose();
        _connection.Dispose();
    }
}
