using System.Net;
using System.Text.Json.Nodes;
using AffiliateBlazor.Features.Payouts;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Payouts;

/// <summary>A merchant sees and changes only its own payouts; an affiliate only its own payouts, balances and methods.</summary>
public sealed class PayoutTenancyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Another_merchants_payout_is_not_found_for_every_action_and_missing_from_lists_and_exports()
    {
        var (mine, other) = (await PaidProgramAsync(), await PaidProgramAsync());
        var theirs = other.Payout.Id;
        var stranger = mine.Program.Merchant.Api;

        foreach (var response in new[]
                 {
                     await stranger.GetAsync($"/api/v1/payouts/{theirs}"),
                     await stranger.PostJsonAsync($"/api/v1/payouts/{theirs}/approve", new JsonObject { ["reference"] = "X" }),
                     await stranger.PostAsync($"/api/v1/payouts/{theirs}/cancel", null),
                     await stranger.PostJsonAsync($"/api/v1/payouts/{theirs}/return", new JsonObject { ["reason"] = "X" }),
                     await stranger.PostJsonAsync("/api/v1/payouts/approve", new JsonObject { ["ids"] = new JsonArray(theirs), ["reference"] = "X" }),
                 })
            await response.AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.DoesNotContain(theirs, (await stranger.GetJsonAsync<Page<PayoutView>>("/api/v1/payouts?pageSize=200")).Items.Select(p => p.Id));
        var csv = await stranger.GetStringAsync($"/api/v1/payouts/export?format=csv&ids={theirs}");
        Assert.Single(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(PayoutStatusOf(other), (await other.Program.Merchant.Api.GetJsonAsync<PayoutDetails>($"/api/v1/payouts/{theirs}")).Payout.Status);
    }

    [Fact]
    public async Task An_affiliate_sees_only_its_own_payouts_balances_and_payout_methods()
    {
        var (mine, other) = (await PaidProgramAsync(), await PaidProgramAsync());
        var me = mine.Affiliate.Api;

        await (await me.GetAsync($"/api/v1/me/payouts/{other.Payout.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal([mine.Payout.Id], (await me.GetJsonAsync<Page<PayoutView>>("/api/v1/me/payouts")).Items.Select(p => p.Id));
        Assert.Equal([mine.Program.Merchant.Id], (await me.GetJsonAsync<List<Balance>>("/api/v1/me/balances")).Select(b => b.MerchantId));
        var elsewhere = await me.PutJsonAsync("/api/v1/me/payout-method",
            new JsonObject { ["merchantId"] = other.Program.Merchant.Id, ["kind"] = "PayPal", ["email"] = "me@pay.example" });
        await elsewhere.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal([mine.Program.Merchant.Id], (await me.GetJsonAsync<List<ProgramPayoutMethod>>("/api/v1/me/payout-method")).Select(p => p.MerchantId));
        Assert.Null((await other.Program.Merchant.Api.GetJsonAsync<PayoutDetails>($"/api/v1/payouts/{other.Payout.Id}")).Payout.Method);
    }

    [Fact]
    public async Task Affiliates_cannot_use_the_merchants_payout_endpoints_and_merchants_not_the_admins()
    {
        var mine = await PaidProgramAsync();
        await (await mine.Affiliate.Api.PostAsync("/api/v1/payouts/generate", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await mine.Affiliate.Api.GetAsync("/api/v1/payouts/export?format=xlsx")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await mine.Program.Merchant.Api.GetAsync("/api/v1/admin/payouts")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var admin = await app.AdminAsync();
        Assert.Contains(mine.Payout.Id, (await admin.GetJsonAsync<Page<PayoutView>>("/api/v1/admin/payouts?pageSize=200")).Items.Select(p => p.Id));
    }

    [Fact]
    public async Task The_merchant_reads_the_payout_method_its_affiliate_set_for_its_program()
    {
        var mine = await PaidProgramAsync();
        var set = await mine.Affiliate.Api.PutJsonAsync("/api/v1/me/payout-method",
            new JsonObject { ["merchantId"] = mine.Program.Merchant.Id, ["kind"] = "BankTransfer", ["iban"] = "GB82 WEST 1234 5698 7654 32", ["accountHolder"] = "Jo Bloggs" });
        var invalid = await mine.Affiliate.Api.PutJsonAsync("/api/v1/me/payout-method",
            new JsonObject { ["merchantId"] = mine.Program.Merchant.Id, ["kind"] = "BankTransfer", ["iban"] = "GB83 WEST 1234 5698 7654 32", ["accountHolder"] = "Jo" });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains("iban", (await invalid.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var seen = (await mine.Program.Merchant.Api.GetJsonAsync<PayoutDetails>($"/api/v1/payouts/{mine.Payout.Id}")).Payout.Method!;
        Assert.Equal(("GB82WEST12345698765432", "Jo Bloggs", "Bank transfer: Jo Bloggs, GB82 WEST 1234 5698 7654 32"), (seen.Iban, seen.AccountHolder, seen.Summary));
    }

    private sealed record PaidProgram(PayableProgram Program, TestAffiliate Affiliate, PayoutView Payout);

    private async Task<PaidProgram> PaidProgramAsync()
    {
        var program = await PayableProgram.CreateAsync(app);
        var affiliate = await program.JoinAsync();
        await program.ApprovedSaleAsync(affiliate);
        return new(program, affiliate, Assert.Single((await program.Merchant.PreparePayoutsAsync()).Payouts));
    }

    private static AffiliateBlazor.Domain.PayoutStatus PayoutStatusOf(PaidProgram program) => program.Payout.Status;
}
