using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Payouts;

/// <summary>Whose payouts a caller asks for: a merchant's program's, an affiliate's own, or (for the admin) every merchant's.</summary>
public enum PayoutAudience { Merchant, Affiliate, Admin }

/// <summary>
/// Payouts after a run prepared them: listing (the merchant its own, the affiliate its own, the admin every merchant's),
/// marking paid (approved), cancelling and returning. Every change is conditional on the status it was read in, and
/// releasing a payout's lines commits with the status that releases them.
/// </summary>
public sealed class PayoutService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxBulk = 500;

    public async Task<Page<PayoutView>> ListAsync(Actor actor, PayoutAudience audience, PayoutFilter filter, PageRequest page, CancellationToken cancellation = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var query = Scope(db, actor, audience).Filtered(filter);
        var total = await query.CountAsync(cancellation);
        var items = await PayoutQueries.Project(db, query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Skip(page.Skip).Take(page.Take))
            .ToListAsync(cancellation);
        return new(items.Select(p => p.WithSummary()).ToList(), total);
    }

    public async Task<PayoutDetails> GetAsync(Actor actor, PayoutAudience audience, int id, CancellationToken cancellation = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var payout = await PayoutQueries.Project(db, Scope(db, actor, audience).Where(p => p.Id == id)).FirstOrDefaultAsync(cancellation)
            ?? throw new NotFoundException("The payout");
        var lines = await PayoutQueries.Lines(db, db.Payouts.Where(p => p.Id == id).Select(p => p.Id)).ToListAsync(cancellation);
        return new(payout.WithSummary(), lines);
    }

    public async Task<PayoutView> ApproveAsync(Actor actor, int id, ApprovePayoutRequest request) =>
        (await ChangeAsync(actor, [id], "payout.approved", p => p.Approve(request.Reference, request.PaidAt, Now), release: false)).Single();

    /// <summary>All or nothing, as one transfer batch: if any payout cannot be approved, none is.</summary>
    public async Task<IReadOnlyList<PayoutView>> ApproveManyAsync(Actor actor, BulkApprovePayoutsRequest request)
    {
        var ids = request.Ids?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxBulk) throw ValidationException.For("ids", $"Send 1 to {MaxBulk} payout ids.");
        return await ChangeAsync(actor, ids, "payout.approved", p => p.Approve(request.Reference, request.PaidAt, Now), release: false);
    }

    public async Task<PayoutView> CancelAsync(Actor actor, int id) =>
        (await ChangeAsync(actor, [id], "payout.cancelled", p => p.Cancel(Now), release: true)).Single();

    public async Task<PayoutView> ReturnAsync(Actor actor, int id, ReturnPayoutRequest request) =>
        (await ChangeAsync(actor, [id], "payout.returned", p => p.Return(request.Reason, Now), release: true)).Single();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IReadOnlyList<PayoutView>> ChangeAsync(Actor actor, IReadOnlyList<int> ids, string action, Action<Payout> change, bool release)
    {
        var merchantId = actor.Merchant;
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var payouts = await db.Payouts.Where(p => p.MerchantId == merchantId && ids.Contains(p.Id)).ToListAsync();
        var missing = ids.Except(payouts.Select(p => p.Id)).ToList();
        if (missing.Count > 0) throw new NotFoundException(ids.Count == 1 ? "The payout" : $"Payout {missing[0]}");

        var now = Now;
        foreach (var payout in payouts)
        {
            var before = payout.Status;
            try
            {
                change(payout);
            }
            catch (DomainException refused) when (ids.Count > 1 && refused is not DomainFieldException)
            {
                throw new DomainException($"Nothing was changed. Payout {payout.Id}: {refused.Message}");
            }
            db.Audit(actor.UserId, merchantId, action, $"payout {payout.Id}",
                $"{before} → {payout.Status}: {MoneyFormat.Display(payout.Amount, payout.Currency)} to affiliate {payout.AffiliateId}"
                + (payout.Reference is { } reference && payout.Status == PayoutStatus.Approved ? $", reference {reference}" : "")
                + (payout.Status == PayoutStatus.Returned ? $", reason: {payout.ReturnReason}" : ""), now);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ids.Count == 1 ? "This payout was changed by someone else meanwhile; reload it and try again."
                : "Nothing was changed: one of these payouts was changed by someone else meanwhile; reload and try again.");
        }
        if (release)
            await db.PayoutItems.Where(i => ids.Contains(i.PayoutId) && i.ReleasedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ReleasedAt, now));
        await transaction.CommitAsync();
        var views = await PayoutQueries.Project(db, db.Payouts.AsNoTracking().Where(p => ids.Contains(p.Id))).ToListAsync();
        return views.Select(v => v.WithSummary()).OrderBy(v => v.Id).ToList();
    }

    /// <summary>The merchant sees its program's payouts, the affiliate its own in every program, the admin everyone's.</summary>
    internal static IQueryable<Payout> Scope(AppDbContext db, Actor actor, PayoutAudience audience)
    {
        var payouts = db.Payouts.AsNoTracking();
        return audience switch
        {
            PayoutAudience.Merchant => payouts.Where(p => p.MerchantId == actor.Merchant),
            PayoutAudience.Affiliate => payouts.Where(p => p.AffiliateId == actor.Affiliate),
            _ => actor.IsAdmin ? payouts : throw new NotFoundException("The payouts"),
        };
    }
}
