using System.Net;
using System.Net.Http.Headers;
using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Creatives;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Creatives;

/// <summary>A merchant's banner in a campaign, and an approved affiliate's link into that campaign.</summary>
public sealed record BannerOnLink(TestMerchant Merchant, CampaignView Campaign, TestAffiliate Affiliate, LinkView Link, CreativeView Creative);

/// <summary>The banner steps users take through the API, and what the tests read back from the database.</summary>
public static class CreativeJourneys
{
    /// <summary>POSTs the multipart form a merchant's script would send; a null name or type leaves that part out.</summary>
    public static Task<HttpResponseMessage> PostBannerAsync(this HttpClient merchantApi, int campaignId, byte[] bytes, string? declaredType,
        string? name = "Leaderboard", string fileName = "banner.png")
    {
        var form = new MultipartFormDataContent();
        if (name is not null) form.Add(new StringContent(name), "name");
        var file = new ByteArrayContent(bytes);
        if (declaredType is not null) file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        form.Add(file, "file", fileName);
        return merchantApi.PostAsync($"/api/v1/campaigns/{campaignId}/creatives", form);
    }

    public static async Task<CreativeView> UploadBannerAsync(this TestMerchant merchant, int campaignId, TestBanner banner, string name = "Leaderboard")
    {
        var response = await merchant.Api.PostBannerAsync(campaignId, banner.Bytes, banner.ContentType, name);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync<CreativeView>();
    }

    public static async Task<BannerOnLink> BannerOnLinkAsync(this AppFactory app, TestBanner? banner = null)
    {
        var (merchant, campaign, affiliate, link) = await app.LinkedCampaignAsync();
        var creative = await merchant.UploadBannerAsync(campaign.Id, banner ?? TestBanners.Png);
        return new BannerOnLink(merchant, campaign, affiliate, link, creative);
    }

    /// <summary>A visitor's browser loads the banner from the affiliate's page.</summary>
    public static async Task<HttpResponseMessage> ViewBannerAsync(this AppFactory app, string code, int creativeId)
    {
        using var browser = app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/b/{code}/{creativeId}");
        request.Headers.UserAgent.ParseAdd(AppFactory.BrowserAgent);
        return await browser.SendAsync(request);
    }

    /// <summary>The impressions the rollups hold for one link: what reports and CPM commissions are computed from.</summary>
    public static async Task<long> ImpressionsAsync(this AppFactory app, int linkId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.TrafficRollups.Where(r => r.LinkId == linkId).SumAsync(r => r.Impressions);
    }

    /// <summary>Banner rows stored for a campaign, read from the database rather than through the API under test.</summary>
    public static async Task<int> StoredBannersAsync(this AppFactory app, int campaignId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Creatives.CountAsync(c => c.CampaignId == campaignId);
    }
}
