using AffiliateBlazor.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AffiliateBlazor.Tests.Browser;

/// <summary>
/// Signing in and out through the pages. Identity's SignInManager finds the request through the request's own scope
/// (ScopedHttpContext), not through IHttpContextAccessor, which is left unregistered for the tracking path's sake.
/// </summary>
public sealed class SignInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_merchant_is_refused_a_wrong_password_then_signs_in_and_out()
    {
        var merchant = await browser.App.CreateMerchantAsync();
        var page = await browser.NewPersonAsync();
        await page.GotoAsync("Account/Login");

        await LogInAsync(page, merchant.Email, "Not-the-password-1");
        await Assertions.Expect(page.GetByText("Invalid login attempt")).ToBeVisibleAsync();

        await LogInAsync(page, merchant.Email, AppFactory.UserPassword);
        await Assertions.Expect(page.GetByText(merchant.Email, new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Toolbar).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(merchant.Email, new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public void No_http_context_accessor_is_registered_so_the_host_reuses_each_connections_context()
    {
        // Any registered accessor makes the host build a new HttpContext for every request, clicks included.
        Assert.Null(browser.App.Services.GetService<IHttpContextAccessor>());
    }

    private static async Task LogInAsync(IPage page, string email, string password)
    {
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }
}
