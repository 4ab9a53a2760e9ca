using System.Net;
using System.Text;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>Server-to-server conversions: GET /postback and POST /api/v1/conversions, by API key or HMAC signature.</summary>
public sealed class PostbackSignatureTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_signed_postback_records_a_pending_conversion_and_notes_the_networks_status(bool signatureInQuery)
    {
        var clicked = await app.ClickedCampaignAsync();
        var secret = await clicked.Merchant.CreateSigningSecretAsync();
        using var network = app.NewClient();

        var response = await network.SendAsync(Signing.SignedPostback(secret, Signing.PostbackQuery(clicked, "order_id=N-1001&status=approved"), signatureInQuery: signatureInQuery));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = await response.ReadJsonAsync<PostbackAnswer>();
        Assert.False(answer.Duplicate);
        Assert.Equal(NetworkStatus.Approved, answer.NetworkStatus);
        Assert.Equal(answer.Id, answer.Conversion.Id);
        Assert.Equal(ConversionSource.Postback, answer.Conversion.Source);
        Assert.Equal(ConversionStatus.Pending, answer.Conversion.Status);
        Assert.Equal(clicked.Affiliate.AffiliateId, answer.Conversion.AffiliateId);
        Assert.Equal(clicked.ClickId, answer.Conversion.ClickId);
        Assert.Equal(500, answer.Conversion.Commission);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var note = await db.AuditEntries.SingleAsync(a => a.MerchantId == clicked.Merchant.Id && a.Action == "conversion.network-status");
        Assert.Equal("N-1001", note.Subject);
        Assert.Contains("approved", note.Details);
    }

    [Fact]
    public async Task A_signed_post_to_the_conversions_api_needs_no_api_key()
    {
        var clicked = await app.ClickedCampaignAsync();
        var secret = await clicked.Merchant.CreateSigningSecretAsync();
        using var shop = app.NewClient();
        var json = ConversionBuilder.ForClick(clicked.ClickId).Order("S-1").Amount(3000).Build().ToJsonString();

        var response = await shop.SendAsync(Signing.SignedPost(secret, clicked.Merchant.Slug, json));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = await response.ReadJsonAsync<ConversionAnswer>();
        Assert.False(answer.Duplicate);
        Assert.Equal(300, answer.Conversion.Commission);
        Assert.Equal(clicked.Affiliate.AffiliateId, answer.Conversion.AffiliateId);
    }

    [Fact]
    public async Task A_postback_with_the_api_key_needs_no_signature()
    {
        var clicked = await app.ClickedCampaignAsync();
        var (api, _) = await app.ApiKeyClientAsync(clicked.Merchant.Api);

        var response = await api.GetAsync("/postback?" + Signing.PostbackQuery(clicked, "order_id=K-1&customer_ip=203.0.113.5"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(clicked.ClickId, (await response.ReadJsonAsync<PostbackAnswer>()).Conversion.ClickId);
    }

    [Fact]
    public async Task A_signature_four_minutes_old_or_ahead_is_still_accepted()
    {
        var clicked = await app.ClickedCampaignAsync();
        var secret = await clicked.Merchant.CreateSigningSecretAsync();
        using var network = app.NewClient();

        var late = await network.SendAsync(Signing.SignedPostback(secret, Signing.PostbackQuery(clicked, "order_id=L-1"), DateTimeOffset.UtcNow.AddMinutes(-4)));
        var early = await network.SendAsync(Signing.SignedPostback(secret, Signing.PostbackQuery(clicked, "order_id=L-2"), DateTimeOffset.UtcNow.AddMinutes(4)));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
    }

    [Theory]
    [InlineData("forged", "does not match")]
    [InlineData("expired", "minutes old")]
    [InlineData("future", "minutes ahead")]
    [InlineData("other merchant", "does not match")]
    [InlineData("tampered", "does not match")]
    [InlineData("no merchant", "Name the merchant")]
    [InlineData("malformed", "not of the form")]
    [InlineData("no secret", "no signing secret")]
    [InlineData("unsigned", null)]
    public async Task Refused_signatures_answer_401_with_the_reason_and_write_nothing(string kind, string? reason)
    {
        var clicked = await app.ClickedCampaignAsync();
        var secret = kind == "no secret" ? "hmac_never-made" : await clicked.Merchant.CreateSigningSecretAsync();
        var query = Signing.PostbackQuery(clicked, "order_id=R-1");
        var request = kind switch
        {
            "forged" => Signing.SignedPostback("hmac_" + new string('x', 40), query),
            "no secret" => Signing.SignedPostback(secret, query),
            "expired" => Signing.SignedPostback(secret, query, DateTimeOffset.UtcNow.AddMinutes(-6)),
            "future" => Signing.SignedPostback(secret, query, DateTimeOffset.UtcNow.AddMinutes(6)),
            "other merchant" => Signing.SignedPostback(await (await app.CreateMerchantAsync()).CreateSigningSecretAsync(), query),
            "tampered" => Tampered(Signing.SignedPostback(secret, query)),
            "no merchant" => Signing.SignedPostback(secret, query.Replace($"merchant={clicked.Merchant.Slug}&", "")),
            "malformed" => WithSignature(query, "t=123,v1=not-hex"),
            _ => new HttpRequestMessage(HttpMethod.Get, "/postback?" + query),
        };
        using var network = app.NewClient();

        var response = await network.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        if (reason is not null) Assert.Contains(reason, problem["detail"]!.GetValue<string>());
        Assert.Equal(0, (await clicked.Merchant.ConversionsAsync()).Total);
    }

    [Fact]
    public async Task A_signed_post_whose_body_changed_after_signing_is_refused()
    {
        var clicked = await app.ClickedCampaignAsync();
        var secret = await clicked.Merchant.CreateSigningSecretAsync();
        var json = ConversionBuilder.ForClick(clicked.ClickId).Order("T-1").Amount(100).Build().ToJsonString();
        var request = Signing.SignedPost(secret, clicked.Merchant.Slug, json);
        request.Content = new StringContent(json.Replace("100", "999999"), Encoding.UTF8, "application/json");
        using var shop = app.NewClient();

        var response = await shop.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await clicked.Merchant.ConversionsAsync()).Total);
    }

    [Fact]
    public async Task A_valid_signature_cannot_reach_another_merchants_campaign()
    {
        var victim = await app.ClickedCampaignAsync();
        var intruder = await app.CreateMerchantAsync();
        var secret = await intruder.CreateSigningSecretAsync();
        using var network = app.NewClient();

        var query = $"merchant={intruder.Slug}&campaign={victim.Campaign.Id}&click_id={victim.ClickId}&order_id=X-1&amount=100&currency=USD";
        var response = await network.SendAsync(Signing.SignedPostback(secret, query));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await victim.Merchant.ConversionsAsync()).Total);
    }

    [Fact]
    public async Task The_same_postback_five_times_in_a_row_and_fifty_at_once_is_one_conversion_each()
    {
        var clicked = await app.ClickedCampaignAsync();
        var secret = await clicked.Merchant.CreateSigningSecretAsync();
        using var network = app.NewClient();

        var repeats = new List<PostbackAnswer>();
        for (var i = 0; i < 5; i++)
            repeats.Add(await (await network.SendAsync(Signing.SignedPostback(secret, Signing.PostbackQuery(clicked, "order_id=D-1")))).ReadJsonAsync<PostbackAnswer>());
        var burst = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => network.SendAsync(Signing.SignedPostback(secret, Signing.PostbackQuery(clicked, "order_id=D-2")))));
        var burstAnswers = await Task.WhenAll(burst.Select(r => r.ReadJsonAsync<PostbackAnswer>()));

        Assert.Equal([false, true, true, true, true], repeats.Select(r => r.Duplicate));
        Assert.Single(repeats.Select(r => r.Id).Distinct());
        Assert.Single(burstAnswers, a => !a.Duplicate);
        Assert.Single(burstAnswers.Select(a => a.Id).Distinct());
        Assert.Equal(2, (await clicked.Merchant.ConversionsAsync()).Total);
    }

    [Theory]
    [InlineData("order_id", "", "orderId")]
    [InlineData("order_id", "%C3%28", "order_id")]
    [InlineData("order_id", "LONG", "orderId")]
    [InlineData("amount", "-1", "amount")]
    [InlineData("amount", "NaN", "amount")]
    [InlineData("amount", "4.99", "amount")]
    [InlineData("amount", "1000000000001", "amount")]
    [InlineData("currency", "XYZ", "currency")]
    [InlineData("status", "maybe", "status")]
    [InlineData("campaign", "first", "campaign")]
    [InlineData("type", "refund", "type")]
    [InlineData("customer_ip", "999.1.1.1", "customerIp")]
    [InlineData("click_id", "0123456789012345678901234567890123", "clickId")]
    public async Task Malformed_signed_postbacks_answer_400_naming_the_field_and_write_nothing(string name, string value, string field)
    {
        var clicked = await app.ClickedCampaignAsync();
        var secret = await clicked.Merchant.CreateSigningSecretAsync();
        var parameters = new Dictionary<string, string>
        {
            ["merchant"] = clicked.Merchant.Slug, ["campaign"] = clicked.Campaign.Id.ToString(), ["click_id"] = clicked.ClickId,
            ["order_id"] = "M-1", ["amount"] = "100", ["currency"] = "USD", ["status"] = "pending", ["type"] = "sale",
        };
        parameters[name] = value == "LONG" ? new string('o', 129) : value;
        using var network = app.NewClient();

        var response = await network.SendAsync(Signing.SignedPostback(secret, string.Join('&', parameters.Select(p => $"{p.Key}={p.Value}"))));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(0, (await clicked.Merchant.ConversionsAsync()).Total);
    }

    /// <summary>The amount raised after signing, as a man in the middle would.</summary>
    private static HttpRequestMessage Tampered(HttpRequestMessage signed)
    {
        signed.RequestUri = new Uri(signed.RequestUri!.OriginalString.Replace("amount=4999", "amount=499900"), UriKind.Relative);
        return signed;
    }

    private static HttpRequestMessage WithSignature(string query, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/postback?" + query);
        request.Headers.Add("X-Signature", signature);
        return request;
    }
}
