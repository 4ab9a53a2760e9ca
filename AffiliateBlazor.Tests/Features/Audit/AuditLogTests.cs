using System.Net;
using AffiliateBlazor.Features.Audit;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Audit;

/// <summary>The audit log: every money action with who and the change, each merchant its own, the admin everyone's.</summary>
public sealed class AuditLogTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_merchant_reads_its_money_actions_with_who_and_before_and_after_and_no_one_elses()
    {
        var program = await PayableProgram.CreateAsync(app);
        var affiliate = await program.JoinAsync();
        var sale = await program.ApprovedSaleAsync(affiliate, 10_000, orderId: "AUD-1");
        var payout = Assert.Single(await program.Merchant.PayEverythingAsync());
        var other = await PayableProgram.CreateAsync(app);
        await other.ApprovedSaleAsync(await other.JoinAsync(), 10_000);

        var log = await program.Merchant.Api.GetJsonAsync<Page<AuditEntryView>>("/api/v1/audit?pageSize=200");
        var payouts = await program.Merchant.Api.GetJsonAsync<Page<AuditEntryView>>("/api/v1/audit?action=payout.");

        var approval = log.Items.Single(e => e.Subject == $"conversion {sale}");
        Assert.Equal(("conversion.approved", program.Merchant.Email, "Pending → Approved: order AUD-1, 100.00 USD, commission 10.00 USD"),
            (approval.Action, approval.By, approval.Details));
        Assert.Equal(["payout.approved", "payout.prepared"], payouts.Items.Select(e => e.Action));
        Assert.All(payouts.Items, e => Assert.Equal($"payout {payout.Id}", e.Subject));
        Assert.All(log.Items, e => Assert.Equal(program.Merchant.Id, e.MerchantId));
    }

    [Fact]
    public async Task The_admin_reads_every_merchants_log_and_both_export_it()
    {
        var (one, two) = (await PayableProgram.CreateAsync(app), await PayableProgram.CreateAsync(app));
        var sale = await one.ApprovedSaleAsync(await one.JoinAsync(), orderId: "=cmd");
        await two.ApprovedSaleAsync(await two.JoinAsync());

        var admin = await app.AdminAsync();
        var all = await admin.GetJsonAsync<Page<AuditEntryView>>("/api/v1/admin/audit?action=conversion.&pageSize=200");
        var csv = ExportFiles.CsvRows(await one.Merchant.Api.GetByteArrayAsync($"/api/v1/audit/export?format=csv&search={Uri.EscapeDataString($"conversion {sale}")}"));

        Assert.Contains(all.Items, e => e.MerchantId == one.Merchant.Id);
        Assert.Contains(all.Items, e => e.MerchantId == two.Merchant.Id);
        Assert.Equal(["When", "Merchant", "By", "Action", "Subject", "Change"], csv[0]);
        Assert.Equal(("conversion.approved", "Pending → Approved: order =cmd, 123.45 USD, commission 12.35 USD"), (csv.Single(r => r[3] == "conversion.approved")[3], csv.Single(r => r[3] == "conversion.approved")[5]));
        await (await one.Merchant.Api.GetAsync("/api/v1/admin/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.GetAsync("/api/v1/admin/audit/export?format=xlsx")).Content.ReadAsByteArrayAsync();
    }
}
