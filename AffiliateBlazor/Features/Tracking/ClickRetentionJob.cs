using Quartz;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>Deletes raw clicks past their retention (see <see cref="ClickRetentionService"/>).</summary>
[DisallowConcurrentExecution]
public sealed class ClickRetentionJob(ClickRetentionService retention, ILogger<ClickRetentionJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var deleted = await retention.DeleteExpiredAsync(cancellationToken);
        if (deleted > 0)
            log.LogInformation("Deleted {Count} click(s) older than {Days} days and their campaign's cookie window; their counts stay in the rollups.",
                deleted, retention.RetentionDays);
    }
}
