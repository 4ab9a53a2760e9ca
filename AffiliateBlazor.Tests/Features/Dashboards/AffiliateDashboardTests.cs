using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Dashboards;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Dashboards;

public class AffiliateDashboardTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();

    [Fact]
    public async Task The_affiliate_sees_its_own_links_and_earnings_but_not_another_affiliates()
    {
        var merchant = await _ui.Data.MerchantAsync(plan: "Business");
        var me = await _ui.Data.ApprovedAffiliateAsync(merchant, "Ada Partner");
        var other = await _ui.Data.ApprovedAffiliateAsync(merchant, "Bob Rival");
        await _ui.Services.GetRequiredService<CampaignService>().CreateAsync(merchant, new CampaignInput
        {
            Name = "Spring sale", PercentBasisPoints = 1000, LandingUrl = "https://shop.example/spring",
        });
        var links = _ui.Services.GetRequiredService<LinkService>();
        var mine = (await links.ListAsync(me, null, new())).Items.Single();
        var theirs = (await links.ListAsync(other, null, new())).Items.Single();
        await _ui.Services.GetRequiredService<ConversionService>().RecordAsync(merchant,
            new ConversionRequest("A-1", 12_345, "USD", mine.CampaignId), ConversionSource.Api);
        var click = await _ui.Data.ClickAsync(mine.Id);
        await _ui.Services.GetRequiredService<ConversionService>().RecordAsync(merchant,
            new ConversionRequest("A-2", 2_000, "USD", ClickId: click), ConversionSource.Api);

        _ui.SignInAs(me);
        var page = _ui.RenderInProviders<AffiliateDashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("Welcome, Ada Partner", page.Markup));
        var shownLinks = page.FindAll("[data-link]").Select(e => e.TextContent).ToList();
        Assert.Equal([$"http://localhost/t/{mine.Code}"], shownLinks);
        Assert.DoesNotContain(theirs.Code, page.Markup);
        Assert.Contains("Spring sale", page.Markup);
        Assert.Equal("1", page.Find("[data-kpi=Conversions]").TextContent);
        Assert.Equal("2.00 USD", page.Find("[data-kpi=Commission]").TextContent);
        Assert.NotEmpty(page.FindAll("button[aria-label^='Copy']"));
    }

    [Fact]
    public async Task Money_in_different_currencies_is_shown_per_currency_and_never_added_together()
    {
        var merchant = await _ui.Data.MerchantAsync(plan: "Business");
        var me = await _ui.Data.ApprovedAffiliateAsync(merchant, "Ada Partner");
        var campaigns = _ui.Services.GetRequiredService<CampaignService>();
        foreach (var currency in new[] { "USD", "EUR" })
            await campaigns.CreateAsync(merchant, new CampaignInput
            {
                Name = $"Sale in {currency}", Currency = currency, PercentBasisPoints = 1000, LandingUrl = "https://shop.example/sale",
            });
        var conversions = _ui.Services.GetRequiredService<ConversionService>();
        foreach (var (link, amount) in (await _ui.Services.GetRequiredService<LinkService>().ListAsync(me, null, new())).Items
            .Select(l => (l, l.CampaignName.EndsWith("USD") ? 10_000L : 5_000L)))
            await conversions.RecordAsync(merchant, new ConversionRequest($"order-{link.Id}", amount, ClickId: await _ui.Data.ClickAsync(link.Id)),
                ConversionSource.Api);

        _ui.SignInAs(me);
        var page = _ui.RenderInProviders<AffiliateDashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-kpi=Conversions]").TextContent));
        Assert.Equal("5.00 EUR + 10.00 USD", page.Find("[data-kpi=Commission]").TextContent);
        Assert.Equal("50.00 EUR + 100.00 USD", page.Find("[data-kpi=Revenue]").TextContent);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
