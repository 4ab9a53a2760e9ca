using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Commissions;

/// <summary>
/// Closes the merchant days of PPC and CPM campaigns that are over: for each day, one pending ledger line per affiliate
/// with billable traffic that day, paying its unique billable clicks (PPC) or its impressions per mille (CPM), with the
/// fraction of a cent carried from the affiliate's previous line to the next.
/// </summary>
/// <remarks>
/// A day with billable traffic always gets its line, even when it pays 0 (a CPM day below a cent): the line carries the
/// fraction and records that the day is closed. A day without billable traffic changes neither pay nor carry and gets no
/// line. Days are closed in order, all affiliates of a day in one transaction, so a campaign's latest line day is closed
/// for everyone and every earlier day too: the next run resumes after it, which is how missed days are caught up.
/// Two runs at once meet at the unique index on (campaign, affiliate, kind, day): the later one's day is refused whole
/// and it leaves the campaign to the earlier one. Rates are those in force when the day is closed.
/// </remarks>
public sealed class TrafficAccrualService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<TrafficAccrualService> log)
{
    /// <summary>
    /// Events are stamped when they arrive and committed a moment later: a day is closed only once that moment has
    /// passed, so a click at 23:59:59.9 cannot land in a day already paid.
    /// </summary>
    public static readonly TimeSpan SettlingTime = TimeSpan.FromMinutes(1);

    /// <summary>Closes every ended, unclosed day of every PPC and CPM campaign; answers how many lines it wrote.</summary>
    public async Task<int> CloseEndedDaysAsync(CancellationToken cancellationToken = default)
    {
        var settled = clock.GetUtcNow().UtcDateTime - SettlingTime;
        List<TrafficCampaign> campaigns;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            campaigns = await (
                from c in db.Campaigns.AsNoTracking()
                where c.Type == CommissionType.Ppc || c.Type == CommissionType.Cpm
                join m in db.Merchants on c.MerchantId equals m.Id
                orderby c.Id
                select new TrafficCampaign(c.Id, c.MerchantId, c.Type, c.FixedAmount, c.Currency, m.TimeZone)).ToListAsync(cancellationToken);
        }
        var written = 0;
        foreach (var campaign in campaigns)
            written += await CloseCampaignAsync(campaign, settled, cancellationToken);
        return written;
    }

    private async Task<int> CloseCampaignAsync(TrafficCampaign campaign, DateTime settled, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var zone = MerchantDay.ZoneOf(campaign.TimeZone);
        var kind = TrafficTerms.LineKind(campaign.Type);
        var lines = db.CommissionLines.AsNoTracking().Where(l => l.CampaignId == campaign.Id && l.Kind == kind && l.Day != null);
        var from = await lines.MaxAsync(l => l.Day, cancellationToken) is { } lastClosed ? MerchantDay.Of(lastClosed, zone).EndUtc : DateTime.MinValue;
        var until = MerchantDay.Of(MerchantDay.LastEndedAt(settled, zone), zone).EndUtc;
        var next = await NextBillableBucketAsync(db, campaign, from, until, cancellationToken);
        if (next is null) return 0;

        var carries = await lines.GroupBy(l => l.AffiliateId)
            .Select(g => g.OrderByDescending(l => l.Day).Select(l => new { l.AffiliateId, l.CarriedThousandths }).First())
            .ToDictionaryAsync(l => l.AffiliateId, l => l.CarriedThousandths, cancellationToken);
        var personalRates = await db.PersonalPayouts.AsNoTracking().Where(p => p.CampaignId == campaign.Id).OrderBy(p => p.Id)
            .Select(p => new PersonalRate(p.AffiliateId, p.Basis, p.PercentBasisPoints, p.FixedAmount, p.CouponCode)).ToListAsync(cancellationToken);
        var written = 0;
        while (next is { } bucket)
        {
            var day = MerchantDay.Of(MerchantDay.DateAt(bucket, zone), zone);
            var events = await BillableTraffic(db, campaign)
                .Where(t => t.BucketStart >= day.StartUtc && t.BucketStart < day.EndUtc)
                .GroupBy(t => t.AffiliateId).Select(g => new { AffiliateId = g.Key, Events = g.Sum(t => t.Events) })
                .OrderBy(a => a.AffiliateId).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var dayLines = events.Select(a =>
            {
                var rate = TrafficTerms.RateFor(a.AffiliateId, campaign.Rate, personalRates);
                var result = TrafficAccrual.ForDay(campaign.Type, a.Events, rate, carries.GetValueOrDefault(a.AffiliateId));
                return new CommissionLine
                {
                    MerchantId = campaign.MerchantId, CampaignId = campaign.Id, AffiliateId = a.AffiliateId, Kind = kind,
                    Status = CommissionLineStatus.Pending, Amount = result.Pay, Currency = campaign.Currency, Day = day.Day,
                    CarriedThousandths = result.CarriedThousandths, CreatedAt = now,
                };
            }).ToList();
            db.CommissionLines.AddRange(dayLines);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                if (!await lines.AnyAsync(l => l.Day == day.Day, CancellationToken.None)) throw;
                log.LogInformation("Campaign {CampaignId}: {Day:yyyy-MM-dd} was closed by another run meanwhile; leaving the rest to it.", campaign.Id, day.Day);
                return written;
            }
            foreach (var line in dayLines) carries[line.AffiliateId] = line.CarriedThousandths;
            written += dayLines.Count;
            next = await NextBillableBucketAsync(db, campaign, day.EndUtc, until, cancellationToken);
        }
        return written;
    }

    /// <summary>Jumps over days without billable traffic: a campaign idle for a year costs a run no more than one idle for a day.</summary>
    private static Task<DateTime?> NextBillableBucketAsync(AppDbContext db, TrafficCampaign campaign, DateTime from, DateTime until, CancellationToken cancellationToken) =>
        BillableTraffic(db, campaign).Where(t => t.BucketStart >= from && t.BucketStart < until).MinAsync(t => (DateTime?)t.BucketStart, cancellationToken);

    /// <summary>
    /// The rollup counter each campaign type pays for, per affiliate and bucket: unique clicks (counted only when
    /// billable) for PPC, impressions for CPM. Selected through the campaign's links, so SQLite seeks its
    /// (LinkId, BucketStart) index link by link instead of reading the rest of the merchant's traffic.
    /// </summary>
    private static IQueryable<BillableBucket> BillableTraffic(AppDbContext db, TrafficCampaign campaign)
    {
        var links = db.Links.Where(l => l.CampaignId == campaign.Id).Select(l => l.Id);
        var rollups = db.TrafficRollups.AsNoTracking().Where(r => links.Contains(r.LinkId));
        var traffic = campaign.Type == CommissionType.Ppc
            ? rollups.Select(r => new BillableBucket { AffiliateId = r.AffiliateId, BucketStart = r.BucketStart, Events = r.UniqueClicks })
            : rollups.Select(r => new BillableBucket { AffiliateId = r.AffiliateId, BucketStart = r.BucketStart, Events = r.Impressions });
        return traffic.Where(t => t.Events > 0);
    }

    private sealed record TrafficCampaign(int Id, int MerchantId, CommissionType Type, long Rate, string Currency, string TimeZone);

    private sealed class BillableBucket
    {
        public int AffiliateId { get; init; }
        public DateTime BucketStart { get; init; }
        public long Events { get; init; }
    }
}
