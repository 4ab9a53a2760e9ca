using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Dashboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Support;

/// <summary>The commission ledger as the database holds it, for tests that check what a decision did to it.</summary>
public static class Ledger
{
    public static async Task<List<CommissionLine>> LinesOfAsync(this AppFactory app, long conversionId)
    {
        await using var db = await app.DbAsync();
        return await db.CommissionLines.AsNoTracking().Where(l => l.ConversionId == conversionId).OrderBy(l => l.Id).ToListAsync();
    }

    /// <summary>The payout that holds the line now (a released item no longer holds it), or null while it is unpaid.</summary>
    public static async Task<int?> PayoutHoldingAsync(this AppFactory app, long lineId)
    {
        await using var db = await app.DbAsync();
        return await db.PayoutItems.Where(i => i.CommissionLineId == lineId && i.ReleasedAt == null).Select(i => (int?)i.PayoutId).SingleOrDefaultAsync();
    }

    /// <summary>The affiliate's earnings as its dashboard shows them (one currency; all zero when nothing counts).</summary>
    public static async Task<Earnings> EarningsAsync(this AppFactory app, TestAffiliate affiliate)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var dashboard = await scope.ServiceProvider.GetRequiredService<DashboardService>()
            .ForAffiliateAsync(new Actor("tests", false, null, affiliate.AffiliateId));
        return dashboard.Earnings.SingleOrDefault() ?? new Earnings(dashboard.Currency, 0, 0, 0);
    }

    public static async Task<int> ConversionCountAsync(this AppFactory app, int merchantId)
    {
        await using var db = await app.DbAsync();
        return await db.Conversions.CountAsync(c => c.MerchantId == merchantId);
    }

    private static Task<AppDbContext> DbAsync(this AppFactory app) =>
        app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
}
