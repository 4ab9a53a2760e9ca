using System.Net;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Campaigns;

/// <summary>Once a campaign has traffic, its commission type and currency stay: history was priced under them.</summary>
public sealed class CampaignTermsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_campaign_with_clicks_cannot_become_pay_per_click_but_can_change_its_rate()
    {
        var clicked = await app.ClickedCampaignAsync();
        var path = $"/api/v1/campaigns/{clicked.Campaign.Id}";

        var toPpc = await clicked.Merchant.Api.PutJsonAsync(path, CampaignBuilder.Cps().Set("type", "Ppc").Set("fixedAmount", 5).Build());
        var problem = await toPpc.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("commission type and currency are fixed", problem["detail"]!.GetValue<string>());

        var newRate = await clicked.Merchant.Api.PutJsonAsync(path, CampaignBuilder.Cps(1500).Build());
        Assert.Equal(HttpStatusCode.OK, newRate.StatusCode);
        var campaign = await clicked.Merchant.Api.GetJsonAsync<CampaignView>(path);
        Assert.Equal((CommissionType.Cps, 1500), (campaign.Type, campaign.PercentBasisPoints));
    }

    [Fact]
    public async Task A_campaign_without_traffic_may_still_change_its_type()
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var response = await merchant.Api.PutJsonAsync($"/api/v1/campaigns/{campaign.Id}", CampaignBuilder.Cps().Set("type", "Ppc").Set("fixedAmount", 5).Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
