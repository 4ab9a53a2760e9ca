using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Commissions;

public sealed record AutoApprovalResult(int Conversions, int AccrualLines);

/// <summary>
/// Approves what has waited out its campaign's hold period: pending, unflagged conversions with their pending ledger
/// lines, and pending PPC/CPM accrual lines. Flagged conversions wait for the merchant's review, and a hold of 0 days
/// means the merchant approves everything by hand.
/// </summary>
/// <remarks>
/// An accrual line's hold counts from when its day was closed (CreatedAt), so a day closed late after downtime still
/// gets the whole hold period for review. Work goes in batches, so a long backlog never holds the write lock for long.
/// </remarks>
public sealed class AutoApprovalService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int BatchSize = 500;

    private static readonly CommissionLineKind[] AccrualKinds = [CommissionLineKind.ClickAccrual, CommissionLineKind.ImpressionAccrual];

    public async Task<AutoApprovalResult> ApproveHeldAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(int Id, int HoldDays)> campaigns;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            campaigns = (await db.Campaigns.AsNoTracking().Where(c => c.HoldDays > 0).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.HoldDays }).ToListAsync(cancellationToken)).Select(c => (c.Id, c.HoldDays)).ToList();
        }
        int conversions = 0, accruals = 0;
        foreach (var (campaignId, holdDays) in campaigns)
        {
            var heldSince = now.AddDays(-holdDays);
            conversions += await ApproveConversionsAsync(campaignId, heldSince, now, cancellationToken);
            accruals += await ApproveAccrualsAsync(campaignId, heldSince, cancellationToken);
        }
        return new(conversions, accruals);
    }

    private async Task<int> ApproveConversionsAsync(int campaignId, DateTime heldSince, DateTime now, CancellationToken cancellationToken)
    {
        var approved = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // SQLite's immediate transaction takes the write lock before the read: a merchant's decline cannot slip in
            // between reading a conversion as pending and approving it.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = await db.Conversions
                .Where(c => c.CampaignId == campaignId && c.Status == ConversionStatus.Pending && c.Flags == FraudFlags.None && c.CreatedAt <= heldSince)
                .OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0) return approved;
            foreach (var conversion in batch) conversion.Approve(now);
            await db.SaveChangesAsync(cancellationToken);
            var ids = batch.Select(c => (long?)c.Id).ToList();
            await db.CommissionLines.Where(l => ids.Contains(l.ConversionId) && l.Status == CommissionLineStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, CommissionLineStatus.Approved), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            approved += batch.Count;
            if (batch.Count < BatchSize) return approved;
        }
    }

    private async Task<int> ApproveAccrualsAsync(int campaignId, DateTime heldSince, CancellationToken cancellationToken)
    {
        var approved = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // Day != null lets SQLite use the partial unique index on accrual lines.
            var ids = await db.CommissionLines
                .Where(l => l.CampaignId == campaignId && l.Day != null && AccrualKinds.Contains(l.Kind)
                            && l.Status == CommissionLineStatus.Pending && l.CreatedAt <= heldSince)
                .OrderBy(l => l.Id).Select(l => l.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0) return approved;
            approved += await db.CommissionLines.Where(l => ids.Contains(l.Id) && l.Status == CommissionLineStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, CommissionLineStatus.Approved), cancellationToken);
            if (ids.Count < BatchSize) return approved;
        }
    }
}
