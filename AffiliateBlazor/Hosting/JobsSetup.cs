using AffiliateBlazor.Features.Commissions;
using AffiliateBlazor.Features.Tracking;
using Quartz;

namespace AffiliateBlazor.Hosting;

public static class JobsSetup
{
    public const string EveryQuarterHour = "0 0/15 * * * ?";
    public const string Daily = "0 30 3 * * ?";

    /// <summary>
    /// Scheduled work on Quartz: each job runs once when the app has started (catching up on whatever fell due while it
    /// was down) and then on its cron schedule, in UTC. `Jobs:Enabled=false` turns the scheduler off; the jobs are
    /// idempotent, so an instance that runs them late or twice pays and approves once.
    /// </summary>
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Jobs");
        if (!settings.GetValue("Enabled", true)) return;
        builder.Services.AddQuartz(quartz =>
        {
            // One SQLite instance keeps its schedule in memory; several instances on PostgreSQL would need Quartz's clustered ADO store, so each job fires once.
            quartz.UseInMemoryStore();
            Schedule<CloseTrafficDaysJob>(quartz, settings, "TrafficAccrualCron");
            Schedule<AutoApprovalJob>(quartz, settings, "AutoApprovalCron");
            Schedule<ClickRetentionJob>(quartz, settings, "ClickRetentionCron", Daily);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static void Schedule<TJob>(IQuartzBuilder quartz, IConfigurationSection settings, string cronSetting, string defaultCron = EveryQuarterHour)
        where TJob : IJob
    {
        var cron = settings[cronSetting] ?? defaultCron;
        if (!CronExpression.TryParse(cron, out _))
            throw new InvalidOperationException($"Jobs:{cronSetting} is not a Quartz cron expression: \"{cron}\" (for example \"{EveryQuarterHour}\").");
        var job = new JobKey(typeof(TJob).Name, "scheduled");
        quartz.AddJob<TJob>(j => j.WithIdentity(job));
        quartz.AddTrigger(t => t.ForJob(job).WithIdentity(job.Name + ".schedule", job.Group)
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc)));
        quartz.RunAtStartup(job);
    }
}
