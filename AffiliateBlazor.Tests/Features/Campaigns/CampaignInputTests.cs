using System.Net;
using System.Text.Json;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Campaigns;

/// <summary>A campaign the server cannot honour is refused with the offending fields named, and nothing is saved.</summary>
public sealed class CampaignInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("landingUrl", "not a url")]
    [InlineData("landingUrl", "javascript:alert(1)")]
    [InlineData("landingUrl", "ftp://shop.example/")]
    [InlineData("percentBasisPoints", 0)]
    [InlineData("percentBasisPoints", 10001)]
    [InlineData("currency", "XYZ")]
    [InlineData("currency", "usd")]
    [InlineData("name", "")]
    [InlineData("cookieWindowDays", 0)]
    [InlineData("clickIdParameter", "click id&x=")]
    public async Task Malformed_campaign_input_is_a_400_with_the_field_named(string field, object value)
    {
        var merchant = await app.CreateMerchantAsync();
        var body = CampaignBuilder.Cps().Set(field, JsonSerializer.SerializeToNode(value));

        var response = await merchant.Api.PostJsonAsync("/api/v1/campaigns", body.Build());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        var campaigns = await merchant.Api.GetJsonAsync<Page<CampaignView>>("/api/v1/campaigns");
        Assert.Equal(0, campaigns.Total);
    }

    [Theory]
    [InlineData("""{"name":"Sale","type":"Lottery","landingUrl":"https://shop.example","percentBasisPoints":1000}""")]
    [InlineData("""{"name":"Sale","landingUrl":"https://shop.example","percentBasisPoints":"ten"}""")]
    [InlineData("""{"name":"Sale","landingUrl":"https://shop.example","percentBasisPoints":10.5}""")]
    [InlineData("""{"name":"Sale","landingUrl":"https://shop.example","percentBasisPoints":99999999999}""")]
    public async Task Unreadable_campaign_json_is_a_400_problem(string json)
    {
        var merchant = await app.CreateMerchantAsync();

        var response = await merchant.Api.PostRawAsync("/api/v1/campaigns", json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var campaigns = await merchant.Api.GetJsonAsync<Page<CampaignView>>("/api/v1/campaigns");
        Assert.Equal(0, campaigns.Total);
    }

    [Fact]
    public async Task A_bad_update_is_refused_and_the_campaign_keeps_its_settings()
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var response = await merchant.Api.PutJsonAsync($"/api/v1/campaigns/{campaign.Id}",
            CampaignBuilder.Cps(basisPoints: 0).Landing("javascript:alert(1)").Build());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("landingUrl", problem.ErrorFields());
        Assert.Contains("percentBasisPoints", problem.ErrorFields());
        var stored = await merchant.Api.GetJsonAsync<CampaignView>($"/api/v1/campaigns/{campaign.Id}");
        Assert.Equal(campaign.LandingUrl, stored.LandingUrl);
        Assert.Equal(campaign.PercentBasisPoints, stored.PercentBasisPoints);
    }

    [Fact]
    public async Task Ids_owners_and_keys_in_the_body_are_ignored()
    {
        var other = await app.CreateMerchantAsync();
        var merchant = await app.CreateMerchantAsync();
        var body = CampaignBuilder.Cps().Set("id", 424242).Set("merchantId", other.Id).Set("publicKey", "chosen-by-caller").Build();

        var response = await merchant.Api.PostJsonAsync("/api/v1/campaigns", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync<CampaignView>();
        Assert.NotEqual(424242, created.Id);
        Assert.NotEqual("chosen-by-caller", created.PublicKey);
        Assert.Equal(created.Id, Assert.Single((await merchant.Api.GetJsonAsync<Page<CampaignView>>("/api/v1/campaigns")).Items).Id);
        Assert.Equal(0, (await other.Api.GetJsonAsync<Page<CampaignView>>("/api/v1/campaigns")).Total);
    }
}
