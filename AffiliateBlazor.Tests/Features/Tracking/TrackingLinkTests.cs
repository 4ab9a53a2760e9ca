using System.Net;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Tracking;

public sealed class TrackingLinkTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("doesnotexist")]
    [InlineData("AAAAAAAAAA")]
    public async Task An_unknown_link_answers_404_and_redirects_nowhere(string code)
    {
        using var browser = app.NewClient();

        var response = await browser.GetAsync($"/t/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_link_into_a_paused_campaign_answers_404_until_it_is_active_again()
    {
        var (merchant, campaign, _, link) = await app.LinkedCampaignAsync();
        Assert.NotEmpty(await app.ClickAsync(link.Code));

        var paused = CampaignInput.From(campaign) with { Status = AffiliateBlazor.Domain.CampaignStatus.Paused };
        var pause = await merchant.Api.PutJsonAsync($"/api/v1/campaigns/{campaign.Id}",
            System.Text.Json.JsonSerializer.SerializeToNode(paused, ApiJson.Options)!);
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);

        using var browser = app.NewClient();
        var response = await browser.GetAsync($"/t/{link.Code}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);

        var resume = await merchant.Api.PutJsonAsync($"/api/v1/campaigns/{campaign.Id}",
            System.Text.Json.JsonSerializer.SerializeToNode(paused with { Status = AffiliateBlazor.Domain.CampaignStatus.Active }, ApiJson.Options)!);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.NotEmpty(await app.ClickAsync(link.Code));
    }

    [Fact]
    public async Task Only_a_single_code_after_t_or_i_in_either_case_is_a_tracking_address()
    {
        var (_, _, _, link) = await app.LinkedCampaignAsync();
        using var browser = app.NewClient();

        foreach (var click in new[] { $"/t/{link.Code}", $"/T/{link.Code}" })
        {
            var redirected = await browser.GetAsync(click);
            Assert.Equal(HttpStatusCode.Found, redirected.StatusCode);
            Assert.NotNull(redirected.Headers.Location);
        }
        foreach (var pixel in new[] { $"/i/{link.Code}", $"/I/{link.Code}" })
        {
            var counted = await browser.GetAsync(pixel);
            Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
            Assert.Equal("image/gif", counted.Content.Headers.ContentType?.MediaType);
        }
        foreach (var other in new[] { $"/t/{link.Code}/more", $"/tt/{link.Code}", $"/x/{link.Code}", "/t/", "/i/" })
        {
            var response = await browser.GetAsync(other);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }
    }
}
