using System.Net;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>Suspicious conversions are recorded, priced and flagged for review with a reason, never dropped.</summary>
public sealed class FraudFlagTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("GET", "curl/8.5.0")]
    [InlineData("GET", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("HEAD", AppFactory.BrowserAgent)]
    public async Task A_conversion_from_a_bot_or_head_click_is_flagged_bot(string method, string userAgent)
    {
        var clicked = await app.ClickedCampaignAsync();
        var botClickId = await ClickAsync(clicked.Link.Code, new HttpMethod(method), userAgent);
        await AgeClickAsync(botClickId);

        var sale = (await clicked.Merchant.Api.RecordConversionAsync(ConversionBuilder.ForClick(botClickId))).Conversion;

        Assert.Equal(FraudFlags.Bot, sale.Flags);
        Assert.Contains("bot", sale.FlagReason);
        Assert.Equal(ConversionStatus.Pending, sale.Status);
        Assert.Equal(clicked.Affiliate.AffiliateId, sale.AffiliateId);
        Assert.Equal(1235, sale.Commission);
    }

    [Fact]
    public async Task The_affiliates_own_email_in_another_case_is_a_self_referral()
    {
        var clicked = await app.ClickedCampaignAsync();
        await AgeClickAsync(clicked.ClickId);

        var sale = (await clicked.Merchant.Api.RecordConversionAsync(
            ConversionBuilder.ForClick(clicked.ClickId).Set("customerEmail", " " + clicked.Affiliate.Email.ToUpperInvariant()))).Conversion;

        Assert.Equal(FraudFlags.SelfReferral, sale.Flags);
        Assert.Equal("The customer's e-mail address is the affiliate's own.", sale.FlagReason);
        Assert.Equal(1235, sale.Commission);
    }

    [Fact]
    public async Task A_buyer_ip_equal_to_the_affiliates_is_a_self_referral_by_api_and_by_postback()
    {
        var clicked = await app.ClickedCampaignAsync();
        await AgeClickAsync(clicked.ClickId);
        await SetAffiliateIpAsync(clicked.Affiliate.AffiliateId, "203.0.113.9");
        var (api, _) = await app.ApiKeyClientAsync(clicked.Merchant.Api);

        var byApi = (await api.RecordConversionAsync(ConversionBuilder.ForClick(clicked.ClickId).Set("customerIp", "203.0.113.9"))).Conversion;
        var byPostback = await api.GetAsync($"/postback?campaign={clicked.Campaign.Id}&click_id={clicked.ClickId}&order_id=F-2&amount=100&customer_ip=203.0.113.9");
        var other = (await api.RecordConversionAsync(ConversionBuilder.ForClick(clicked.ClickId).Set("customerIp", "198.51.100.20"))).Conversion;

        Assert.Equal(FraudFlags.SelfReferral, byApi.Flags);
        Assert.Equal("The customer's IP address is the one the affiliate signed up from.", byApi.FlagReason);
        Assert.Equal(FraudFlags.SelfReferral, (await byPostback.ReadJsonAsync<PostbackAnswer>()).Conversion.Flags);
        Assert.Equal(FraudFlags.None, other.Flags);
        Assert.Null(other.FlagReason);
    }

    [Fact]
    public async Task A_conversion_seconds_after_its_click_is_too_fast_and_one_a_minute_later_is_clean()
    {
        var clicked = await app.ClickedCampaignAsync();

        var hasty = (await clicked.Merchant.Api.RecordConversionAsync(ConversionBuilder.ForClick(clicked.ClickId))).Conversion;
        await AgeClickAsync(clicked.ClickId);
        var calm = (await clicked.Merchant.Api.RecordConversionAsync(ConversionBuilder.ForClick(clicked.ClickId))).Conversion;

        Assert.Equal(FraudFlags.TooFastAfterClick, hasty.Flags);
        Assert.Matches(@"^It arrived \d+ seconds? after its click; a person takes at least 10 to buy\.$", hasty.FlagReason);
        Assert.Equal(FraudFlags.None, calm.Flags);
        Assert.Equal(2, (await clicked.Merchant.ConversionsAsync()).Total);
    }

    [Fact]
    public void Every_rule_that_applies_adds_its_flag_and_its_reason()
    {
        var now = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        var evidence = new ConversionEvidence(new ClickEvidence(now.AddSeconds(-3), IsBillable: false), now, TimeSpan.FromSeconds(10),
            CustomerEmailHash: "e", CustomerIpHash: "i", AffiliateEmailHash: "e", AffiliateIpHash: "i");

        var verdict = FraudRules.Assess(evidence);

        Assert.Equal(FraudFlags.Bot | FraudFlags.SelfReferral | FraudFlags.TooFastAfterClick, verdict.Flags);
        Assert.Contains("bot", verdict.Reason);
        Assert.Contains("e-mail address is the affiliate's own", verdict.Reason);
        Assert.Contains("IP address", verdict.Reason);
        Assert.Contains("3 seconds after its click", verdict.Reason);
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("e", null, null, "i")]
    [InlineData(null, "i", "e", null)]
    [InlineData("e1", "i1", "e2", "i2")]
    public void Missing_or_different_hashes_are_no_self_referral(string? customerEmail, string? customerIp, string? affiliateEmail, string? affiliateIp)
    {
        var now = DateTime.UtcNow;
        var verdict = FraudRules.Assess(new ConversionEvidence(new ClickEvidence(now.AddMinutes(-5), true), now, TimeSpan.FromSeconds(10),
            customerEmail, customerIp, affiliateEmail, affiliateIp));

        Assert.Same(FraudVerdict.Clean, verdict);
    }

    [Fact]
    public void Without_a_click_only_the_self_referral_rules_can_apply() =>
        Assert.Equal(FraudVerdict.Clean, FraudRules.Assess(new ConversionEvidence(null, DateTime.UtcNow, TimeSpan.FromSeconds(10), null, null, null, null)));

    private async Task<string> ClickAsync(string code, HttpMethod method, string userAgent)
    {
        using var client = app.NewClient();
        using var request = new HttpRequestMessage(method, $"/t/{code}");
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query)["click_id"]!;
    }

    /// <summary>Moves the click a minute into the past, so the conversion is not "too fast" and only the rule under test speaks.</summary>
    private async Task AgeClickAsync(string clickId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var at = DateTime.UtcNow.AddMinutes(-1);
        Assert.Equal(1, await db.Clicks.Where(c => c.PublicId == clickId).ExecuteUpdateAsync(s => s.SetProperty(c => c.At, at)));
    }

    private async Task SetAffiliateIpAsync(int affiliateId, string ip)
    {
        var hash = app.Services.GetRequiredService<VisitorPrivacy>().HashIp(IPAddress.Parse(ip));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await db.Affiliates.Where(a => a.Id == affiliateId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IpHash, hash));
    }
}
