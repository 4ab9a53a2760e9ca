using System.Net;
using System.Text.Json.Nodes;
using AffiliateBlazor.Tests.Support;
using Microsoft.Playwright;

namespace AffiliateBlazor.Tests.Browser;

/// <summary>The money cycle in a real browser: approve, prepare, mark paid, export, and the affiliate sees it paid.</summary>
public sealed class PayoutJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_merchant_pays_approved_commission_and_the_affiliate_sees_the_paid_balance()
    {
        var program = await PayableProgram.CreateAsync(browser.App);
        var affiliate = await program.JoinAsync("Paula Partner");
        var method = await affiliate.Api.PutJsonAsync("/api/v1/me/payout-method",
            new JsonObject { ["merchantId"] = program.Merchant.Id, ["kind"] = "PayPal", ["email"] = "paula@paypal.example" });
        Assert.Equal(HttpStatusCode.OK, method.StatusCode);
        await program.PendingSaleAsync(affiliate, 12_345);
        await program.PendingSaleAsync(affiliate, 20_000);

        var merchant = await browser.NewPersonAsync();
        await BrowserFixture.SignInAsync(merchant, program.Merchant.Email, AppFactory.UserPassword);
        await BrowserFixture.OpenAsync(merchant, "merchant/conversions");
        await merchant.GetByRole(AriaRole.Checkbox).First.CheckAsync();
        await merchant.ClickAsync("[data-action=bulk-approve]");
        await Assertions.Expect(merchant.GetByText("2 conversion(s) approved.")).ToBeVisibleAsync();

        await BrowserFixture.OpenAsync(merchant, "merchant/payouts");
        await merchant.ClickAsync("[data-action=prepare]");
        var candidate = merchant.Locator("[data-table=candidates] tbody tr");
        await Assertions.Expect(candidate).ToContainTextAsync("Paula Partner");
        await Assertions.Expect(candidate).ToContainTextAsync("32.35 USD");
        await Assertions.Expect(candidate).ToContainTextAsync("PayPal: paula@paypal.example");
        await merchant.ClickAsync("[data-action=save]");
        await Assertions.Expect(merchant.GetByText("1 payout(s) prepared.")).ToBeVisibleAsync();
        var row = merchant.Locator("[data-table=payouts] tbody tr", new() { HasText = "Paula Partner" });
        await Assertions.Expect(row.Locator("[data-status]")).ToHaveTextAsync("Pending");

        await row.Locator("[data-action=paid]").ClickAsync();
        await merchant.FillAsync("input[data-field=reference]", "PAYPAL-5521");
        await merchant.ClickAsync(".mud-dialog [data-action=save]");
        await Assertions.Expect(merchant.GetByText("1 payout(s) marked paid.")).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("[data-status]")).ToHaveTextAsync("Approved");
        await Assertions.Expect(row).ToContainTextAsync("PAYPAL-5521");

        await merchant.ClickAsync("[data-action=export]");
        var download = await merchant.RunAndWaitForDownloadAsync(() => merchant.ClickAsync("[data-export='Spreadsheet (XLSX)']"));
        Assert.Matches($"^{program.Merchant.Slug}-payouts-until-\\d{{8}}\\.xlsx$", download.SuggestedFilename);
        using (var workbook = ExportFiles.Workbook(await File.ReadAllBytesAsync(await download.PathAsync())))
        {
            var sheet = workbook.Worksheet("Payouts");
            Assert.Equal(("Paula Partner", 32.35, "Approved", "PAYPAL-5521"),
                (sheet.Cell(2, 3).GetString(), sheet.Cell(2, 7).GetDouble(), sheet.Cell(2, 10).GetString(), sheet.Cell(2, 12).GetString()));
            Assert.Equal(2, workbook.Worksheet("Lines").RowsUsed().Count() - 1);
        }

        var partner = await browser.NewPersonAsync();
        await BrowserFixture.SignInAsync(partner, affiliate.Email, AppFactory.UserPassword);
        await BrowserFixture.OpenAsync(partner, "affiliate/payouts");
        await Assertions.Expect(partner.Locator("[data-table=balances] [data-paid]")).ToHaveTextAsync("32.35 USD");
        await Assertions.Expect(partner.Locator("[data-table=balances] [data-approved]")).ToHaveTextAsync("0.00 USD");
        await Assertions.Expect(partner.Locator("[data-table=payouts] tbody tr").First).ToContainTextAsync("PAYPAL-5521");
        await Assertions.Expect(partner.Locator("[data-method]")).ToHaveTextAsync("PayPal: paula@paypal.example");
    }
}
