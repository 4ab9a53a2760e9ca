using System.Net;
using System.Text;
using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Coupons;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Coupons;

/// <summary>POST /api/v1/coupons/uses/csv: the whole file is checked first, and one bad row means nothing is written.</summary>
public sealed class CouponImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_good_file_becomes_conversions_with_exact_amounts_and_dates_and_a_second_upload_counts_duplicates()
    {
        var program = await CouponProgramAsync();
        var csv = new CouponCsvBuilder()
            .Row("STORE", "pos-1", "49.99")
            .Row("store", "pos-2", "0.1", date: "2026-02-03")
            .Row("STORE", "pos-3", "1250", "usd", "2026-02-03T18:30:00+01:00")
            .Row("STORE", "pos-1", "49.99")
            .Build();

        var first = await (await program.Merchant.Api.UploadCouponUsesAsync(csv)).ReadJsonAsync<CouponImportResult>();
        var again = await (await program.Merchant.Api.UploadCouponUsesAsync(csv)).ReadJsonAsync<CouponImportResult>();

        Assert.Equal(new CouponImportResult(Rows: 4, Created: 3, Duplicates: 1), first);
        Assert.Equal(new CouponImportResult(Rows: 4, Created: 0, Duplicates: 4), again);
        var conversions = (await program.Merchant.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/conversions")).Items.ToDictionary(c => c.OrderId);
        Assert.Equal(3, conversions.Count);
        Assert.Equal([4999L, 10L, 125_000L], new[] { "pos-1", "pos-2", "pos-3" }.Select(o => conversions[o].Amount));
        Assert.All(conversions.Values, c => Assert.Equal(program.Affiliate.AffiliateId, c.AffiliateId));
        Assert.All(conversions.Values, c => Assert.Equal(500, c.Commission));
        Assert.Equal(new DateTime(2026, 2, 3), conversions["pos-2"].CreatedAt);
        Assert.Equal(new DateTime(2026, 2, 3, 17, 30, 0), conversions["pos-3"].CreatedAt);
    }

    [Fact]
    public async Task A_file_of_several_hundred_uses_pays_each_one_its_affiliates_personal_rate_with_one_ledger_line_each()
    {
        var program = await CouponProgramAsync();
        var payout = await program.Merchant.Api.PostJsonAsync($"/api/v1/affiliates/{program.Affiliate.MembershipId}/personal-payouts",
            PersonalPayoutBuilder.Fixed(program.Campaign.Id, 725));
        Assert.Equal(HttpStatusCode.Created, payout.StatusCode);
        // More rows than one write transaction holds, so the file is written in several.
        var csv = new CouponCsvBuilder();
        for (var row = 0; row < 450; row++) csv.Row(row % 2 == 0 ? "STORE" : "store", $"bulk-{row}", "20.00");

        var result = await (await program.Merchant.Api.UploadCouponUsesAsync(csv.Build())).ReadJsonAsync<CouponImportResult>();

        Assert.Equal(new CouponImportResult(Rows: 450, Created: 450, Duplicates: 0), result);
        var campaign = program.Campaign.Id;
        Assert.Equal(450L, await app.SqlAsync($"SELECT COUNT(*) FROM Conversions WHERE CampaignId = {campaign} AND AffiliateId = {program.Affiliate.AffiliateId} AND Commission = 725 AND Amount = 2000"));
        Assert.Equal(450L, await app.SqlAsync($"SELECT COUNT(DISTINCT ConversionId) FROM CommissionLines WHERE CampaignId = {campaign}"));
        Assert.Equal(450L * 725, await app.SqlAsync($"SELECT SUM(Amount) FROM CommissionLines WHERE CampaignId = {campaign}"));
    }

    [Fact]
    public async Task An_order_id_that_arrives_by_another_way_while_the_file_is_written_is_counted_once()
    {
        var program = await CouponProgramAsync();
        var csv = new CouponCsvBuilder();
        for (var row = 0; row < 5; row++) csv.Row("STORE", $"race-{program.Campaign.Id}-{row}", "10.00");

        Task<HttpResponseMessage> upload;
        using (app.Services.GetRequiredService<WriteGate>().Enter())
        {
            upload = program.Merchant.Api.UploadCouponUsesAsync(csv.Build());
            // Usually the upload has read the file and the database by now and waits at the gate, so its batch meets the
            // row below in the unique index and goes again row by row; if not, it finds the row as it reads. Either way
            // the order is counted once.
            await Task.Delay(TimeSpan.FromSeconds(1));
            await app.SqlAsync($"""
                INSERT INTO Conversions (MerchantId, CampaignId, Source, Type, OrderId, Amount, Currency, Commission, Status, Flags, CreatedAt)
                VALUES ({program.Merchant.Id}, {program.Campaign.Id}, 'Api', 'Sale', 'race-{program.Campaign.Id}-3', 1000, 'USD', 0, 'Pending', 'None', '2026-01-01 00:00:00')
                """);
        }
        var result = await (await upload).ReadJsonAsync<CouponImportResult>();

        Assert.Equal(new CouponImportResult(Rows: 5, Created: 4, Duplicates: 1), result);
        Assert.Equal(5L, await app.SqlAsync($"SELECT COUNT(*) FROM Conversions WHERE CampaignId = {program.Campaign.Id}"));
        Assert.Equal(4L, await app.SqlAsync($"SELECT COUNT(*) FROM CommissionLines WHERE CampaignId = {program.Campaign.Id}"));
    }

    [Fact]
    public async Task A_file_saved_with_semicolons_and_a_byte_order_mark_by_a_european_spreadsheet_is_read()
    {
        var program = await CouponProgramAsync();
        var csv = "\uFEFFCode;Order_ID;Amount;Currency\r\nSTORE;eu-1;19.90;USD\r\n";

        var result = await (await program.Merchant.Api.UploadCouponUsesAsync(csv)).ReadJsonAsync<CouponImportResult>();

        Assert.Equal(new CouponImportResult(1, 1, 0), result);
    }

    [Fact]
    public async Task One_bad_row_refuses_the_whole_file_naming_each_bad_row_and_nothing_is_written()
    {
        var program = await CouponProgramAsync();
        var csv = new CouponCsvBuilder()
            .Row("STORE", "ok-1", "10.00")
            .Row("STORE", "bad-1", "10.001")
            .Row("NOPE", "bad-2", "5")
            .Row("STORE", "bad-3", "-4")
            .Row("STORE", "", "5")
            .Row("STORE", "bad-5", "5", "EUR", "31/12/2026")
            .Build();

        var response = await program.Merchant.Api.UploadCouponUsesAsync(csv);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["row 3", "row 4", "row 5", "row 6", "row 7"], problem.ErrorFields());
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("more decimals than USD has (2)", errors["row 3"]![0]!.GetValue<string>());
        Assert.Contains("There is no coupon NOPE", errors["row 4"]![0]!.GetValue<string>());
        Assert.Contains("not a number", errors["row 5"]![0]!.GetValue<string>());
        Assert.Contains("order id is required", errors["row 6"]![0]!.GetValue<string>());
        var row7 = string.Join(" ", errors["row 7"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains("not an ISO date", row7);
        Assert.Contains("campaign pays in USD", row7);
        Assert.StartsWith("Row 3: ", problem["detail"]!.GetValue<string>());
        Assert.Equal(0, await app.ConversionCountAsync(program.Merchant.Id));
    }

    [Fact]
    public async Task A_file_that_is_not_a_csv_of_uses_is_refused_with_the_reason()
    {
        var program = await CouponProgramAsync();
        var tooManyRows = new CouponCsvBuilder();
        for (var i = 0; i <= CouponUseCsv.MaxRows; i++) tooManyRows.Row("STORE", $"o{i}", "1");
        var cases = new (byte[] File, string Reason)[]
        {
            ([], "empty"),
            ("code,amount,currency\r\nSTORE,1,USD\r\n"u8.ToArray(), "lacks order_id"),
            ("code,order_id,amount,currency\r\n"u8.ToArray(), "no rows"),
            (Encoding.Latin1.GetBytes("code,order_id,amount,currency\r\nSTORE,caf\u00e9,1,USD\r\n"), "not UTF-8"),
            ("code,order_id,amount,currency\r\nSTORE,\"open,1,USD\r\nSTORE,x,1,USD\r\n"u8.ToArray(), "not valid CSV"),
            (Encoding.UTF8.GetBytes(tooManyRows.Build()), "rows; split it"),
            (new byte[CouponUseCsv.MaxBytes + 1], "larger than 5 MB"),
        };

        foreach (var (file, reason) in cases)
        {
            var problem = await (await program.Merchant.Api.UploadCouponUsesAsync(file)).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["file"], problem.ErrorFields());
            Assert.Contains(reason, problem["detail"]!.GetValue<string>());
        }
        Assert.Equal(0, await app.ConversionCountAsync(program.Merchant.Id));
    }

    [Fact]
    public async Task An_upload_without_a_file_is_a_clear_400()
    {
        var program = await CouponProgramAsync();

        var response = await program.Merchant.Api.PostAsync("/api/v1/coupons/uses/csv", new MultipartFormDataContent { { new StringContent("x"), "other" } });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>A coupon campaign paying 5.00 per use, whose affiliate owns the code STORE.</summary>
    private async Task<AffiliateProgram> CouponProgramAsync()
    {
        var program = await app.ProgramAsync(CampaignBuilder.FixedCoupon(perUse: 500));
        await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "STORE");
        return program;
    }
}
