using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Payouts;

/// <summary>The affiliate's side of payouts: its payout method in each program, and its balances.</summary>
public sealed class PayoutMethodService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>One entry per program the affiliate belongs to (any status), with its method there if set.</summary>
    public async Task<IReadOnlyList<ProgramPayoutMethod>> MineAsync(Actor actor, CancellationToken cancellation = default)
    {
        var affiliateId = actor.Affiliate;
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var rows = await (
            from membership in db.Memberships.AsNoTracking().Where(m => m.AffiliateId == affiliateId)
            join merchant in db.Merchants on membership.MerchantId equals merchant.Id
            from method in db.PayoutMethods.Where(x => x.MerchantId == membership.MerchantId && x.AffiliateId == affiliateId).DefaultIfEmpty()
            orderby merchant.Company
            select new { merchant.Id, merchant.Company, Method = method }).ToListAsync(cancellation);
        return rows.Select(r => new ProgramPayoutMethod(r.Id, r.Company, r.Method?.ToView())).ToList();
    }

    public async Task<ProgramPayoutMethod> SetAsync(Actor actor, PayoutMethodInput input)
    {
        var affiliateId = actor.Affiliate;
        if (input.MerchantId is null) throw ValidationException.For("merchantId", "Name the program (merchantId) this payout method is for.");
        if (input.Kind is null) throw ValidationException.For("kind", "Choose how you want to be paid: PayPal, Wise, BankTransfer or Other.");
        await using var db = await dbFactory.CreateDbContextAsync();
        var program = await (
            from membership in db.Memberships.Where(m => m.AffiliateId == affiliateId && m.MerchantId == input.MerchantId)
            join merchant in db.Merchants on membership.MerchantId equals merchant.Id
            select new { merchant.Id, merchant.Company }).FirstOrDefaultAsync() ?? throw new NotFoundException("The program");
        var method = await db.PayoutMethods.FirstOrDefaultAsync(m => m.MerchantId == program.Id && m.AffiliateId == affiliateId);
        var before = method?.Summary;
        if (method is null) db.PayoutMethods.Add(method = new PayoutMethod { MerchantId = program.Id, AffiliateId = affiliateId });
        var now = clock.GetUtcNow().UtcDateTime;
        method.Set(input.Kind.Value, input.Email, input.Iban, input.AccountHolder, input.Details, now);
        // The merchant pays to these details: a change to them is a money action it can trace.
        db.Audit(actor.UserId, program.Id, "payout-method.changed", $"affiliate {affiliateId}", $"{before ?? "none"} → {method.Summary}", now);
        await db.SaveChangesAsync();
        return new(program.Id, program.Company, method.ToView());
    }

    /// <summary>The affiliate's balances per program and currency.</summary>
    public async Task<IReadOnlyList<Balance>> BalancesAsync(Actor actor, CancellationToken cancellation = default)
    {
        var affiliateId = actor.Affiliate;
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        return await PayoutBalances.OfAsync(db, db.CommissionLines.Where(l => l.AffiliateId == affiliateId), cancellation);
    }
}
