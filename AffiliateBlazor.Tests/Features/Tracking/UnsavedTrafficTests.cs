using System.Net;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>A click is acknowledged only once it is saved: when the database refuses it, the visitor is not sent on.</summary>
public sealed class UnsavedTrafficTests
{
    [Fact]
    public async Task A_click_the_database_cannot_take_answers_503_with_no_redirect_and_clicks_are_saved_again_once_it_can()
    {
        await using var app = new AppFactory();
        var link = (await app.LinkedCampaignAsync()).Link;
        await app.ClickAsync(link.Code);

        // The click row goes in, then its rollup fails: the whole batch must go.
        await app.SqlAsync("ALTER TABLE TrafficRollups RENAME TO RollupsAway");
        using var browser = app.NewClient();
        var refused = await browser.GetAsync($"/t/{link.Code}");
        await app.SqlAsync("ALTER TABLE RollupsAway RENAME TO TrafficRollups");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        await app.ClickAsync(link.Code);
        Assert.Equal(2L, await app.SqlAsync($"SELECT COUNT(*) FROM Clicks WHERE LinkId = {link.Id}"));
        Assert.Equal(2L, await app.SqlAsync($"SELECT SUM(Clicks) FROM TrafficRollups WHERE LinkId = {link.Id}"));
    }

    [Fact]
    public async Task A_visitor_whose_first_click_was_refused_still_counts_as_unique_on_the_retry()
    {
        // On a real socket, so the visitor has an address and uniqueness applies.
        await using var app = new AppFactory();
        var server = app.StartOnLoopback();
        var link = (await app.LinkedCampaignAsync()).Link;
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server };
        visitor.DefaultRequestHeaders.UserAgent.ParseAdd(AppFactory.BrowserAgent);

        await app.SqlAsync("ALTER TABLE TrafficRollups RENAME TO RollupsAway");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await visitor.GetAsync($"/t/{link.Code}")).StatusCode);
        await app.SqlAsync("ALTER TABLE RollupsAway RENAME TO TrafficRollups");
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/t/{link.Code}")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/t/{link.Code}")).StatusCode);

        Assert.Equal(2L, await app.SqlAsync($"SELECT SUM(Clicks) FROM TrafficRollups WHERE LinkId = {link.Id}"));
        Assert.Equal(1L, await app.SqlAsync($"SELECT SUM(UniqueClicks) FROM TrafficRollups WHERE LinkId = {link.Id}"));
        Assert.Equal(1L, await app.SqlAsync($"SELECT COUNT(*) FROM Clicks WHERE LinkId = {link.Id} AND IsUnique"));
    }

    [Fact]
    public async Task A_database_that_stays_broken_is_logged_once_not_once_per_batch()
    {
        await using var app = new AppFactory();
        var link = (await app.LinkedCampaignAsync()).Link;
        await app.SqlAsync("ALTER TABLE TrafficRollups RENAME TO RollupsAway");
        using var browser = app.NewClient();

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync($"/t/{link.Code}")).StatusCode);

        var logged = Assert.Single(app.Errors.Entries, e => e.Category.EndsWith(nameof(AffiliateBlazor.Features.Tracking.TrackingWriter)));
        Assert.Contains("no such table", logged.Exception?.Message);
    }
}
