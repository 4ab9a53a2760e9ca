using System.Net;
using System.Text.Json;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Campaigns;

/// <summary>The Free plan allows one live campaign; the limit is enforced by the server with a clear message.</summary>
public sealed class PlanLimitTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_free_merchant_cannot_create_a_second_campaign()
    {
        var merchant = await app.CreateMerchantAsync();
        var first = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var response = await merchant.Api.PostJsonAsync("/api/v1/campaigns", CampaignBuilder.Cps().Build());

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("Free plan allows 1 campaign", detail);
        Assert.Contains("Archive", detail);
        var campaigns = await merchant.Api.GetJsonAsync<Page<CampaignView>>("/api/v1/campaigns");
        Assert.Equal(first.Id, Assert.Single(campaigns.Items).Id);
    }

    [Fact]
    public async Task Archiving_the_campaign_makes_room_for_another()
    {
        var merchant = await app.CreateMerchantAsync();
        var first = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var archive = await merchant.Api.PutJsonAsync($"/api/v1/campaigns/{first.Id}",
            JsonSerializer.SerializeToNode(CampaignInput.From(first) with { Status = CampaignStatus.Archived }, ApiJson.Options)!);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        var second = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var unarchive = await merchant.Api.PutJsonAsync($"/api/v1/campaigns/{first.Id}",
            JsonSerializer.SerializeToNode(CampaignInput.From(first) with { Status = CampaignStatus.Active }, ApiJson.Options)!);
        await unarchive.AssertProblemAsync(HttpStatusCode.Forbidden);
        var live = await merchant.Api.GetJsonAsync<Page<CampaignView>>("/api/v1/campaigns?status=Active");
        Assert.Equal(second.Id, Assert.Single(live.Items).Id);
    }

    [Fact]
    public async Task A_higher_plan_lifts_the_limit()
    {
        var merchant = await app.CreateMerchantAsync(plan: "Pro");

        await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var campaigns = await merchant.Api.GetJsonAsync<Page<CampaignView>>("/api/v1/campaigns");
        Assert.Equal(2, campaigns.Total);
    }
}
