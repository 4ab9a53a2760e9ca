using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>The merchant's tracking page: snippets for the chosen campaign, the signing secret, a test conversion.</summary>
public sealed class TrackingPageTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();

    [Fact]
    public async Task The_page_shows_the_campaigns_snippet_makes_the_secret_once_and_sends_an_attributed_test_conversion()
    {
        var merchant = await _ui.Data.MerchantAsync();
        var affiliate = await _ui.Data.ApprovedAffiliateAsync(merchant, "Ada Partner");
        var campaign = await _ui.Services.GetRequiredService<CampaignService>().CreateAsync(merchant,
            new CampaignInput { Name = "Spring sale", PercentBasisPoints = 1000, LandingUrl = "https://shop.example/spring" });
        var link = (await _ui.Services.GetRequiredService<LinkService>().ListAsync(affiliate, null, new())).Items.Single();
        var click = await _ui.Services.GetRequiredService<TrafficRecorder>()
            .RecordClickAsync(link.Code, new("ip", AppFactory.BrowserAgent, null, false, null, new string?[5]));

        _ui.SignInAs(merchant);
        var page = _ui.RenderInProviders<TrackingPage>();

        page.WaitForAssertion(() => Assert.Contains($"data-campaign=\"{campaign.PublicKey}\"", page.Find("[data-snippet=script]").TextContent));
        Assert.Contains("src=\"http://localhost/js/aff.js\"", page.Find("[data-snippet=script]").TextContent);
        Assert.Contains("affiliateBlazor.conversion({ orderId: \"ORDER_ID\"", page.Find("[data-snippet=checkout]").TextContent);

        Assert.Equal("No secret yet: signed calls are refused.", page.Find("[data-secret-state]").TextContent);
        page.Find("[data-action=rotate-secret]").Click();
        page.WaitForAssertion(() => Assert.StartsWith("hmac_", page.Find("[data-signing-secret]").TextContent));
        Assert.Equal("A secret is set.", page.Find("[data-secret-state]").TextContent);
        var first = page.Find("[data-signing-secret]").TextContent;
        page.Find("[data-action=rotate-secret]").Click();
        page.WaitForAssertion(() => page.FindAll("button").Single(b => b.TextContent.Contains("keep the old one a day")).Click());
        page.WaitForAssertion(() => Assert.NotEqual(first, page.Find("[data-signing-secret]").TextContent));
        Assert.StartsWith("The previous secret is still accepted until", page.Find("[data-previous-secret]").TextContent);

        page.Find("input[data-field=test-click-id]").Change(click!.PublicId);
        page.Find("[data-action=send-test]").Click();
        page.WaitForAssertion(() => Assert.Contains("Attributed to Ada Partner.", page.Find("[data-test-result]").TextContent));
        Assert.Equal("click_id", page.Find("[data-test-attribution]").TextContent);
        Assert.Equal("5.00 USD", page.Find("[data-test-commission]").TextContent);
        var sent = Assert.Single((await _ui.Services.GetRequiredService<ConversionService>().ListAsync(merchant, new(), new())).Items);
        Assert.StartsWith(TrackedConversionService.TestOrderPrefix, sent.OrderId);
        Assert.Equal((ConversionSource.Test, ConversionStatus.Pending), (sent.Source, sent.Status));
        Assert.True(sent.Flags.HasFlag(FraudFlags.Test));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
