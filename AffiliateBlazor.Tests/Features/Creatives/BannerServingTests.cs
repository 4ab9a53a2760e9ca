using System.Net;
using System.Text.Json;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Creatives;

public sealed class BannerServingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("png")]
    [InlineData("lossless webp")]
    public async Task The_banner_address_serves_the_image_and_counts_exactly_one_impression_per_view(string format)
    {
        var banner = TestBanners.ByName[format];
        var shown = await app.BannerOnLinkAsync(banner);

        for (var view = 1; view <= 3; view++)
        {
            var response = await app.ViewBannerAsync(shown.Link.Code, shown.Creative.Id);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(banner.ContentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(banner.Bytes, await response.Content.ReadAsByteArrayAsync());
            Assert.True(response.Headers.CacheControl?.NoStore, "Each view must reach the server to be counted.");
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(view, await app.ImpressionsAsync(shown.Link.Id));
        }
    }

    [Theory]
    [InlineData("doesnotexist")]
    [InlineData("AAAAAAAAAA")]
    [InlineData("waaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaay-too-long")]
    public async Task An_unknown_link_answers_404_and_counts_nothing(string code)
    {
        var shown = await app.BannerOnLinkAsync();

        var response = await app.ViewBannerAsync(code, shown.Creative.Id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.ImpressionsAsync(shown.Link.Id));
    }

    [Fact]
    public async Task An_unknown_banner_on_a_real_link_answers_404_and_counts_nothing()
    {
        var shown = await app.BannerOnLinkAsync();

        var response = await app.ViewBannerAsync(shown.Link.Code, shown.Creative.Id + 100_000);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.ImpressionsAsync(shown.Link.Id));
    }

    [Fact]
    public async Task A_banner_of_another_campaign_answers_404_and_counts_nothing()
    {
        var merchant = await app.CreateMerchantAsync("Pro");
        var promoted = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var other = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var affiliate = await app.JoinAndApproveAsync(merchant);
        var link = await affiliate.LinkIntoAsync(promoted.Id);
        var otherCampaignsBanner = await merchant.UploadBannerAsync(other.Id, TestBanners.Png);
        var otherMerchantsBanner = await app.BannerOnLinkAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.ViewBannerAsync(link.Code, otherCampaignsBanner.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ViewBannerAsync(link.Code, otherMerchantsBanner.Creative.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ViewBannerAsync(otherMerchantsBanner.Link.Code, otherCampaignsBanner.Id)).StatusCode);

        Assert.Equal(0, await app.ImpressionsAsync(link.Id));
        Assert.Equal(0, await app.ImpressionsAsync(otherMerchantsBanner.Link.Id));
    }

    [Fact]
    public async Task A_paused_campaigns_banner_answers_404_and_counts_nothing_until_it_is_active_again()
    {
        var shown = await app.BannerOnLinkAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.ViewBannerAsync(shown.Link.Code, shown.Creative.Id)).StatusCode);

        await SetStatusAsync(shown, CampaignStatus.Paused);
        var whilePaused = await app.ViewBannerAsync(shown.Link.Code, shown.Creative.Id);
        Assert.Equal(HttpStatusCode.NotFound, whilePaused.StatusCode);
        Assert.Equal(1, await app.ImpressionsAsync(shown.Link.Id));

        await SetStatusAsync(shown, CampaignStatus.Active);
        Assert.Equal(HttpStatusCode.OK, (await app.ViewBannerAsync(shown.Link.Code, shown.Creative.Id)).StatusCode);
        Assert.Equal(2, await app.ImpressionsAsync(shown.Link.Id));
    }

    [Fact]
    public async Task The_preview_address_needs_a_signed_in_user_and_counts_nothing()
    {
        var shown = await app.BannerOnLinkAsync();
        using var anonymous = app.NewClient();

        var response = await anonymous.GetAsync($"/creatives/{shown.Creative.Id}/preview");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.OriginalString);
        Assert.Equal(0, await app.ImpressionsAsync(shown.Link.Id));
    }

    private static async Task SetStatusAsync(BannerOnLink shown, CampaignStatus status)
    {
        var input = CampaignInput.From(shown.Campaign) with { Status = status };
        var response = await shown.Merchant.Api.PutJsonAsync($"/api/v1/campaigns/{shown.Campaign.Id}", JsonSerializer.SerializeToNode(input, ApiJson.Options)!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
