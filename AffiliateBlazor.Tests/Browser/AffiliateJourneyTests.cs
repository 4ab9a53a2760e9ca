using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AffiliateBlazor.Tests.Support;
using Microsoft.Playwright;

namespace AffiliateBlazor.Tests.Browser;

/// <summary>The first journey, in a real browser: sign-up, campaign, join, approval, click, conversion, dashboard.</summary>
public sealed class AffiliateJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "Journey-pass-1!";

    [Fact]
    public async Task A_sale_through_an_approved_affiliates_link_shows_on_its_dashboard()
    {
        var merchant = await browser.NewPersonAsync();
        await SignUpMerchantAsync(merchant);
        var landing = new Uri(browser.BaseUrl, "health?from=shop").ToString();
        await CreateCampaignAsync(merchant, "Spring sale", rate: "10", landing);
        await BrowserFixture.OpenAsync(merchant, "merchant");
        var joinUrl = await merchant.Locator("[data-join-url]").InnerTextAsync();

        var affiliate = await browser.NewPersonAsync();
        await affiliate.GotoAsync(joinUrl);
        await affiliate.FillAsync("#Input\\.Name", "Ada Partner");
        await affiliate.FillAsync("#Input\\.Email", $"{AppFactory.Unique("ada")}@journey.example");
        await affiliate.FillAsync("#Input\\.Password", Password);
        await affiliate.ClickAsync("button[type=submit]");
        await affiliate.WaitForURLAsync("**/affiliate");
        await Assertions.Expect(affiliate.Locator("[data-program-status]")).ToHaveTextAsync("Pending");

        await BrowserFixture.OpenAsync(merchant, "merchant/affiliates");
        await merchant.ClickAsync("[data-action=approve]");
        await Assertions.Expect(merchant.GetByText("Ada Partner is approved")).ToBeVisibleAsync();

        await BrowserFixture.OpenAsync(affiliate, "affiliate");
        var link = await affiliate.Locator("[data-link]").First.InnerTextAsync();
        await affiliate.GotoAsync(link);
        var clickId = Regex.Match(affiliate.Url, "[?&]click_id=([^&]+)").Groups[1].Value;
        Assert.StartsWith(landing, affiliate.Url);
        Assert.NotEmpty(clickId);

        var apiKey = await CreateApiKeyAsync(merchant);
        using var shop = new HttpClient { BaseAddress = browser.BaseUrl };
        shop.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var posted = await shop.PostAsJsonAsync("api/v1/conversions", new { clickId, orderId = "SO-1001", amount = 4_999, currency = "USD" });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        await BrowserFixture.OpenAsync(affiliate, "affiliate");
        await Assertions.Expect(affiliate.Locator("[data-kpi=Conversions]")).ToHaveTextAsync("1");
        await Assertions.Expect(affiliate.Locator("[data-kpi=Commission]")).ToHaveTextAsync("5.00 USD");
    }

    private static async Task SignUpMerchantAsync(IPage page)
    {
        await page.GotoAsync("Account/Register");
        await page.FillAsync("#Input\\.Company", "Journey Shop");
        await page.FillAsync("#Input\\.Website", "https://journey-shop.example");
        await page.FillAsync("#Input\\.Email", $"{AppFactory.Unique("owner")}@journey.example");
        await page.FillAsync("#Input\\.Password", Password);
        await page.FillAsync("#Input\\.ConfirmPassword", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/merchant");
    }

    private static async Task CreateCampaignAsync(IPage page, string name, string rate, string landing)
    {
        await BrowserFixture.OpenAsync(page, "merchant/campaigns");
        await page.ClickAsync("[data-action=new-campaign]");
        await page.FillAsync("input[data-field=name]", name);
        await page.FillAsync("input[data-field=rate]", rate);
        await page.FillAsync("input[data-field=landingUrl]", landing);
        await page.ClickAsync("[data-action=save]");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true })).ToBeVisibleAsync();
    }

    private static async Task<string> CreateApiKeyAsync(IPage page)
    {
        await BrowserFixture.OpenAsync(page, "settings/api-keys");
        await page.FillAsync("input[data-field=key-name]", "Checkout");
        await page.ClickAsync("[data-action=create-key]");
        return await page.Locator("[data-secret]").InnerTextAsync();
    }
}
