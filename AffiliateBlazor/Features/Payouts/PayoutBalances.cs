using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Payouts;

/// <summary>
/// Balances from the ledger: pending lines await review; approved lines are owed until a payout the merchant approved
/// holds them (a prepared payout still owes them), and then they are paid. Declined lines count nowhere.
/// </summary>
public static class PayoutBalances
{
    public static async Task<IReadOnlyList<Balance>> OfAsync(AppDbContext db, IQueryable<CommissionLine> lines, CancellationToken cancellation = default)
    {
        var rows = await lines.Where(l => l.Status != CommissionLineStatus.Declined)
            .GroupBy(l => new
            {
                l.MerchantId, l.Currency, l.Status,
                Paid = db.PayoutItems.Any(i => i.CommissionLineId == l.Id && i.ReleasedAt == null
                                               && db.Payouts.Any(p => p.Id == i.PayoutId && p.Status == PayoutStatus.Approved)),
            })
            .Select(g => new { g.Key.MerchantId, g.Key.Currency, g.Key.Status, g.Key.Paid, Amount = g.Sum(l => l.Amount) })
            .ToListAsync(cancellation);
        var merchantIds = rows.Select(r => r.MerchantId).Distinct().ToList();
        var names = await db.Merchants.AsNoTracking().Where(m => merchantIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Company, cancellation);
        return rows.GroupBy(r => (r.MerchantId, r.Currency))
            .Select(g => new Balance(g.Key.MerchantId, names.GetValueOrDefault(g.Key.MerchantId, ""), g.Key.Currency,
                g.Where(r => r.Status == CommissionLineStatus.Pending).Sum(r => r.Amount),
                g.Where(r => r.Status == CommissionLineStatus.Approved && !r.Paid).Sum(r => r.Amount),
                g.Where(r => r.Paid).Sum(r => r.Amount)))
            .OrderBy(b => b.MerchantName).ThenBy(b => b.Currency, StringComparer.Ordinal).ToList();
    }
}
