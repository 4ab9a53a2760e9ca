using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Payouts;

/// <summary>
/// Prepares payouts: every approved line that no live payout holds, recorded up to the cut-off, summed per affiliate and
/// currency; each balance that <see cref="PayoutPolicy"/> says pays becomes one pending payout holding those lines.
/// </summary>
/// <remarks>
/// Payouts are written a batch of affiliates per transaction, each batch re-reading its balances under the write lock,
/// so a payout and its lines commit together (a crash leaves whole payouts or none) and tracking clicks wait for one
/// batch at most, never for a whole run. A line's unique "live item" index keeps two runs at once from paying it twice.
/// </remarks>
public sealed class PayoutRun(IDbContextFactory<AppDbContext> dbFactory, WriteGate writeGate, TimeProvider clock)
{
    private const int AffiliatesPerTransaction = 200;

    /// <summary>What a run with these settings would pay, and what it would leave unpaid and why; nothing is written.</summary>
    public async Task<IReadOnlyList<PayoutCandidate>> PreviewAsync(Actor actor, PreparePayoutsRequest request, CancellationToken cancellation = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var run = await SettingsAsync(db, actor, request, cancellation);
        var balances = await BalancesAsync(db, run, affiliateIds: null, cancellation);
        return await CandidatesAsync(db, run, balances, cancellation);
    }

    public async Task<PreparedPayouts> PrepareAsync(Actor actor, PreparePayoutsRequest request, CancellationToken cancellation = default)
    {
        Settings run;
        List<UnpaidBalance> balances;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellation))
        {
            run = await SettingsAsync(db, actor, request, cancellation);
            balances = await BalancesAsync(db, run, affiliateIds: null, cancellation);
        }
        var paying = balances.Where(b => run.Decide(b) == PayoutDecision.Pays).Select(b => b.AffiliateId).Distinct().Order().ToList();
        var created = new List<int>();
        foreach (var batch in paying.Chunk(AffiliatesPerTransaction))
        {
            created.AddRange(await PrepareBatchAsync(actor, run, batch, cancellation));
            // The gate is not fair: stepping aside lets the tracking writer commit before the next batch takes it again.
            await Task.Delay(1, cancellation);
        }

        await using var read = await dbFactory.CreateDbContextAsync(cancellation);
        var payouts = (await PayoutQueries.Project(read, read.Payouts.AsNoTracking().Where(p => created.Contains(p.Id))).ToListAsync(cancellation))
            .Select(p => p.WithSummary()).OrderBy(p => p.AffiliateName).ThenBy(p => p.Currency).ToList();
        var notPaid = await CandidatesAsync(read, run, balances.Where(b => run.Decide(b) != PayoutDecision.Pays).ToList(), cancellation);
        return new(payouts, notPaid);
    }

    private async Task<List<int>> PrepareBatchAsync(Actor actor, Settings run, int[] affiliateIds, CancellationToken cancellation)
    {
        using var turn = await writeGate.EnterAsync(cancellation);
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var now = clock.GetUtcNow().UtcDateTime;
        var payouts = (await BalancesAsync(db, run, affiliateIds, cancellation)).Where(b => run.Decide(b) == PayoutDecision.Pays)
            .Select(b => new Payout
            {
                MerchantId = run.MerchantId, AffiliateId = b.AffiliateId, Amount = b.Amount, Currency = b.Currency, LineCount = b.Lines,
                Status = PayoutStatus.Pending, CutOff = run.CutOff, CreatedAt = now,
            }).ToList();
        db.Payouts.AddRange(payouts);
        await db.SaveChangesAsync(cancellation);
        foreach (var payout in payouts)
        {
            var held = await HoldLinesAsync(db, run, payout, cancellation);
            if (held != payout.LineCount)
                throw new DomainException("Commission lines changed while the payouts were prepared; nothing was prepared for them. Try again.");
            db.Audit(actor.UserId, run.MerchantId, "payout.prepared", $"payout {payout.Id}",
                $"→ Pending: {MoneyFormat.Display(payout.Amount, payout.Currency)} to affiliate {payout.AffiliateId}, {payout.LineCount} line(s) up to {run.CutOff:u}", now);
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return payouts.Select(p => p.Id).ToList();
    }

    /// <summary>
    /// Puts the payout's lines into it in one statement (a run can hold a million lines; loading them as entities would
    /// take minutes). The same conditions as the balance it was priced from, read in the same transaction.
    /// </summary>
    private static Task<int> HoldLinesAsync(AppDbContext db, Settings run, Payout payout, CancellationToken cancellation) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "PayoutItems" ("PayoutId", "CommissionLineId")
            SELECT {payout.Id}, l."Id" FROM "CommissionLines" AS l
            WHERE l."MerchantId" = {run.MerchantId} AND l."AffiliateId" = {payout.AffiliateId} AND l."Currency" = {payout.Currency}
              AND l."Status" = {nameof(CommissionLineStatus.Approved)} AND l."CreatedAt" <= {run.CutOff}
              AND NOT EXISTS (SELECT 1 FROM "PayoutItems" AS i WHERE i."CommissionLineId" = l."Id" AND i."ReleasedAt" IS NULL)
            """, cancellation);

    private static async Task<List<UnpaidBalance>> BalancesAsync(AppDbContext db, Settings run, IReadOnlyCollection<int>? affiliateIds, CancellationToken cancellation)
    {
        var lines = PayoutQueries.Unpaid(db, run.MerchantId, run.CutOff);
        if (run.Currency is { } currency) lines = lines.Where(l => l.Currency == currency);
        if (affiliateIds is not null) lines = lines.Where(l => affiliateIds.Contains(l.AffiliateId));
        return await lines.GroupBy(l => new { l.AffiliateId, l.Currency })
            .Select(g => new UnpaidBalance(g.Key.AffiliateId, g.Key.Currency, g.Sum(l => l.Amount), g.Count()))
            .ToListAsync(cancellation);
    }

    private static async Task<IReadOnlyList<PayoutCandidate>> CandidatesAsync(AppDbContext db, Settings run, IReadOnlyList<UnpaidBalance> balances, CancellationToken cancellation)
    {
        var ids = balances.Select(b => b.AffiliateId).Distinct().ToList();
        var names = await db.Affiliates.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellation);
        var methods = await db.PayoutMethods.AsNoTracking().Where(m => m.MerchantId == run.MerchantId && ids.Contains(m.AffiliateId))
            .ToDictionaryAsync(m => m.AffiliateId, cancellation);
        return balances.Select(b => new PayoutCandidate(b.AffiliateId, names.GetValueOrDefault(b.AffiliateId, $"#{b.AffiliateId}"), b.Currency, b.Amount,
                b.Lines, run.Decide(b), methods.GetValueOrDefault(b.AffiliateId)?.Summary))
            .OrderBy(c => c.Decision).ThenBy(c => c.AffiliateName).ThenBy(c => c.Currency).ToList();
    }

    private async Task<Settings> SettingsAsync(AppDbContext db, Actor actor, PreparePayoutsRequest request, CancellationToken cancellation)
    {
        var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == actor.Merchant, cancellation);
        var now = clock.GetUtcNow().UtcDateTime;
        var cutOff = request.CutOff is { } asked ? asked.ToUniversalTime() : now;
        if (cutOff > now) throw new DomainFieldException("cutOff", "The cut-off cannot be in the future: only commission recorded so far can be paid.");
        var currency = string.IsNullOrWhiteSpace(request.Currency) ? null : request.Currency.Trim().ToUpperInvariant();
        if (currency is not null && !Currencies.IsKnown(currency)) throw new DomainFieldException("currency", $"{currency} is not a currency code this app knows.");
        var minimum = PayoutPolicy.ValidMinimum(request.Minimum ?? merchant.MinimumPayout);
        return new(merchant.Id, cutOff, currency, minimum, (request.LeaveOut ?? []).ToHashSet());
    }

    private sealed record Settings(int MerchantId, DateTime CutOff, string? Currency, long Minimum, IReadOnlySet<int> LeaveOut)
    {
        public PayoutDecision Decide(UnpaidBalance balance) => PayoutPolicy.Decide(balance, Minimum, LeaveOut);
    }
}
