using System.Net;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>Campaign → affiliate approved → link clicked → sale reported → commission on the affiliate's dashboard.</summary>
public sealed class EndToEndPathTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_click_then_a_sale_pays_the_affiliate_its_commission()
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps(basisPoints: 1000).Landing("https://shop.example/landing?x=1"));
        Assert.Equal(CommissionType.Cps, campaign.Type);
        var affiliate = await app.JoinAndApproveAsync(merchant);

        var link = await affiliate.LinkIntoAsync(campaign.Id);
        Assert.Equal(affiliate.AffiliateId, link.AffiliateId);
        var merchantView = await merchant.Api.GetJsonAsync<LinkView>($"/api/v1/links/{link.Id}");
        Assert.Equal(link.Code, merchantView.Code);

        using var browser = app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{link.Code}");
        request.Headers.UserAgent.ParseAdd(AppFactory.BrowserAgent);
        var click = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        var location = click.Headers.Location!.OriginalString;
        Assert.Matches(@"^https://shop\.example/landing\?x=1&click_id=[A-Za-z0-9_-]{22}$", location);
        var clickId = location[(location.IndexOf("click_id=", StringComparison.Ordinal) + "click_id=".Length)..];

        var (api, _) = await app.ApiKeyClientAsync(merchant.Api);
        var recorded = await api.RecordConversionAsync(ConversionBuilder.ForClick(clickId).Order("A-1001").Amount(12345));

        Assert.False(recorded.Duplicate);
        var sale = recorded.Conversion;
        Assert.Equal(recorded.Id, sale.Id);
        Assert.Equal(ConversionStatus.Pending, sale.Status);
        Assert.Equal(ConversionSource.Api, sale.Source);
        Assert.Equal(campaign.Id, sale.CampaignId);
        Assert.Equal(affiliate.AffiliateId, sale.AffiliateId);
        Assert.Equal(clickId, sale.ClickId);
        Assert.Equal("A-1001", sale.OrderId);
        Assert.Equal(12345, sale.Amount);
        Assert.Equal("USD", sale.Currency);
        Assert.Equal(1235, sale.Commission);

        var mine = await affiliate.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/me/conversions");
        var seen = Assert.Single(mine.Items);
        Assert.Equal(sale.Id, seen.Id);
        Assert.Equal(1235, seen.Commission);
        Assert.Equal(ConversionStatus.Pending, seen.Status);
    }

    [Fact]
    public async Task The_redirect_ignores_anything_the_visitor_adds_to_the_click_url()
    {
        var link = (await app.LinkedCampaignAsync(CampaignBuilder.Cps().Landing("https://shop.example/p/shoes"))).Link;

        using var browser = app.NewClient();
        var response = await browser.GetAsync($"/t/{link.Code}?sub1=newsletter&url=https%3A%2F%2Fevil.example&redirect=https://evil.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches(@"^https://shop\.example/p/shoes\?click_id=[A-Za-z0-9_-]{22}$", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_sale_without_a_click_is_recorded_for_nobody_and_pays_nothing()
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var recorded = await merchant.Api.RecordConversionAsync(ConversionBuilder.ForCampaign(campaign.Id));

        Assert.Null(recorded.Conversion.AffiliateId);
        Assert.Equal(0, recorded.Conversion.Commission);
    }
}
