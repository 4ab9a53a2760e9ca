using System.Net;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>DESIGN §8: an address flooding the tracking addresses is told to wait, and what it is refused is not counted.</summary>
public sealed class TrackingRateLimitTests
{
    [Fact]
    public async Task An_address_over_its_budget_gets_429_with_retry_after_and_only_answered_clicks_and_impressions_are_counted()
    {
        await using var app = new AppFactory();
        app.Settings["RateLimits:TrackingPerSecondPerAddress"] = "2";
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var affiliate = await app.JoinAndApproveAsync(merchant);
        var link = await affiliate.LinkIntoAsync(campaign.Id);
        using var browser = app.NewClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++) answers.Add(await browser.GetAsync(i % 2 == 0 ? $"/t/{link.Code}" : $"/i/{link.Code}"));

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a => Assert.Equal(TimeSpan.FromSeconds(1), a.Headers.RetryAfter?.Delta));
        Assert.All(refused, a => Assert.Null(a.Headers.Location));
        var clicks = answers.Where((a, i) => i % 2 == 0 && a.StatusCode == HttpStatusCode.Redirect).Count();
        var impressions = answers.Where((a, i) => i % 2 == 1 && a.StatusCode == HttpStatusCode.OK).Count();
        Assert.Equal(12, clicks + impressions + refused.Count);
        Assert.Equal((long)clicks, await app.SqlAsync($"SELECT COUNT(*) FROM Clicks WHERE LinkId = {link.Id}"));
        Assert.Equal((long)impressions, await app.SqlAsync($"SELECT COALESCE(SUM(Impressions), 0) FROM TrafficRollups WHERE LinkId = {link.Id}"));
    }
}
