using AffiliateBlazor.Features.Dashboards;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Creatives;

public class AffiliateBannersTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();

    [Fact]
    public async Task The_dashboard_shows_each_banner_of_the_affiliates_campaigns_with_its_embed_code()
    {
        var merchant = await _ui.Data.MerchantAsync(plan: "Business");
        var me = await _ui.Data.ApprovedAffiliateAsync(merchant, "Ada Partner");
        var campaign = await _ui.CampaignAsync(merchant);
        var banner = await _ui.BannerAsync(merchant, campaign.Id, "Spring \"50%\" <b>sale</b>", TestBanners.Gif);
        var stranger = await _ui.Data.MerchantAsync();
        await _ui.BannerAsync(stranger, (await _ui.CampaignAsync(stranger, "Not yours")).Id, "Someone else's banner");
        var link = (await _ui.Services.GetRequiredService<LinkService>().ListAsync(me, null, new())).Items.Single();

        _ui.SignInAs(me);
        var page = _ui.RenderInProviders<AffiliateDashboardPage>();

        var expected = $"""<a href="http://localhost/t/{link.Code}?cr={banner.Id}"><img src="http://localhost/b/{link.Code}/{banner.Id}" width="4" height="3" alt="Spring &quot;50%&quot; &lt;b&gt;sale&lt;/b&gt;"></a>""";
        page.WaitForAssertion(() => Assert.Equal([expected], page.FindAll("[data-embed]").Select(e => e.TextContent)));
        Assert.Single(page.FindAll($"button[aria-label='Copy {expected.Replace("'", "\\'")}']"));
        Assert.DoesNotContain("Someone else's banner", page.Markup);
        // The merchant's text stays text: no element was made from the banner's name.
        Assert.Empty(page.FindAll("[data-table=banners] b"));
        Assert.Equal($"creatives/{banner.Id}/preview", page.Find("[data-table=banners] img").GetAttribute("src"));
    }

    [Fact]
    public async Task Without_banners_the_section_says_where_they_come_from()
    {
        var merchant = await _ui.Data.MerchantAsync();
        var me = await _ui.Data.ApprovedAffiliateAsync(merchant);
        await _ui.CampaignAsync(merchant);

        _ui.SignInAs(me);
        var page = _ui.RenderInProviders<AffiliateDashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("No banners yet", page.Markup));
        Assert.Empty(page.FindAll("[data-embed]"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
