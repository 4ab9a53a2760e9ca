using System.Net;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>An address flooding the tracking addresses is told to wait, and what it is refused is not counted.</summary>
public sealed class TrackingRateLimitTests
{
    [Fact]
    public async Task An_address_over_its_budget_gets_429_with_retry_after_and_only_answered_clicks_and_impressions_are_counted()
    {
        await using var app = new AppFactory();
        app.Settings["RateLimits:TrackingPerSecondPerAddress"] = "1";
        var link = (await app.LinkedCampaignAsync()).Link;
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

    [Fact]
    public void An_ipv6_subscriber_shares_one_budget_across_its_64_block_and_a_mapped_ipv4_address_is_the_same_visitor()
    {
        var limit = new TrackingRateLimit(OnePerSecond, new FakeTimeProvider());

        Assert.True(limit.Allows(IPAddress.Parse("2001:db8:1:2::a")));
        Assert.True(limit.Allows(IPAddress.Parse("2001:db8:1:2::b")));
        Assert.False(limit.Allows(IPAddress.Parse("2001:db8:1:2:ffff::c")));
        Assert.True(limit.Allows(IPAddress.Parse("2001:db8:1:3::a")));

        Assert.True(limit.Allows(IPAddress.Parse("203.0.113.9")));
        Assert.True(limit.Allows(IPAddress.Parse("::ffff:203.0.113.9")));
        Assert.False(limit.Allows(IPAddress.Parse("203.0.113.9")));
    }

    [Fact]
    public void A_budget_refills_with_time_one_request_per_share_of_a_second_up_to_the_burst()
    {
        var clock = new FakeTimeProvider();
        var limit = new TrackingRateLimit(OnePerSecond, clock);
        var visitor = IPAddress.Parse("198.51.100.7");

        Assert.True(limit.Allows(visitor));
        Assert.True(limit.Allows(visitor));
        Assert.False(limit.Allows(visitor));

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(limit.Allows(visitor));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limit.Allows(visitor));
        Assert.False(limit.Allows(visitor));

        // Idle for long, through the sweeps that forget full buckets: the burst again, never more.
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(limit.Allows(visitor));
        Assert.True(limit.Allows(visitor));
        Assert.False(limit.Allows(visitor));
    }

    private static readonly IConfiguration OnePerSecond =
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimits:TrackingPerSecondPerAddress"] = "1" }).Build();
}
