using Quartz;

namespace AffiliateBlazor.Features.Commissions;

/// <summary>Pays PPC and CPM traffic for merchant days that are over (see <see cref="TrafficAccrualService"/>).</summary>
[DisallowConcurrentExecution]
public sealed class CloseTrafficDaysJob(TrafficAccrualService accrual, ILogger<CloseTrafficDaysJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var lines = await accrual.CloseEndedDaysAsync(cancellationToken);
        if (lines > 0) log.LogInformation("Closed traffic days: {Lines} accrual line(s) written.", lines);
    }
}
