using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Coupons;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Tests.Support;

/// <summary>The answer of POST /api/v1/conversions.</summary>
public sealed record ConversionAnswer(long Id, bool Duplicate, ConversionView Conversion);

/// <summary>One merchant, one CPS campaign, one approved affiliate whose link was clicked and sold.</summary>
public sealed record TrackedSale(TestMerchant Merchant, CampaignView Campaign, TestAffiliate Affiliate, LinkView Link, string ClickId, ConversionAnswer Sale);

/// <summary>One merchant on the Business plan (no campaign limit), one of its campaigns and one approved affiliate.</summary>
public sealed record AffiliateProgram(TestMerchant Merchant, CampaignView Campaign, TestAffiliate Affiliate);

/// <summary>One merchant, one campaign, one approved affiliate and its link into the campaign, not yet clicked.</summary>
public sealed record LinkedCampaign(TestMerchant Merchant, CampaignView Campaign, TestAffiliate Affiliate, LinkView Link);

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

    /// <summary>A merchant with a campaign (CPS 10 % unless given) and an approved affiliate's link into it.</summary>
    public static async Task<LinkedCampaign> LinkedCampaignAsync(this AppFactory app, CampaignBuilder? campaign = null)
    {
        var merchant = await app.CreateMerchantAsync();
        var created = await merchant.CreateCampaignAsync(campaign ?? CampaignBuilder.Cps());
        var affiliate = await app.JoinAndApproveAsync(merchant);
        return new LinkedCampaign(merchant, created, affiliate, await affiliate.LinkIntoAsync(created.Id));
    }

    public static async Task<ClickedCampaign> ClickedCampaignAsync(this AppFactory app)
    {
        var (merchant, campaign, affiliate, link) = await app.LinkedCampaignAsync();
        return new ClickedCampaign(merchant, campaign, affiliate, link, await app.ClickAsync(link.Code));
    }

    /// <summary>The merchant's conversions, newest first, as its conversions API lists them.</summary>
    public static Task<Page<ConversionView>> ConversionsAsync(this TestMerchant merchant) =>
        merchant.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/conversions?pageSize=200");

    public static async Task<TrackedSale> TrackedSaleAsync(this AppFactory app)
    {
        var (merchant, campaign, affiliate, link) = await app.LinkedCampaignAsync();
        var clickId = await app.ClickAsync(link.Code);
        var sale = await merchant.Api.RecordConversionAsync(ConversionBuilder.ForClick(clickId));
        return new TrackedSale(merchant, campaign, affiliate, link, clickId, sale);
    }

    public static async Task<AffiliateProgram> ProgramAsync(this AppFactory app, CampaignBuilder campaign)
    {
        var merchant = await app.CreateMerchantAsync(plan: "Business");
        var created = await merchant.CreateCampaignAsync(campaign);
        return new AffiliateProgram(merchant, created, await app.JoinAndApproveAsync(merchant));
    }

    public static async Task<CouponView> CreateCouponAsync(this TestMerchant merchant, int campaignId, int affiliateId, string code)
    {
        var response = await merchant.Api.PostJsonAsync("/api/v1/coupons", new JsonObject { ["campaignId"] = campaignId, ["affiliateId"] = affiliateId, ["code"] = code });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync<CouponView>();
    }

    public static async Task<ConversionAnswer> RecordCouponUseAsync(this HttpClient merchantApi, ConversionBuilder use)
    {
        var response = await merchantApi.PostJsonAsync("/api/v1/coupons/uses", use.Build());
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync<ConversionAnswer>();
    }

    /// <summary>Uploads a CSV of coupon uses as a browser form would, in the multipart field "file".</summary>
    public static Task<HttpResponseMessage> UploadCouponUsesAsync(this HttpClient merchantApi, string csv) =>
        merchantApi.UploadCouponUsesAsync(Encoding.UTF8.GetBytes(csv));

    public static Task<HttpResponseMessage> UploadCouponUsesAsync(this HttpClient merchantApi, byte[] csv)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(csv) { Headers = { ContentType = new("text/csv") } }, "file", "uses.csv" } };
        return merchantApi.PostAsync("/api/v1/coupons/uses/csv", form);
    }

    public static async Task<ConversionAnswer> AddManualTransactionAsync(this HttpClient merchantApi, ConversionBuilder transaction)
    {
        var response = await merchantApi.PostJsonAsync("/api/v1/conversions/manual", transaction.Build());
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync<ConversionAnswer>();
    }

    /// <summary>POST /api/v1/conversions/{id}/approve, /decline or /reverse; the answer is left to the test.</summary>
    public static Task<HttpResponseMessage> ReviewAsync(this HttpClient merchantApi, long conversionId, string action) =>
        merchantApi.PostAsync($"/api/v1/conversions/{conversionId}/{action}", null);
}
