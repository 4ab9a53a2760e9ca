using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using AffiliateBlazor.Features.Payouts;
using AffiliateBlazor.Tests.Support;
using ClosedXML.Excel;

namespace AffiliateBlazor.Tests.Features.Payouts;

/// <summary>Payout exports through the API, each read back field by field as the program that imports it would.</summary>
public sealed class PayoutExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Injection = "=HYPERLINK(\"http://evil.example\",\"Pay me\")";

    [Fact]
    public async Task The_workbook_has_a_payouts_sheet_and_a_lines_sheet_read_back_cell_by_cell()
    {
        var program = await PayableProgram.CreateAsync(app);
        var affiliate = await program.JoinAsync(Injection);
        await SetMethodAsync(program, affiliate, new JsonObject { ["kind"] = "Other", ["details"] = "-1+1 cheque to 1 Main St" });
        var first = await program.ApprovedSaleAsync(affiliate, 12_345, orderId: "00123");
        await program.ApprovedSaleAsync(affiliate, 20_000, orderId: "@SUM(A1)");
        var payout = Assert.Single(await program.Merchant.PayEverythingAsync());

        var response = await program.Merchant.Api.GetAsync("/api/v1/payouts/export?format=xlsx");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches($"^{program.Merchant.Slug}-payouts-until-\\d{{8}}\\.xlsx$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var xlsx = await response.Content.ReadAsByteArrayAsync();
        using var workbook = ExportFiles.Workbook(xlsx);
        var payouts = workbook.Worksheet("Payouts");
        Assert.Equal(["Payout", "Merchant", "Affiliate", "E-mail", "Method", "Payment details", "Amount", "Currency", "Lines", "Status", "Prepared", "Reference", "Paid on", "Return reason"],
            Enumerable.Range(1, 14).Select(c => payouts.Cell(1, c).GetString()));
        Assert.Equal(payout.Id, payouts.Cell(2, 1).GetValue<int>());
        Assert.Equal("'" + Injection, payouts.Cell(2, 3).GetString());
        Assert.Equal(affiliate.Email, payouts.Cell(2, 4).GetString());
        Assert.Equal(("Other", "'-1+1 cheque to 1 Main St"), (payouts.Cell(2, 5).GetString(), payouts.Cell(2, 6).GetString()));
        Assert.Equal((XLDataType.Number, 32.35), (payouts.Cell(2, 7).DataType, payouts.Cell(2, 7).GetDouble()));
        Assert.Contains("\"USD\"", payouts.Cell(2, 7).Style.NumberFormat.Format);
        Assert.Equal(("USD", 2, "Approved", "TRX-1"), (payouts.Cell(2, 8).GetString(), payouts.Cell(2, 9).GetValue<int>(), payouts.Cell(2, 10).GetString(), payouts.Cell(2, 12).GetString()));
        Assert.Equal(XLDataType.DateTime, payouts.Cell(2, 13).DataType);
        Assert.True(payouts.Cell(3, 1).IsEmpty());

        var lines = workbook.Worksheet("Lines");
        Assert.Equal(1, lines.SheetView.SplitRow);
        Assert.Equal([(first, "00123", 12.35), (first + 1, "'@SUM(A1)", 20.0)],
            Enumerable.Range(2, 2).Select(r => (lines.Cell(r, 4).GetValue<long>(), lines.Cell(r, 5).GetString(), lines.Cell(r, 8).GetDouble())));
        Assert.Equal(XLDataType.Text, lines.Cell(2, 5).DataType);
        Assert.Equal(program.Campaign.Name, lines.Cell(2, 6).GetString());
        foreach (var sheet in new[] { 1, 2 }) Assert.DoesNotContain("<x:f", ExportFiles.SheetXml(xlsx, sheet));
    }

    [Fact]
    public async Task The_csv_holds_the_same_payout_rows_filtered_by_status()
    {
        var program = await PayableProgram.CreateAsync(app);
        var (paid, pending) = (await program.JoinAsync(), await program.JoinAsync());
        await program.ApprovedSaleAsync(paid, 10_000);
        var approved = Assert.Single(await program.Merchant.PayEverythingAsync());
        await program.ApprovedSaleAsync(pending, 30_000);
        var open = Assert.Single((await program.Merchant.PreparePayoutsAsync()).Payouts);

        var all = ExportFiles.CsvRows(await program.Merchant.Api.GetByteArrayAsync("/api/v1/payouts/export?format=csv"));
        var onlyPaid = ExportFiles.CsvRows(await program.Merchant.Api.GetByteArrayAsync("/api/v1/payouts/export?format=csv&status=Approved"));

        Assert.Equal("Payout", all[0][0]);
        Assert.Equal([$"{approved.Id}", $"{open.Id}"], all.Skip(1).Select(r => r[0]));
        Assert.Equal(["10.00", "30.00"], all.Skip(1).Select(r => r[6]));
        Assert.Equal(["Approved", "Pending"], all.Skip(1).Select(r => r[9]));
        Assert.Equal([$"{approved.Id}"], onlyPaid.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task PayPal_and_Wise_files_list_the_pending_payouts_of_affiliates_paid_that_way_one_currency_a_file()
    {
        var program = await PayableProgram.CreateAsync(app);
        var euros = await program.AddCampaignAsync("EUR");
        var (paypal, wise) = (await program.JoinAsync(), await program.JoinAsync("Wanda Wise"));
        await SetMethodAsync(program, paypal, new JsonObject { ["kind"] = "PayPal", ["email"] = "paypal@mail.example" });
        await SetMethodAsync(program, wise, new JsonObject { ["kind"] = "Wise", ["email"] = "wise@mail.example" });
        await program.ApprovedSaleAsync(paypal, 10_000);
        await program.ApprovedSaleAsync(paypal, 25_000, euros);
        await program.ApprovedSaleAsync(wise, 40_000);
        var payouts = (await program.Merchant.PreparePayoutsAsync()).Payouts;
        int Id(TestAffiliate a, string currency) => payouts.Single(p => p.AffiliateId == a.AffiliateId && p.Currency == currency).Id;

        var paypalZip = await program.Merchant.Api.GetAsync("/api/v1/payouts/export?format=paypal");
        var wiseCsv = await program.Merchant.Api.GetAsync("/api/v1/payouts/export?format=wise");

        Assert.Equal("application/zip", paypalZip.Content.Headers.ContentType?.MediaType);
        var files = ExportFiles.Unzip(await paypalZip.Content.ReadAsByteArrayAsync());
        Assert.Equal([$"{program.Merchant.Slug}-payouts-until-{DateTime.UtcNow:yyyyMMdd}-paypal-EUR-1.csv", $"{program.Merchant.Slug}-payouts-until-{DateTime.UtcNow:yyyyMMdd}-paypal-USD-1.csv"], files.Keys.Order());
        var usd = ExportFiles.CsvRows(files.Single(f => f.Key.Contains("-USD-")).Value);
        Assert.Equal([["paypal@mail.example", "10.00", "USD", $"payout-{Id(paypal, "USD")}", $"Commission from {payouts[0].MerchantName} (payout {Id(paypal, "USD")})", "PAYPAL"]], usd);
        Assert.Equal("25.00", ExportFiles.CsvRows(files.Single(f => f.Key.Contains("-EUR-")).Value).Single()[1]);

        Assert.Equal("text/csv", wiseCsv.Content.Headers.ContentType?.MediaType);
        Assert.Equal([
            ["name", "recipientEmail", "paymentReference", "receiverType", "amountCurrency", "amount", "sourceCurrency", "targetCurrency"],
            ["Wanda Wise", "wise@mail.example", $"Payout {Id(wise, "USD")}", "PERSON", "target", "40.00", "USD", "USD"],
        ], ExportFiles.CsvRows(await wiseCsv.Content.ReadAsByteArrayAsync()));

        await program.Merchant.ApprovePayoutAsync(Id(wise, "USD"));
        var nothingPending = await program.Merchant.Api.GetAsync("/api/v1/payouts/export?format=wise");
        Assert.Contains("format", (await nothingPending.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task The_SEPA_file_is_valid_pain_001_001_03_with_every_euro_transfer_to_an_iban()
    {
        var program = await PayableProgram.CreateAsync(app, "EUR");
        var (anna, bruno) = (await program.JoinAsync("Anna Müller-Łukasz"), await program.JoinAsync("Bruno"));
        await SetMethodAsync(program, anna, new JsonObject { ["kind"] = "BankTransfer", ["iban"] = "DE89 3704 0044 0532 0130 00", ["accountHolder"] = "Anna Müller-Łukasz & Co" });
        await SetMethodAsync(program, bruno, new JsonObject { ["kind"] = "BankTransfer", ["iban"] = "FR1420041010050500013M02606", ["accountHolder"] = "Bruno" });
        await program.ApprovedSaleAsync(anna, 12_345);
        await program.ApprovedSaleAsync(bruno, 100_000);
        var payouts = (await program.Merchant.PreparePayoutsAsync()).Payouts;

        var refused = await program.Merchant.Api.GetAsync("/api/v1/payouts/export?format=sepa");
        Assert.Contains("payout settings", (await refused.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());
        await program.Merchant.Api.PutJsonAsync("/api/v1/payouts/settings",
            new JsonObject { ["minimumPayout"] = 0, ["payoutIban"] = "NL91ABNA0417164300", ["payoutAccountName"] = "Shop B.V." });
        var xml = await program.Merchant.Api.GetByteArrayAsync("/api/v1/payouts/export?format=sepa");

        var document = XDocument.Load(new MemoryStream(xml));
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Features", "Payouts", "pain.001.001.03.xsd"));
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.Empty(errors);

        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
        var info = document.Root!.Element(ns + "CstmrCdtTrfInitn")!;
        Assert.Equal(("2", "112.35"), (info.Element(ns + "GrpHdr")!.Element(ns + "NbOfTxs")!.Value, info.Element(ns + "GrpHdr")!.Element(ns + "CtrlSum")!.Value));
        var payment = info.Element(ns + "PmtInf")!;
        Assert.Equal(("Shop B.V.", "NL91ABNA0417164300"), (payment.Element(ns + "Dbtr")!.Element(ns + "Nm")!.Value, payment.Descendants(ns + "IBAN").First().Value));
        var transfers = payment.Elements(ns + "CdtTrfTxInf").Select(t => (
            Id: t.Descendants(ns + "EndToEndId").Single().Value, Amount: t.Descendants(ns + "InstdAmt").Single().Value,
            Currency: t.Descendants(ns + "InstdAmt").Single().Attribute("Ccy")!.Value, Name: t.Element(ns + "Cdtr")!.Element(ns + "Nm")!.Value,
            Iban: t.Descendants(ns + "IBAN").Single().Value)).ToList();
        var annaPayout = payouts.Single(p => p.AffiliateId == anna.AffiliateId).Id;
        Assert.Contains(($"PAYOUT-{annaPayout}", "12.35", "EUR", "Anna Muller- ukasz Co", "DE89370400440532013000"), transfers);
        Assert.Contains(transfers, t => t is { Amount: "100.00", Iban: "FR1420041010050500013M02606", Name: "Bruno" });
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("")]
    [InlineData("3")]
    public async Task An_unknown_format_answers_400_naming_the_field(string format)
    {
        var program = await PayableProgram.CreateAsync(app);
        var response = await program.Merchant.Api.GetAsync($"/api/v1/payouts/export?format={format}");
        Assert.Contains("format", (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task The_admin_exports_every_merchants_payouts_as_one_workbook()
    {
        var (one, two) = (await PayableProgram.CreateAsync(app), await PayableProgram.CreateAsync(app, "EUR"));
        await one.ApprovedSaleAsync(await one.JoinAsync(), 10_000);
        await two.ApprovedSaleAsync(await two.JoinAsync(), 20_000);
        var payouts = new[] { (await one.Merchant.PreparePayoutsAsync()).Payouts.Single(), (await two.Merchant.PreparePayoutsAsync()).Payouts.Single() };

        var admin = await app.AdminAsync();
        var response = await admin.GetAsync($"/api/v1/admin/payouts/export?format=xlsx&ids={payouts[0].Id}&ids={payouts[1].Id}");

        Assert.StartsWith("all-merchants-payouts-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var workbook = ExportFiles.Workbook(await response.Content.ReadAsByteArrayAsync());
        var sheet = workbook.Worksheet("Payouts");
        Assert.Equal([(payouts[0].MerchantName, "USD"), (payouts[1].MerchantName, "EUR")], Enumerable.Range(2, 2).Select(r => (sheet.Cell(r, 2).GetString(), sheet.Cell(r, 8).GetString())));
        await (await admin.GetAsync("/api/v1/admin/payouts/export?format=sepa")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static async Task SetMethodAsync(PayableProgram program, TestAffiliate affiliate, JsonObject method)
    {
        method["merchantId"] = program.Merchant.Id;
        var response = await affiliate.Api.PutJsonAsync("/api/v1/me/payout-method", method);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
