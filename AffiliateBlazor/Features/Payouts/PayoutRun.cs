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
/// Payouts are written a batch of affiliates per transaction, so a payout and its lines commit together (a crash leaves
/// whole payouts or none) and tracking clicks wait for one batch at most, never for a whole run. Each batch checks that
/// the lines it took are the ones its balances counted. A line's unique "live item" index keeps two runs at once from
/// paying it twice.
/// </remarks>
public sealed class PayoutRun(IDbContextFactory<AppDbContext> dbFactory, WriteGate writeGate, TimeProvider clock)
{
    private const int AffiliatesPerTransaction = 500;

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
        var payouts = new List<PayoutView>();
        foreach (var batch in balances.Where(b => run.Decide(b) == PayoutDecision.Pays).GroupBy(b => b.AffiliateId).Chunk(AffiliatesPerTransaction))
        {
            var created = await PrepareBatchAsync(actor, run, batch.SelectMany(g => g).ToList(), cancellation);
            await using var read = await dbFactory.CreateDbContextAsync(cancellation);
            payouts.AddRange(await PayoutQueries.Project(read, read.Payouts.AsNoTracking().Where(p => created.Contains(p.Id))).ToListAsync(cancellation));
            // The gate is not fair: stepping aside lets the tracking writer commit before the next batch takes it again.
            await Task.Delay(1, cancellation);
        }

        await using var names = await dbFactory.CreateDbContextAsync(cancellation);
        var notPaid = await CandidatesAsync(names, run, balances.Where(b => run.Decide(b) != PayoutDecision.Pays).ToList(), cancellation);
        return new(payouts.Select(p => p.WithSummary()).OrderBy(p => p.AffiliateName).ThenBy(p => p.Currency).ToList(), notPaid);
    }

    /// <summary>
    /// Writes a batch's payouts from the balances read before, and checks that exactly their lines went in. Lines approved,
    /// declined or paid meanwhile make the check fail: the batch is then written again from balances read under the lock.
    /// </summary>
    private async Task<List<int>> PrepareBatchAsync(Actor actor, Settings run, IReadOnlyList<UnpaidBalance> balances, CancellationToken cancellation)
    {
        using var turn = await writeGate.EnterAsync(cancellation);
        var affiliates = balances.Select(b => b.AffiliateId).Distinct().ToList();
        return await TryBatchAsync(actor, run, affiliates, balances, cancellation)
               ?? await TryBatchAsync(actor, run, affiliates, known: null, cancellation)
               ?? throw new DomainException("Commission lines kept changing while the payouts were prepared; the rest were not prepared. Prepare again.");
    }

    /// <summary>The affiliates' payouts from the known balances, or from balances read now; null, with nothing written, when the lines did not match.</summary>
    private async Task<List<int>?> TryBatchAsync(Actor actor, Settings run, IReadOnlyList<int> affiliates, IReadOnlyList<UnpaidBalance>? known, CancellationToken cancellation)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var balances = known ?? (await BalancesAsync(db, run, affiliates, cancellation)).Where(b => run.Decide(b) == PayoutDecision.Pays).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var payouts = balances.Select(b => new Payout
        {
            MerchantId = run.MerchantId, AffiliateId = b.AffiliateId, Amount = b.Amount, Currency = b.Currency, LineCount = b.Lines,
            Status = PayoutStatus.Pending, CutOff = run.CutOff, CreatedAt = now,
        }).ToList();
        db.Payouts.AddRange(payouts);
        await db.SaveChangesAsync(cancellation);
        if (await HoldLinesAsync(db, run, payouts, cancellation) != payouts.Sum(p => p.LineCount)) return null;
        foreach (var payout in payouts)
            db.Audit(actor.UserId, run.MerchantId, "payout.prepared", $"payout {payout.Id}",
                $"→ Pending: {MoneyFormat.Display(payout.Amount, payout.Currency)} to affiliate {payout.AffiliateId}, {payout.LineCount} line(s) up to {run.CutOff:u}", now);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return payouts.Select(p => p.Id).ToList();
    }

    /// <summary>
    /// Puts the batch's lines into its payouts in one statement (a run can hold a million lines; loading them as entities
    /// would take minutes), under the same conditions as the balances they were priced from, read in the same transaction.
    /// </summary>
    private static Task<int> HoldLinesAsync(AppDbContext db, Settings run, IReadOnlyList<Payout> payouts, CancellationToken cancellation)
    {
        if (payouts.Count == 0) return Task.FromResult(0);
        // The ids are integers this batch has just inserted, not input. Listed in the statement, they let SQLite fetch each
        // payout by its key; a range of ids with the merchant beside it was planned as a scan of all its payouts per batch.
#pragma warning disable EF1002
        return db.Database.ExecuteSqlRawAsync($$"""
            INSERT INTO "PayoutItems" ("PayoutId", "CommissionLineId")
            SELECT p."Id", l."Id" FROM "Payouts" AS p
            JOIN "CommissionLines" AS l ON l."MerchantId" = p."MerchantId" AND l."AffiliateId" = p."AffiliateId" AND l."Currency" = p."Currency"
            WHERE p."Id" IN ({{string.Join(",", payouts.Select(p => p.Id))}})
              AND l."Status" = '{{nameof(CommissionLineStatus.Approved)}}' AND l."CreatedAt" <= {0}
              AND NOT EXISTS (SELECT 1 FROM "PayoutItems" AS i WHERE i."CommissionLineId" = l."Id" AND i."ReleasedAt" IS NULL)
            """, [run.CutOff], cancellation);
#pragma warning restore EF1002
    }

    private static async Task<List<UnpaidBalance>> BalancesAsync(AppDbContext db, Settings run, IReadOnlyCollection<int>? affiliateIds, CancellationToken cancellation)
    {
        var lines = PayoutQueries.Unpaid(db, run.MerchantId, run.CutOff);
        if (run.Currency is { } currency) lines = lines.Where(l => l.Currency == currency);
        if (affiliateIds is not null) lines = lines.Where(l => affiliateIds.Contains(l.AffiliateId));
        return await lines.GroupBy(l => new { l.AffiliateId, l.Currency })
            .Select(g => new UnpaidBalance(g.Key.AffiliateId, g.Key.Currency, g.Sum(l => l.Amount), g.Count()))
            .ToListAsync(cancellation);
    }

    /// <summary>Names and methods are read for the whole program: a list of thousands of ids would be thousands of SQL parameters.</summary>
    private static async Task<IReadOnlyList<PayoutCandidate>> CandidatesAsync(AppDbContext db, Settings run, IReadOnlyList<UnpaidBalance> balances, CancellationToken cancellation)
    {
        if (balances.Count == 0) return [];
        var names = await (from m in db.Memberships.AsNoTracking().Where(m => m.MerchantId == run.MerchantId)
                           join a in db.Affiliates on m.AffiliateId equals a.Id
                           select new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, cancellation);
        var methods = await db.PayoutMethods.AsNoTracking().Where(m => m.MerchantId == run.MerchantId).ToDictionaryAsync(m => m.AffiliateId, cancellation);
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
