using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Commissions;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Hosting;
using AffiliateBlazor.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AffiliateBlazor.Tests.Features.Commissions;

/// <summary>The scheduler: both jobs every quarter hour and once at start-up, on the real clock.</summary>
public sealed class JobScheduleTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task At_start_up_the_jobs_close_the_days_missed_while_the_app_was_down()
    {
        // Yesterday's clicks are recorded while the scheduler is off, as if the app had been down since.
        var yesterday = DateTime.UtcNow.Date.AddDays(-2).AddHours(12); // two days back: just after midnight UTC yesterday is not closable yet
        var data = new TestData(app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), app.Services.GetRequiredService<AffiliateBlazor.Features.Tracking.ClickIds>());
        var merchant = await data.MerchantAsync(plan: "Business");
        var affiliate = await data.ApprovedAffiliateAsync(merchant);
        CampaignView campaign;
        await using (var scope = app.Services.CreateAsyncScope())
            campaign = await scope.ServiceProvider.GetRequiredService<CampaignService>().CreateAsync(merchant, new CampaignInput
            {
                Name = "Brand clicks", Type = CommissionType.Ppc, FixedAmount = 12, LandingUrl = "https://shop.example/",
            });
        var db = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var context = await db.CreateDbContextAsync())
        {
            var link = await context.Links.SingleAsync(l => l.CampaignId == campaign.Id);
            context.TrafficRollups.Add(new TrafficRollup
            {
                MerchantId = merchant.Merchant, CampaignId = campaign.Id, AffiliateId = affiliate.Affiliate, LinkId = link.Id,
                BucketStart = TrafficRollup.BucketOf(yesterday), Clicks = 4, BillableClicks = 4, UniqueClicks = 4,
            });
            await context.SaveChangesAsync();
        }

        using var scheduled = app.WithWebHostBuilder(host => host.UseSetting("Jobs:Enabled", "true"));
        var scheduler = await scheduled.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var line = await EventuallyAsync(async () =>
        {
            await using var context = await db.CreateDbContextAsync();
            return await context.CommissionLines.AsNoTracking().SingleOrDefaultAsync(l => l.CampaignId == campaign.Id);
        });
        Assert.Equal((CommissionLineKind.ClickAccrual, 48L, DateOnly.FromDateTime(yesterday)), (line.Kind, line.Amount, line.Day!.Value));

        var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup());
        Assert.Equal([nameof(AutoApprovalJob), nameof(ClickRetentionJob), nameof(CloseTrafficDaysJob)], jobs.Select(j => j.Name).Order());
        foreach (var job in jobs)
        {
            var cron = Assert.Single((await scheduler.GetTriggersOfJob(job)).OfType<ICronTrigger>());
            var expected = job.Name == nameof(ClickRetentionJob) ? JobsSetup.Daily : JobsSetup.EveryQuarterHour;
            Assert.Equal((expected, TimeZoneInfo.Utc.Id), (cron.CronExpressionString, cron.TimeZone.Id));
        }
    }

    [Fact]
    public void The_tests_run_without_a_scheduler() =>
        Assert.Null(app.Services.GetService<ISchedulerFactory>());

    [Fact]
    public void A_malformed_cron_setting_stops_the_start_with_its_name()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Jobs:AutoApprovalCron"] = "every quarter hour";

        var error = Assert.Throws<InvalidOperationException>(builder.AddJobs);

        Assert.Contains("Jobs:AutoApprovalCron", error.Message);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, "The start-up run did not close the day within 30 seconds.");
            await Task.Delay(200);
        }
    }
}
