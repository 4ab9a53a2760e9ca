using System.Net;
using System.Text.Json.Nodes;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Dashboards;
using AffiliateBlazor.Features.Payouts;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Payouts;

/// <summary>
/// A payout run gathers approved, unpaid commission per affiliate and currency; the merchant marks payouts paid, cancels
/// them or records them returned, and the ledger's balances follow.
/// </summary>
public sealed class PayoutRunTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_run_pays_approved_commission_of_balances_reaching_the_minimum_and_explains_the_rest()
    {
        var program = await PayableProgram.CreateAsync(app);
        var (big, small, waiting) = (await program.JoinAsync("Big"), await program.JoinAsync("Small"), await program.JoinAsync("Waiting"));
        await program.ApprovedSaleAsync(big, 12_345);
        await program.ApprovedSaleAsync(big, 20_000);
        await program.ApprovedSaleAsync(small, 5_000);
        await program.PendingSaleAsync(waiting, 99_000);

        var preview = await program.Merchant.Api.PostJsonAsync("/api/v1/payouts/preview", new JsonObject { ["minimum"] = 1_000 });
        var prepared = await program.Merchant.PreparePayoutsAsync(new JsonObject { ["minimum"] = 1_000 });

        var payout = Assert.Single(prepared.Payouts);
        Assert.Equal((big.AffiliateId, 1_235L + 2_000, "USD", 2, PayoutStatus.Pending), (payout.AffiliateId, payout.Amount, payout.Currency, payout.LineCount, payout.Status));
        var skipped = Assert.Single(prepared.NotPaid);
        Assert.Equal((small.AffiliateId, 500L, PayoutDecision.BelowMinimum), (skipped.AffiliateId, skipped.Amount, skipped.Decision));
        Assert.Equal([PayoutDecision.Pays, PayoutDecision.BelowMinimum], (await preview.ReadJsonAsync<List<PayoutCandidate>>()).Select(c => c.Decision));
        var details = await program.Merchant.Api.GetJsonAsync<PayoutDetails>($"/api/v1/payouts/{payout.Id}");
        Assert.Equal([1_235L, 2_000L], details.Lines.Select(l => l.Amount).Order());
        Assert.All(details.Lines, l => Assert.Equal(program.Campaign.Name, l.CampaignName));
        Assert.Empty((await program.Merchant.PreparePayoutsAsync(new JsonObject { ["minimum"] = 1_000 })).Payouts);
    }

    [Fact]
    public async Task Each_currency_is_its_own_payout_and_an_affiliate_can_be_left_out_by_hand()
    {
        var program = await PayableProgram.CreateAsync(app);
        var euros = await program.AddCampaignAsync("EUR");
        var (both, leftOut) = (await program.JoinAsync(), await program.JoinAsync());
        await program.ApprovedSaleAsync(both, 10_000);
        await program.ApprovedSaleAsync(both, 30_000, euros);
        await program.ApprovedSaleAsync(leftOut, 10_000);

        var prepared = await program.Merchant.PreparePayoutsAsync(new JsonObject { ["leaveOut"] = new JsonArray(leftOut.AffiliateId) });

        Assert.Equal([("EUR", 3_000L), ("USD", 1_000L)], prepared.Payouts.Select(p => (p.Currency, p.Amount)).OrderBy(p => p.Currency));
        Assert.All(prepared.Payouts, p => Assert.Equal(both.AffiliateId, p.AffiliateId));
        Assert.Equal((leftOut.AffiliateId, PayoutDecision.LeftOut), (prepared.NotPaid.Single().AffiliateId, prepared.NotPaid.Single().Decision));
        var later = await program.Merchant.PreparePayoutsAsync(new JsonObject { ["currency"] = "usd" });
        Assert.Equal((leftOut.AffiliateId, 1_000L), (later.Payouts.Single().AffiliateId, later.Payouts.Single().Amount));
    }

    [Fact]
    public async Task The_cut_off_leaves_later_commission_for_the_next_run()
    {
        var program = await PayableProgram.CreateAsync(app);
        var affiliate = await program.JoinAsync();
        await program.ApprovedSaleAsync(affiliate, 10_000);
        var cutOff = DateTime.UtcNow;
        await Task.Delay(50);
        await program.ApprovedSaleAsync(affiliate, 50_000);

        var first = await program.Merchant.PreparePayoutsAsync(new JsonObject { ["cutOff"] = cutOff.ToString("O") });
        var second = await program.Merchant.PreparePayoutsAsync();

        Assert.Equal((1_000L, 1), (first.Payouts.Single().Amount, first.Payouts.Single().LineCount));
        Assert.Equal((5_000L, 1), (second.Payouts.Single().Amount, second.Payouts.Single().LineCount));
    }

    [Fact]
    public async Task A_refund_after_the_payout_was_approved_is_deducted_from_the_next_one_and_a_negative_balance_carries_over()
    {
        var program = await PayableProgram.CreateAsync(app);
        var affiliate = await program.JoinAsync();
        var refunded = await program.ApprovedSaleAsync(affiliate, 50_000);
        var paid = Assert.Single(await program.Merchant.PayEverythingAsync());
        Assert.Equal(5_000, paid.Amount);

        await (await program.Merchant.Api.ReviewAsync(refunded, "reverse")).ReadJsonAsync<object>();
        await program.ApprovedSaleAsync(affiliate, 20_000);
        var owedLess = await program.Merchant.PreparePayoutsAsync();
        Assert.Empty(owedLess.Payouts);
        Assert.Equal((-3_000L, 2, PayoutDecision.NothingOwed), (owedLess.NotPaid.Single().Amount, owedLess.NotPaid.Single().Lines, owedLess.NotPaid.Single().Decision));

        await program.ApprovedSaleAsync(affiliate, 40_000);
        var next = Assert.Single((await program.Merchant.PreparePayoutsAsync()).Payouts);
        Assert.Equal((1_000L, 3), (next.Amount, next.LineCount));
        var unchanged = await program.Merchant.Api.GetJsonAsync<PayoutDetails>($"/api/v1/payouts/{paid.Id}");
        Assert.Equal((5_000L, PayoutStatus.Approved, 1), (unchanged.Payout.Amount, unchanged.Payout.Status, unchanged.Lines.Count));
    }

    [Fact]
    public async Task A_cancelled_payout_returns_its_lines_to_the_next_run()
    {
        var program = await PayableProgram.CreateAsync(app);
        var affiliate = await program.JoinAsync();
        await program.ApprovedSaleAsync(affiliate, 10_000);
        var first = Assert.Single((await program.Merchant.PreparePayoutsAsync()).Payouts);

        var cancelled = await (await program.Merchant.Api.PostAsync($"/api/v1/payouts/{first.Id}/cancel", null)).ReadJsonAsync<PayoutView>();
        var again = Assert.Single((await program.Merchant.PreparePayoutsAsync()).Payouts);

        Assert.Equal(PayoutStatus.Cancelled, cancelled.Status);
        Assert.Equal((1_000L, 1), (again.Amount, again.LineCount));
        Assert.Single((await program.Merchant.Api.GetJsonAsync<PayoutDetails>($"/api/v1/payouts/{first.Id}")).Lines);
        await (await program.Merchant.Api.PostAsync($"/api/v1/payouts/{first.Id}/cancel", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_returned_payout_stays_in_the_history_and_its_lines_are_paid_again_exactly_once()
    {
        var program = await PayableProgram.CreateAsync(app);
        var affiliate = await program.JoinAsync();
        await program.ApprovedSaleAsync(affiliate, 10_000);
        var paid = Assert.Single(await program.Merchant.PayEverythingAsync());
        Assert.Equal(1_000, (await app.EarningsAsync(affiliate)).Paid);

        var returned = await program.Merchant.Api.PostJsonAsync($"/api/v1/payouts/{paid.Id}/return", new JsonObject { ["reason"] = "IBAN closed" });
        var view = await returned.ReadJsonAsync<PayoutView>();
        Assert.Equal((PayoutStatus.Returned, "IBAN closed", "TRX-1"), (view.Status, view.ReturnReason, view.Reference));
        Assert.Equal(new Earnings("USD", 0, 1_000, 0), await app.EarningsAsync(affiliate));

        var repaid = Assert.Single(await program.Merchant.PayEverythingAsync());
        Assert.Equal((1_000L, 1), (repaid.Amount, repaid.LineCount));
        Assert.Empty((await program.Merchant.PreparePayoutsAsync()).Payouts);
        Assert.Equal(1_000, (await app.EarningsAsync(affiliate)).Paid);
        var history = await affiliate.Api.GetJsonAsync<Page<PayoutView>>("/api/v1/me/payouts");
        Assert.Equal([PayoutStatus.Approved, PayoutStatus.Returned], history.Items.Select(p => p.Status));
    }

    [Fact]
    public async Task Marking_paid_records_the_reference_and_date_once_and_the_affiliate_sees_it()
    {
        var program = await PayableProgram.CreateAsync(app);
        var affiliate = await program.JoinAsync();
        await program.ApprovedSaleAsync(affiliate, 10_000);
        await program.PendingSaleAsync(affiliate, 30_000);
        var payout = Assert.Single((await program.Merchant.PreparePayoutsAsync()).Payouts);
        var paidAt = DateTime.UtcNow.AddHours(-2);

        var approved = await program.Merchant.Api.PostJsonAsync($"/api/v1/payouts/{payout.Id}/approve", new JsonObject { ["reference"] = "PP-7781", ["paidAt"] = paidAt.ToString("O") });
        var twice = await program.Merchant.Api.PostJsonAsync($"/api/v1/payouts/{payout.Id}/approve", new JsonObject { ["reference"] = "PP-7782" });
        var cancel = await program.Merchant.Api.PostAsync($"/api/v1/payouts/{payout.Id}/cancel", null);

        var view = await approved.ReadJsonAsync<PayoutView>();
        Assert.Equal((PayoutStatus.Approved, "PP-7781"), (view.Status, view.Reference));
        Assert.Equal(paidAt, view.PaidAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Contains("Only a pending payout can be approved; this one is approved.", (await twice.AssertProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        await cancel.AssertProblemAsync(HttpStatusCode.Conflict);
        var mine = Assert.Single((await affiliate.Api.GetJsonAsync<Page<PayoutView>>("/api/v1/me/payouts")).Items);
        Assert.Equal(("PP-7781", 1_000L), (mine.Reference, mine.Amount));
        var balance = Assert.Single(await affiliate.Api.GetJsonAsync<List<Balance>>("/api/v1/me/balances"));
        Assert.Equal((program.Merchant.Id, "USD", 3_000L, 0L, 1_000L), (balance.MerchantId, balance.Currency, balance.Pending, balance.Approved, balance.Paid));
    }

    [Fact]
    public async Task Bulk_approval_marks_every_listed_payout_or_none()
    {
        var program = await PayableProgram.CreateAsync(app);
        var (a, b) = (await program.JoinAsync(), await program.JoinAsync());
        await program.ApprovedSaleAsync(a);
        await program.ApprovedSaleAsync(b);
        var payouts = (await program.Merchant.PreparePayoutsAsync()).Payouts;
        await program.Merchant.ApprovePayoutAsync(payouts[0].Id);

        var refused = await program.Merchant.Api.PostJsonAsync("/api/v1/payouts/approve",
            new JsonObject { ["ids"] = new JsonArray(payouts[0].Id, payouts[1].Id), ["reference"] = "BATCH-1" });
        Assert.Contains("Nothing was changed", (await refused.AssertProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        Assert.Equal(PayoutStatus.Pending, (await program.Merchant.Api.GetJsonAsync<PayoutDetails>($"/api/v1/payouts/{payouts[1].Id}")).Payout.Status);

        await program.Merchant.Api.PostAsync($"/api/v1/payouts/{payouts[1].Id}/cancel", null);
        var c = await program.JoinAsync();
        await program.ApprovedSaleAsync(c);
        await program.ApprovedSaleAsync(b);
        var fresh = (await program.Merchant.PreparePayoutsAsync()).Payouts.Select(p => p.Id).ToList();
        var bulk = await program.Merchant.Api.PostJsonAsync("/api/v1/payouts/approve", new JsonObject { ["ids"] = new JsonArray([.. fresh.Select(id => (JsonNode)id)]), ["reference"] = "BATCH-2" });
        Assert.All(await bulk.ReadJsonAsync<List<PayoutView>>(), p => Assert.Equal((PayoutStatus.Approved, "BATCH-2"), (p.Status, p.Reference)));
    }

    [Theory]
    [InlineData("/api/v1/payouts/generate", """{"minimum":-1}""", "minimum")]
    [InlineData("/api/v1/payouts/generate", """{"minimum":100000000000}""", "minimum")]
    [InlineData("/api/v1/payouts/generate", """{"cutOff":"2999-01-01T00:00:00Z"}""", "cutOff")]
    [InlineData("/api/v1/payouts/generate", """{"currency":"XXX"}""", "currency")]
    [InlineData("{payout}/approve", """{"reference":"RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR1"}""", "reference")]
    [InlineData("{payout}/approve", """{"reference":"TX\r\nBcc: x"}""", "reference")]
    [InlineData("{payout}/approve", """{"reference":"TX-1","paidAt":"2999-01-01T00:00:00Z"}""", "paidAt")]
    [InlineData("/api/v1/payouts/settings", """{"minimumPayout":-5}""", "minimum")]
    [InlineData("/api/v1/payouts/settings", """{"minimumPayout":0,"payoutIban":"DE00370400440532013000","payoutAccountName":"Shop"}""", "payoutIban")]
    public async Task Bad_input_answers_400_naming_the_field_and_changes_nothing(string url, string body, string field)
    {
        var program = await PayableProgram.CreateAsync(app);
        await program.ApprovedSaleAsync(await program.JoinAsync());
        var payout = Assert.Single((await program.Merchant.PreparePayoutsAsync()).Payouts);
        var target = url.Replace("{payout}", $"/api/v1/payouts/{payout.Id}");

        var response = url.EndsWith("settings") ? await program.Merchant.Api.PutAsync(target, Json(body)) : await program.Merchant.Api.PostAsync(target, Json(body));

        Assert.Contains(field, (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var list = await program.Merchant.Api.GetJsonAsync<Page<PayoutView>>("/api/v1/payouts");
        Assert.Equal((PayoutStatus.Pending, (string?)null), (list.Items.Single().Status, list.Items.Single().Reference));
        Assert.Equal(new PayoutSettings(0, null, null), await program.Merchant.Api.GetJsonAsync<PayoutSettings>("/api/v1/payouts/settings"));
    }

    [Fact]
    public async Task The_merchants_minimum_is_the_default_and_its_change_is_audited()
    {
        var program = await PayableProgram.CreateAsync(app);
        await program.ApprovedSaleAsync(await program.JoinAsync(), 10_000);
        var saved = await program.Merchant.Api.PutAsync("/api/v1/payouts/settings",
            Json("""{"minimumPayout":5000,"payoutIban":"de89 3704 0044 0532 0130 00","payoutAccountName":"Shop GmbH"}"""));

        Assert.Equal(new PayoutSettings(5_000, "DE89370400440532013000", "Shop GmbH"), await saved.ReadJsonAsync<PayoutSettings>());
        Assert.Equal(PayoutDecision.BelowMinimum, (await program.Merchant.PreparePayoutsAsync()).NotPaid.Single().Decision);
        Assert.Equal(1L, await app.SqlAsync($"SELECT COUNT(*) FROM AuditEntries WHERE MerchantId = {program.Merchant.Id} AND Action = 'payout.settings' AND Details LIKE 'minimum 0 → 5000%'"));
    }

    [Fact]
    public async Task Every_payout_action_is_in_the_audit_log_with_who_and_the_change()
    {
        var program = await PayableProgram.CreateAsync(app);
        await program.ApprovedSaleAsync(await program.JoinAsync(), 10_000);
        var payout = Assert.Single(await program.Merchant.PayEverythingAsync());
        await program.Merchant.Api.PostJsonAsync($"/api/v1/payouts/{payout.Id}/return", new JsonObject { ["reason"] = "bounced" });

        var actions = await app.SqlAsync($"SELECT group_concat(Action || ':' || Details, ' | ') FROM (SELECT * FROM AuditEntries WHERE Subject = 'payout {payout.Id}' AND MerchantId = {program.Merchant.Id} ORDER BY Id)");
        var owner = await app.SqlAsync($"SELECT Id FROM AspNetUsers WHERE Email = '{program.Merchant.Email}'");
        Assert.Equal(3L, await app.SqlAsync($"SELECT COUNT(*) FROM AuditEntries WHERE Subject = 'payout {payout.Id}' AND UserId = '{owner}'"));
        Assert.Equal($"payout.prepared:→ Pending: 10.00 USD to affiliate {payout.AffiliateId}, 1 line(s) up to {payout.CutOff:u}"
                     + $" | payout.approved:Pending → Approved: 10.00 USD to affiliate {payout.AffiliateId}, reference TRX-1"
                     + $" | payout.returned:Approved → Returned: 10.00 USD to affiliate {payout.AffiliateId}, reason: bounced", actions);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
