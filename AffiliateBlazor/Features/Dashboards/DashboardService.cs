using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Payouts;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Dashboards;

/// <summary>Money is summed per currency (one entry each, by currency code): campaigns may pay in different currencies.</summary>
public sealed record DayTotals(DateOnly Day, long Clicks, long Conversions, IReadOnlyList<Money> Revenue, IReadOnlyList<Money> Commission);

public sealed record Totals(long Clicks, long Conversions, IReadOnlyList<Money> Revenue, IReadOnlyList<Money> Commission);

public sealed record Earnings(string Currency, long Pending, long Approved, long Paid);

/// <summary>Slug is the merchant's public sign-up page name; affiliates' dashboards have none.</summary>
public sealed record Dashboard(string Title, string? Slug, string Currency, Totals Today, Totals Period, IReadOnlyList<DayTotals> Days, IReadOnlyList<Earnings> Earnings);

/// <summary>
/// KPI cards and the daily chart. Traffic comes from the 15-minute rollups, never from raw clicks, and days are cut
/// in the merchant's time zone (affiliates see UTC days, since they may work for merchants in many zones).
/// </summary>
public sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Dashboard> ForMerchantAsync(Actor actor, int days = 30)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == actor.Merchant);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(merchant.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var (series, today, period) = await BuildAsync(db, zone, days,
            db.TrafficRollups.Where(r => r.MerchantId == merchant.Id), db.Conversions.Where(c => c.MerchantId == merchant.Id));
        var earnings = await EarningsAsync(db.CommissionLines.Where(l => l.MerchantId == merchant.Id), db);
        return new(merchant.Company, merchant.Slug, merchant.Currency, today, period, series, earnings);
    }

    public async Task<Dashboard> ForAffiliateAsync(Actor actor, int days = 30)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var affiliate = await db.Affiliates.AsNoTracking().FirstAsync(a => a.Id == actor.Affiliate);
        var (series, today, period) = await BuildAsync(db, TimeZoneInfo.Utc, days,
            db.TrafficRollups.Where(r => r.AffiliateId == affiliate.Id), db.Conversions.Where(c => c.AffiliateId == affiliate.Id));
        var earnings = await EarningsAsync(db.CommissionLines.Where(l => l.AffiliateId == affiliate.Id), db);
        return new(affiliate.Name, null, earnings.FirstOrDefault()?.Currency ?? "USD", today, period, series, earnings);
    }

    private async Task<(IReadOnlyList<DayTotals>, Totals, Totals)> BuildAsync(AppDbContext db, TimeZoneInfo zone, int days,
        IQueryable<TrafficRollup> traffic, IQueryable<Conversion> conversions)
    {
        var todayLocal = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        var firstDay = todayLocal.AddDays(1 - days);
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(firstDay.ToDateTime(TimeOnly.MinValue), zone);
        DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

        var buckets = await traffic.Where(r => r.BucketStart >= fromUtc).GroupBy(r => r.BucketStart)
            .Select(g => new { g.Key, Clicks = g.Sum(r => r.Clicks) }).ToListAsync();
        var sales = await conversions.Where(c => c.CreatedAt >= fromUtc && c.Status != ConversionStatus.Declined && c.Status != ConversionStatus.Reversed)
            .Select(c => new { c.CreatedAt, Amount = new Money(c.Amount, c.Currency), Commission = new Money(c.Commission, c.Currency) }).ToListAsync();
        var clicksByDay = buckets.GroupBy(b => LocalDay(b.Key)).ToDictionary(g => g.Key, g => g.Sum(b => b.Clicks));
        var salesByDay = sales.GroupBy(s => LocalDay(s.CreatedAt)).ToDictionary(g => g.Key, g => g.ToList());

        var series = Enumerable.Range(0, days).Select(i => firstDay.AddDays(i)).Select(day =>
        {
            var list = salesByDay.GetValueOrDefault(day) ?? [];
            return new DayTotals(day, clicksByDay.GetValueOrDefault(day), list.Count, PerCurrency(list.Select(s => s.Amount)), PerCurrency(list.Select(s => s.Commission)));
        }).ToList();
        static Totals Sum(IEnumerable<DayTotals> d) => new(d.Sum(x => x.Clicks), d.Sum(x => x.Conversions),
            PerCurrency(d.SelectMany(x => x.Revenue)), PerCurrency(d.SelectMany(x => x.Commission)));
        return (series, Sum(series.Where(d => d.Day == todayLocal)), Sum(series));
    }

    private static IReadOnlyList<Money> PerCurrency(IEnumerable<Money> amounts) =>
        amounts.GroupBy(m => m.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Money(g.Sum(m => m.Minor), g.Key)).ToList();

    /// <summary>Per currency across the caller's programs (a merchant has one): the ledger's balances added up.</summary>
    private static async Task<IReadOnlyList<Earnings>> EarningsAsync(IQueryable<CommissionLine> lines, AppDbContext db) =>
        (await PayoutBalances.OfAsync(db, lines)).GroupBy(b => b.Currency)
            .Select(g => new Earnings(g.Key, g.Sum(b => b.Pending), g.Sum(b => b.Approved), g.Sum(b => b.Paid)))
            .OrderBy(e => e.Currency, StringComparer.Ordinal).ToList();
}
