using System.Net;
using AffiliateBlazor.Data;
using AffiliateBlazor.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>Sub-ids are the affiliate's labels in reports: malformed ones are refused and nothing is counted.</summary>
public sealed class ClickInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("sub1=%00")]
    [InlineData("sub2=a%0Ab")]
    [InlineData("sub3=%C3%28")]
    [InlineData("sub4=%FF")]
    [InlineData("sub5=%7F")]
    public async Task A_malformed_sub_id_answers_400_and_counts_no_click(string query)
    {
        var clicked = await app.ClickedCampaignAsync();
        var before = await ClicksAsync(clicked.Link.Id);
        using var visitor = app.NewClient();

        var response = await visitor.GetAsync($"/t/{clicked.Link.Code}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, await ClicksAsync(clicked.Link.Id));
    }

    [Fact]
    public async Task A_sub_id_over_100_characters_is_refused_and_one_of_100_is_kept()
    {
        var clicked = await app.ClickedCampaignAsync();
        using var visitor = app.NewClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync($"/t/{clicked.Link.Code}?sub1={new string('a', 101)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/t/{clicked.Link.Code}?sub1={new string('a', 100)}")).StatusCode);
    }

    [Fact]
    public async Task Sub_ids_in_any_script_and_a_referrer_of_the_longest_kept_length_are_stored_as_sent()
    {
        var clicked = await app.ClickedCampaignAsync();
        using var visitor = app.NewClient();
        // Beyond the ASCII range, a character outside the Basic Multilingual Plane (two UTF-16 units), and a referrer
        // long enough that its UTF-8 does not fit the writer's stack buffer.
        string[] subs = ["Frühling-Ä", "春のセール", "🎉-launch", "ёлка", "a+b=c&d"];
        var referrer = "https://blog.example/" + new string('r', 512 - "https://blog.example/".Length);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/t/{clicked.Link.Code}?" + string.Join('&', subs.Select((sub, i) => $"sub{i + 1}={Uri.EscapeDataString(sub)}")));
        request.Headers.Referrer = new Uri(referrer);
        request.Headers.UserAgent.ParseAdd(AppFactory.BrowserAgent);

        var response = await visitor.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var stored = await db.Clicks.Where(c => c.LinkId == clicked.Link.Id).OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal(subs, new[] { stored.Sub1, stored.Sub2, stored.Sub3, stored.Sub4, stored.Sub5 });
        Assert.Equal(referrer, stored.Referrer);
        Assert.Equal(AppFactory.BrowserAgent, stored.UserAgent);
    }

    private async Task<int> ClicksAsync(int linkId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Clicks.CountAsync(c => c.LinkId == linkId);
    }
}
