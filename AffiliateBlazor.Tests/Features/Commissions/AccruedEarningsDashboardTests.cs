using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Commissions;
using AffiliateBlazor.Features.Dashboards;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Commissions;

/// <summary>PPC and CPM earnings show on both dashboards as pending as soon as their day is closed, and approved after the hold.</summary>
public sealed class AccruedEarningsDashboardTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    [Fact]
    public async Task Accrued_traffic_earnings_show_as_pending_then_approved_for_the_merchant_and_the_affiliate()
    {
        var monday = new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        var cpm = await CampaignScenario.TrafficAsync(app, CommissionType.Cpm, rate: 200, monday.AddHours(-1), holdDays: 3);
        await cpm.ImpressionsAsync(cpm.Affiliate, monday.AddHours(10), 1250);
        await cpm.ImpressionsAsync(cpm.Affiliate, monday.AddDays(1).AddHours(10), 1250);
        await cpm.CloseDaysEndingAsync(monday.AddDays(2));

        Assert.Equal(new Earnings("USD", 500, 0, 0), Assert.Single((await MerchantDashboardAsync(cpm)).Earnings));
        Assert.Equal(new Earnings("USD", 500, 0, 0), Assert.Single((await AffiliateDashboardAsync(cpm)).Earnings));

        app.SetNow(monday.AddDays(5).AddHours(1));
        await app.RunAsync<AutoApprovalService, AutoApprovalResult>(s => s.ApproveHeldAsync());

        Assert.Equal(new Earnings("USD", 0, 500, 0), Assert.Single((await MerchantDashboardAsync(cpm)).Earnings));
        Assert.Equal(new Earnings("USD", 0, 500, 0), Assert.Single((await AffiliateDashboardAsync(cpm)).Earnings));
    }

    private Task<Dashboard> MerchantDashboardAsync(CampaignScenario scenario) =>
        app.RunAsync<DashboardService, Dashboard>(s => s.ForMerchantAsync(scenario.Merchant));

    private Task<Dashboard> AffiliateDashboardAsync(CampaignScenario scenario) =>
        app.RunAsync<DashboardService, Dashboard>(s => s.ForAffiliateAsync(scenario.Affiliate));
}
