using System.Net;
using System.Text.Json;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features;

/// <summary>Each merchant sees only its own rows and each affiliate only its own; a stranger's id answers 404.</summary>
public sealed class TenancyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Another_merchant_gets_404_for_every_row_of_the_first()
    {
        var a = await app.TrackedSaleAsync();
        var b = await app.CreateMerchantAsync();
        var (bByKey, _) = await app.ApiKeyClientAsync(b.Api);

        foreach (var stranger in new[] { b.Api, bByKey })
        {
            await (await stranger.GetAsync($"/api/v1/campaigns/{a.Campaign.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.GetAsync($"/api/v1/links/{a.Link.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.GetAsync($"/api/v1/conversions/{a.Sale.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            var hijack = CampaignBuilder.Cps().Landing("https://evil.example/").Build();
            await (await stranger.PutJsonAsync($"/api/v1/campaigns/{a.Campaign.Id}", hijack)).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        var untouched = await a.Merchant.Api.GetJsonAsync<CampaignView>($"/api/v1/campaigns/{a.Campaign.Id}");
        Assert.Equal(a.Campaign.LandingUrl, untouched.LandingUrl);
        Assert.Equal(a.Campaign.Name, untouched.Name);
        Assert.Equal(a.Sale.Id, (await a.Merchant.Api.GetJsonAsync<ConversionView>($"/api/v1/conversions/{a.Sale.Id}")).Id);
    }

    [Fact]
    public async Task Another_merchants_lists_hold_none_of_the_first_merchants_rows()
    {
        var a = await app.TrackedSaleAsync();
        var b = await app.TrackedSaleAsync();

        var conversions = await b.Merchant.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/conversions");
        Assert.Equal(b.Sale.Id, Assert.Single(conversions.Items).Id);
        var filtered = await b.Merchant.Api.GetJsonAsync<Page<ConversionView>>($"/api/v1/conversions?campaignId={a.Campaign.Id}");
        Assert.Empty(filtered.Items);
        var campaigns = await b.Merchant.Api.GetJsonAsync<Page<CampaignView>>("/api/v1/campaigns");
        Assert.Equal(b.Campaign.Id, Assert.Single(campaigns.Items).Id);
        var links = await b.Merchant.Api.GetJsonAsync<Page<LinkView>>("/api/v1/links");
        Assert.Equal(b.Link.Id, Assert.Single(links.Items).Id);
    }

    [Fact]
    public async Task A_merchant_cannot_record_a_sale_with_another_merchants_click_or_campaign()
    {
        var a = await app.TrackedSaleAsync();
        var b = await app.CreateMerchantAsync();

        var byCampaign = await b.Api.PostJsonAsync("/api/v1/conversions", ConversionBuilder.ForCampaign(a.Campaign.Id).Build());
        await byCampaign.AssertProblemAsync(HttpStatusCode.NotFound);
        var byClick = await b.Api.PostJsonAsync("/api/v1/conversions", ConversionBuilder.ForClick(a.ClickId).Build());
        Assert.InRange((int)byClick.StatusCode, 400, 499);

        var aConversions = await a.Merchant.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/conversions");
        Assert.Equal(a.Sale.Id, Assert.Single(aConversions.Items).Id);
    }

    [Fact]
    public async Task An_affiliate_sees_only_its_own_conversions_and_links()
    {
        var sale = await app.TrackedSaleAsync();
        var other = await app.JoinAndApproveAsync(sale.Merchant);
        var otherLink = await other.LinkIntoAsync(sale.Campaign.Id);
        var otherSale = await sale.Merchant.Api.RecordConversionAsync(ConversionBuilder.ForClick(await app.ClickAsync(otherLink.Code)));
        Assert.Equal(other.AffiliateId, otherSale.Conversion.AffiliateId);

        var mine = await sale.Affiliate.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/me/conversions");
        Assert.Equal(sale.Sale.Id, Assert.Single(mine.Items).Id);
        var theirs = await other.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/me/conversions");
        Assert.Equal(otherSale.Id, Assert.Single(theirs.Items).Id);

        var myLinks = await sale.Affiliate.Api.GetJsonAsync<Page<LinkView>>("/api/v1/me/links");
        Assert.Equal(sale.Link.Id, Assert.Single(myLinks.Items).Id);
        await (await sale.Affiliate.Api.GetAsync($"/api/v1/me/links/{otherLink.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Api.GetAsync($"/api/v1/me/links/{sale.Link.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_affiliate_cannot_make_links_into_another_merchants_campaign()
    {
        var a = await app.TrackedSaleAsync();
        var b = await app.TrackedSaleAsync();

        var response = await b.Affiliate.Api.PostAsync("/api/v1/me/links",
            JsonContent(new { campaignId = a.Campaign.Id, name = "sneaky" }));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var aLinks = await a.Merchant.Api.GetJsonAsync<Page<LinkView>>("/api/v1/links");
        Assert.Equal(a.Link.Id, Assert.Single(aLinks.Items).Id);
    }

    [Fact]
    public async Task A_merchant_cannot_make_links_for_an_affiliate_outside_its_program()
    {
        var a = await app.TrackedSaleAsync();
        var b = await app.TrackedSaleAsync();

        var response = await b.Merchant.Api.PostAsync("/api/v1/links",
            JsonContent(new { campaignId = b.Campaign.Id, affiliateId = a.Affiliate.AffiliateId }));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var aLinks = await a.Affiliate.Api.GetJsonAsync<Page<LinkView>>("/api/v1/me/links");
        Assert.Equal(a.Link.Id, Assert.Single(aLinks.Items).Id);
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, ApiJson.Options), System.Text.Encoding.UTF8, "application/json");
}
