using System.Net;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Tests.Support;

/// <summary>The answer of POST /api/v1/conversions.</summary>
public sealed record ConversionAnswer(long Id, bool Duplicate, ConversionView Conversion);

/// <summary>One merchant, one CPS campaign, one approved affiliate whose link was clicked and sold.</summary>
public sealed record TrackedSale(TestMerchant Merchant, CampaignView Campaign, TestAffiliate Affiliate, LinkView Link, string ClickId, ConversionAnswer Sale);

/// <summary>One merchant, one CPS campaign (10 %, USD), one approved affiliate whose link a browser has just clicked.</summary>
public sealed record ClickedCampaign(TestMerchant Merchant, CampaignView Campaign, TestAffiliate Affiliate, LinkView Link, string ClickId);

/// <summary>The steps users take through the API, each asserting that it succeeded.</summary>
public static class Journeys
{
    public static async Task<CampaignView> CreateCampaignAsync(this TestMerchant merchant, CampaignBuilder campaign)
    {
        var response = await merchant.Api.PostJsonAsync("/api/v1/campaigns", campaign.Build());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync<CampaignView>();
    }

    /// <summary>The affiliate's own link into the campaign, as its link page lists it.</summary>
    public static async Task<LinkView> LinkIntoAsync(this TestAffiliate affiliate, int campaignId)
    {
        var links = await affiliate.Api.GetJsonAsync<Page<LinkView>>($"/api/v1/me/links?campaignId={campaignId}");
        return Assert.Single(links.Items);
    }

    /// <summary>A browser follows /t/{code}; answers the click id the landing page receives.</summary>
    public static async Task<string> ClickAsync(this AppFactory app, string code, string parameter = "click_id")
    {
        using var browser = app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{code}");
        request.Headers.UserAgent.ParseAdd(AppFactory.BrowserAgent);
        var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        return Assert.IsType<string>(query[parameter]);
    }

    public static async Task<ConversionAnswer> RecordConversionAsync(this HttpClient merchantApi, ConversionBuilder conversion)
    {
        var response = await merchantApi.PostJsonAsync("/api/v1/conversions", conversion.Build());
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync<ConversionAnswer>();
    }

    public static async Task<ClickedCampaign> ClickedCampaignAsync(this AppFactory app)
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var affiliate = await app.JoinAndApproveAsync(merchant);
        var link = await affiliate.LinkIntoAsync(campaign.Id);
        return new ClickedCampaign(merchant, campaign, affiliate, link, await app.ClickAsync(link.Code));
    }

    /// <summary>The merchant's conversions, newest first, as its conversions API lists them.</summary>
    public static Task<Page<ConversionView>> ConversionsAsync(this TestMerchant merchant) =>
        merchant.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/conversions?pageSize=200");

    public static async Task<TrackedSale> TrackedSaleAsync(this AppFactory app)
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var affiliate = await app.JoinAndApproveAsync(merchant);
        var link = await affiliate.LinkIntoAsync(campaign.Id);
        var clickId = await app.ClickAsync(link.Code);
        var sale = await merchant.Api.RecordConversionAsync(ConversionBuilder.ForClick(clickId));
        return new TrackedSale(merchant, campaign, affiliate, link, clickId, sale);
    }
}
