using System.Net;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Conversions;

/// <summary>Bad input gets a 4xx problem with a clear message, never a 500, and writes nothing.</summary>
public sealed class MalformedConversionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("""{"orderId":"o-1","amount":"abc","currency":"USD","campaignId":CAMPAIGN}""")]
    [InlineData("""{"orderId":"o-1","amount":12.5,"currency":"USD","campaignId":CAMPAIGN}""")]
    [InlineData("""{"orderId":"o-1","amount":1e40,"currency":"USD","campaignId":CAMPAIGN}""")]
    [InlineData("""{"orderId":"o-1","amount":100,"currency":"USD","campaignId":"first"}""")]
    [InlineData("""{"orderId":["o-1"],"amount":100,"currency":"USD","campaignId":CAMPAIGN}""")]
    [InlineData("""{"orderId":"o-1","amount":100,""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_problem_and_writes_nothing(string json)
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var response = await merchant.Api.PostRawAsync("/api/v1/conversions", json.Replace("CAMPAIGN", campaign.Id.ToString()));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        await AssertNoConversionsAsync(merchant);
    }

    [Theory]
    [InlineData("amount", -1L, null)]
    [InlineData("currency", null, "XYZ")]
    [InlineData("type", null, "refund")]
    public async Task Invalid_fields_are_named_in_the_problem(string field, long? amount, string? text)
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var body = ConversionBuilder.ForCampaign(campaign.Id);
        body = amount is { } a ? body.Set(field, a) : body.Set(field, text);

        var response = await merchant.Api.PostJsonAsync("/api/v1/conversions", body.Build());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        await AssertNoConversionsAsync(merchant);
    }

    [Fact]
    public async Task A_conversion_for_another_currency_than_the_campaign_is_refused()
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var response = await merchant.Api.PostJsonAsync("/api/v1/conversions", ConversionBuilder.ForCampaign(campaign.Id).Set("currency", "EUR").Build());

        Assert.InRange((int)response.StatusCode, 400, 499);
        var problem = await response.AssertProblemAsync(response.StatusCode);
        Assert.Contains("EUR", problem["detail"]!.GetValue<string>());
        await AssertNoConversionsAsync(merchant);
    }

    [Theory]
    [InlineData("/api/v1/conversions?status=Lost")]
    [InlineData("/api/v1/conversions?from=yesterday")]
    [InlineData("/api/v1/conversions?page=abc")]
    [InlineData("/api/v1/conversions?campaignId=99999999999")]
    [InlineData("/api/v1/conversions/abc")]
    public async Task Malformed_query_values_never_answer_500(string url)
    {
        var merchant = await app.CreateMerchantAsync();

        var response = await merchant.Api.GetAsync(url);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Theory]
    [InlineData("orderId", "order\\u0007one")]
    [InlineData("clickId", "0123456789012345678901234567890123")]
    public async Task Over_long_or_unprintable_fields_are_refused(string field, string value)
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var json = ConversionBuilder.ForCampaign(campaign.Id).Set(field, "PLACEHOLDER").Build().ToJsonString().Replace("PLACEHOLDER", value);

        var response = await merchant.Api.PostRawAsync("/api/v1/conversions", json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        await AssertNoConversionsAsync(merchant);
    }

    private static async Task AssertNoConversionsAsync(TestMerchant merchant)
    {
        var list = await merchant.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/conversions");
        Assert.Equal(0, list.Total);
    }
}
