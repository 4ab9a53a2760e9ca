using Quartz;

namespace AffiliateBlazor.Features.Commissions;

/// <summary>Approves conversions and accruals whose hold period is over (see <see cref="AutoApprovalService"/>).</summary>
[DisallowConcurrentExecution]
public sealed class AutoApprovalJob(AutoApprovalService approvals, ILogger<AutoApprovalJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await approvals.ApproveHeldAsync(cancellationToken);
        if (result.Conversions + result.AccrualLines > 0)
            log.LogInformation("Auto-approved {Conversions} conversion(s) and {Lines} accrual line(s) after their hold period.",
                result.Conversions, result.AccrualLines);
    }
}
