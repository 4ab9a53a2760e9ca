using System.Net;
using System.Text.RegularExpressions;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace AffiliateBlazor.Tests.Browser;

/// <summary>
/// The JavaScript snippet on a merchant's own site, in a real browser: the shop runs on a second origin, pastes the
/// code the tracking page shows, and reports the sale from a checkout page whose address carries no click id.
/// </summary>
public sealed partial class ShopCheckoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_checkout_on_the_shops_origin_is_attributed_to_the_affiliates_click_kept_by_the_snippet()
    {
        await using var shop = await MerchantShop.StartAsync();
        var merchant = await browser.App.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps().Landing(shop.Address("landing?ref=ad")));
        shop.Snippets = IntegrationSnippets.For(browser.BaseUrl.ToString(), campaign, merchant.Slug);
        var affiliate = await browser.App.JoinAndApproveAsync(merchant);
        var link = await affiliate.LinkIntoAsync(campaign.Id);

        // A person's browser: Chromium's headless user agent would (rightly) make the click a bot's.
        await using var visitor = await browser.Browser.NewContextAsync(new() { UserAgent = AppFactory.BrowserAgent });
        var page = await visitor.NewPageAsync();
        await page.GotoAsync(new Uri(browser.BaseUrl, $"t/{link.Code}").ToString());
        Assert.StartsWith(shop.Address("landing?ref=ad&click_id="), page.Url);
        var clickId = ClickIdInAddress().Match(page.Url).Groups[1].Value;
        await page.WaitForFunctionAsync($"document.cookie.includes('ab_click_{campaign.PublicKey}={clickId}')");
        // Cookies ignore ports, so the tracker's own cookie is visible on this loopback shop too; on a real site it is
        // third-party and often blocked. Dropping it leaves the snippet's first-party cookie as the only carrier.
        await visitor.ClearCookiesAsync(new() { Name = TrackingEndpoints.CampaignCookie(campaign.PublicKey) });

        var pixel = page.WaitForResponseAsync(response => response.Url.Contains($"/px/{campaign.PublicKey}?"));
        await page.GotoAsync(shop.Address("checkout"));
        var pixelAnswer = await pixel;

        Assert.Equal(200, pixelAnswer.Status);
        Assert.DoesNotContain("click_id", page.Url);
        var sale = Assert.Single((await merchant.ConversionsAsync()).Items);
        Assert.Equal("SHOP-1001", sale.OrderId);
        Assert.Equal(ConversionSource.Pixel, sale.Source);
        Assert.Equal(ConversionStatus.Pending, sale.Status);
        Assert.Equal("click_id", sale.AttributionReason);
        Assert.Equal(affiliate.AffiliateId, sale.AffiliateId);
        Assert.Equal(clickId, sale.ClickId);
        Assert.Equal(4999, sale.Amount);
        Assert.Equal(500, sale.Commission);
        Assert.False(sale.Flags.HasFlag(FraudFlags.Bot) || sale.Flags.HasFlag(FraudFlags.SelfReferral), sale.FlagReason);
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(link.Id, await db.Clicks.Where(c => c.PublicId == clickId).Select(c => c.LinkId).SingleAsync());
    }

    [GeneratedRegex("[?&]click_id=([^&]+)")]
    private static partial Regex ClickIdInAddress();

    /// <summary>A merchant's shop on its own loopback port, its pages carrying the snippets exactly as the tracking page shows them.</summary>
    private sealed class MerchantShop : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private MerchantShop(WebApplication app)
        {
            _app = app;
            app.MapGet("/landing", () => Page("Spring shoes", "<p>Our shoes.</p>"));
            app.MapGet("/checkout", () => Page("Thank you for your order", CheckoutCall()));
        }

        public IntegrationSnippets? Snippets { get; set; }

        public static async Task<MerchantShop> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var shop = new MerchantShop(builder.Build());
            await shop._app.StartAsync();
            return shop;
        }

        public string Address(string pathAndQuery) => _app.Urls.First() + "/" + pathAndQuery;

        private IResult Page(string title, string body) => Results.Content($"""
            <!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
            {Snippets!.ScriptTags}
            </head><body><h1>{title}</h1>
            {body}
            </body></html>
            """, "text/html");

        /// <summary>The confirmation page's call as the tracking page shows it, with this order's figures filled in.</summary>
        private string CheckoutCall() =>
            Snippets!.CheckoutCall.Replace("ORDER_ID", "SHOP-1001").Replace("AMOUNT_IN_CENTS", "4999").Replace("COUPON_OR_EMPTY", "");

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
