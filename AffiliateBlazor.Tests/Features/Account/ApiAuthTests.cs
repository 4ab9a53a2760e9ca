using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Account;

/// <summary>API keys and bearer tokens: who may call what, and what happens to a revoked key.</summary>
public sealed class ApiAuthTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Login_answers_a_bearer_token_for_the_right_password_only()
    {
        var merchant = await app.CreateMerchantAsync();
        using var client = app.NewClient();

        var ok = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = merchant.Email, password = AppFactory.UserPassword });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var token = (await ok.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Bearer", token["tokenType"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(token["accessToken"]!.GetValue<string>()));

        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = merchant.Email, password = "Wrong-pass-123!" });
        await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var nobody = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@nowhere.example", password = "x" });
        await nobody.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("GET", "/api/v1/campaigns")]
    [InlineData("GET", "/api/v1/conversions")]
    [InlineData("POST", "/api/v1/conversions")]
    [InlineData("GET", "/api/v1/me/conversions")]
    [InlineData("GET", "/api/v1/me/links")]
    [InlineData("GET", "/api/v1/api-keys")]
    [InlineData("GET", "/api/v1/merchants")]
    public async Task Without_credentials_the_api_answers_401(string method, string url)
    {
        using var client = app.NewClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST") request.Content = JsonContent.Create(new { orderId = "o-1", amount = 100, campaignId = 1 });

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_or_token_answers_401()
    {
        using var client = app.NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "ak_made-up-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/campaigns")).StatusCode);

        using var bearer = app.NewClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/campaigns")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_api_key_stops_working_at_once()
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var (byKey, keyId) = await app.ApiKeyClientAsync(merchant.Api);
        Assert.Equal(campaign.Id, Assert.Single((await byKey.GetJsonAsync<Page<CampaignView>>("/api/v1/campaigns")).Items).Id);

        var revoke = await merchant.Api.DeleteAsync($"/api/v1/api-keys/{keyId}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await byKey.GetAsync("/api/v1/campaigns")).StatusCode);
        var conversion = await byKey.PostJsonAsync("/api/v1/conversions", ConversionBuilder.ForCampaign(campaign.Id).Build());
        Assert.Equal(HttpStatusCode.Unauthorized, conversion.StatusCode);
        var keys = await merchant.Api.GetJsonAsync<List<ApiKeyView>>("/api/v1/api-keys");
        Assert.NotNull(Assert.Single(keys, k => k.Id == keyId).RevokedAt);
    }

    [Fact]
    public async Task Another_user_cannot_revoke_my_key()
    {
        var mine = await app.CreateMerchantAsync();
        var other = await app.CreateMerchantAsync();
        var (byKey, keyId) = await app.ApiKeyClientAsync(mine.Api);

        await (await other.Api.DeleteAsync($"/api/v1/api-keys/{keyId}")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await byKey.GetAsync("/api/v1/campaigns")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/campaigns")]
    [InlineData("POST", "/api/v1/campaigns")]
    [InlineData("GET", "/api/v1/conversions")]
    [InlineData("POST", "/api/v1/conversions")]
    [InlineData("GET", "/api/v1/links")]
    [InlineData("GET", "/api/v1/affiliates")]
    [InlineData("GET", "/api/v1/merchants")]
    public async Task An_affiliate_calling_merchant_or_admin_endpoints_gets_403(string method, string url)
    {
        var merchant = await app.CreateMerchantAsync();
        await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var affiliate = await app.JoinAndApproveAsync(merchant);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST") request.Content = JsonContent.Create(new { name = "x" });

        var response = await affiliate.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/merchants")]
    [InlineData("/api/v1/me/conversions")]
    [InlineData("/api/v1/me/links")]
    public async Task A_merchant_calling_admin_or_affiliate_endpoints_gets_403(string url)
    {
        var merchant = await app.CreateMerchantAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.Api.GetAsync(url)).StatusCode);
    }
}
