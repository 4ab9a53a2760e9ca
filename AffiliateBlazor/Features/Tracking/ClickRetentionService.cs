using AffiliateBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Deletes raw clicks past the retention period (visitors' data is kept no longer than needed): they are already counted in the rollups, which
/// reports read, so only the visitor details go. A click is kept while its campaign's cookie window could still
/// attribute a sale to it, and for as long as a conversion names it.
/// </summary>
/// <remarks>
/// Clicks have no index but their id, on purpose (every index slows the tracking writer); ids grow with time, so the
/// oldest clicks come first in id order and the sweep reads them a chunk at a time, stopping at the first chunk that
/// starts inside the retention period. Each chunk is its own short write turn, so tracking is never held up for long.
/// The newest click is never deleted, only stripped of its visitor details: after a restart, ids continue from the
/// highest one stored (<see cref="ClickIds"/>), and a deleted newest id would be issued again, giving a new click the
/// public click id of an old one.
/// </remarks>
public sealed class ClickRetentionService(IDbContextFactory<AppDbContext> dbFactory, WriteGate writeGate, IConfiguration configuration, TimeProvider clock)
{
    public const int DefaultRetentionDays = 180;
    private const int ChunkSize = 2_000;

    /// <summary>Tracking:ClickRetentionDays; 0 keeps clicks for ever (so does anything over a century).</summary>
    public int RetentionDays => configuration.GetValue("Tracking:ClickRetentionDays", DefaultRetentionDays) is var days and > 0 and <= 36_500 ? days : 0;

    /// <summary>Deletes the expired clicks and answers how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        if (RetentionDays == 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cutoffs = await db.Campaigns.AsNoTracking().Select(c => new { c.Id, c.CookieWindowDays }).ToDictionaryAsync(
            c => c.Id, c => now.AddDays(-Math.Max(RetentionDays, c.CookieWindowDays)), cancellationToken);
        var retentionStart = now.AddDays(-RetentionDays);
        var newest = await db.Clicks.MaxAsync(c => (long?)c.Id, cancellationToken);
        var deleted = 0;
        long after = 0;
        while (true)
        {
            var chunk = await db.Clicks.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Take(ChunkSize)
                .Select(c => new { c.Id, c.CampaignId, c.At }).ToListAsync(cancellationToken);
            if (chunk.Count == 0 || chunk[0].At >= retentionStart) break;
            after = chunk[^1].Id;
            var expired = chunk.Where(c => c.At < cutoffs.GetValueOrDefault(c.CampaignId, retentionStart)).Select(c => c.Id).ToList();
            if (expired.Count == 0) continue;
            using (await writeGate.EnterAsync(cancellationToken))
            {
                deleted += await db.Clicks.Where(c => expired.Contains(c.Id) && c.Id != newest && !db.Conversions.Any(v => v.ClickId == c.Id))
                    .ExecuteDeleteAsync(cancellationToken);
                if (expired.Contains(newest!.Value))
                    await db.Clicks.Where(c => c.Id == newest).ExecuteUpdateAsync(s => s.SetProperty(c => c.IpHash, (string?)null)
                        .SetProperty(c => c.UserAgent, (string?)null).SetProperty(c => c.Referrer, (string?)null)
                        .SetProperty(c => c.Sub1, (string?)null).SetProperty(c => c.Sub2, (string?)null).SetProperty(c => c.Sub3, (string?)null)
                        .SetProperty(c => c.Sub4, (string?)null).SetProperty(c => c.Sub5, (string?)null), cancellationToken);
            }
        }
        return deleted;
    }
}
