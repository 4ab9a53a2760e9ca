using System.Net;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Conversions;

/// <summary>The transactions list's filters, one conversion's details, and the list exported with the same filters.</summary>
public sealed class ConversionListTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_list_filters_by_affiliate_source_review_flag_and_status()
    {
        var program = await PayableProgram.CreateAsync(app);
        var (ada, bob) = (await program.JoinAsync(), await program.JoinAsync());
        var tracked = await program.PendingSaleAsync(ada);
        var approved = await program.ApprovedSaleAsync(bob);
        var manual = (await program.Merchant.Api.AddManualTransactionAsync(ConversionBuilder.Manual(program.Campaign.Id, bob.AffiliateId))).Id;

        async Task<long[]> IdsAsync(string query) =>
            (await program.Merchant.Api.GetJsonAsync<Page<ConversionView>>($"/api/v1/conversions?pageSize=200&{query}")).Items.Select(c => c.Id).Order().ToArray();

        Assert.Equal([approved, manual], await IdsAsync($"affiliateId={bob.AffiliateId}"));
        Assert.Equal([manual], await IdsAsync("source=Manual"));
        Assert.Equal([approved], await IdsAsync($"affiliateId={bob.AffiliateId}&status=Approved"));
        // Conversions seconds after their click are held for review; the manual one names no click.
        Assert.Equal([tracked, approved], await IdsAsync("flagged=true"));
        Assert.Equal([manual], await IdsAsync("flagged=false"));
    }

    [Fact]
    public async Task The_details_show_the_click_the_ledger_with_its_payout_and_the_history()
    {
        var (merchant, campaign, affiliate, link) = await app.LinkedCampaignAsync();
        var clickId = await app.ClickAsync(link.Code + "?sub1=newsletter&sub3=spring");
        var sale = await merchant.Api.RecordConversionAsync(ConversionBuilder.ForClick(clickId));
        await merchant.ApproveConversionAsync(sale.Id);
        var payout = Assert.Single(await merchant.PayEverythingAsync());

        var details = await merchant.Api.GetJsonAsync<ConversionDetails>($"/api/v1/conversions/{sale.Id}/details");

        Assert.Equal(("newsletter", (string?)null, "spring"), (details.Click!.Sub1, details.Click.Sub2, details.Click.Sub3));
        Assert.Equal("click_id", details.Conversion.AttributionReason);
        Assert.StartsWith("CPS: 10% of 123.45 USD", details.Conversion.CommissionBasis);
        var line = Assert.Single(details.Lines);
        Assert.Equal((CommissionLineStatus.Approved, 1_235L, (int?)payout.Id), (line.Status, line.Amount, line.PayoutId));
        var history = Assert.Single(details.Audit);
        Assert.Equal(("conversion.approved", merchant.Email), (history.Action, history.By));
        var other = await app.CreateMerchantAsync();
        await (await other.Api.GetAsync($"/api/v1/conversions/{sale.Id}/details")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_export_holds_the_filtered_list_as_xlsx_or_csv_and_only_for_the_merchant()
    {
        var program = await PayableProgram.CreateAsync(app);
        var (ada, bob) = (await program.JoinAsync("Ada"), await program.JoinAsync("=Bob"));
        await program.PendingSaleAsync(ada, 10_000, orderId: "007");
        await program.ApprovedSaleAsync(bob, 20_000, orderId: "B-1");

        var csv = ExportFiles.CsvRows(await program.Merchant.Api.GetByteArrayAsync($"/api/v1/conversions/export?format=csv&affiliateId={bob.AffiliateId}"));
        var xlsx = await program.Merchant.Api.GetByteArrayAsync("/api/v1/conversions/export?format=xlsx&status=Pending");

        Assert.Equal(2, csv.Count);
        Assert.Equal(("'=Bob", "B-1", "200.00", "20.00", "Approved"), (csv[1][3], csv[1][4], csv[1][7], csv[1][8], csv[1][10]));
        using var workbook = ExportFiles.Workbook(xlsx);
        var sheet = workbook.Worksheet("Conversions");
        Assert.Equal(("Ada", "007", 100.0), (sheet.Cell(2, 4).GetString(), sheet.Cell(2, 5).GetString(), sheet.Cell(2, 8).GetDouble()));
        Assert.True(sheet.Cell(3, 1).IsEmpty());
        await (await ada.Api.GetAsync("/api/v1/conversions/export?format=csv")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("format", (await (await program.Merchant.Api.GetAsync("/api/v1/conversions/export?format=pdf")).AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }
}
