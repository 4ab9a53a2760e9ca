using System.Net;
using System.Text.Json.Nodes;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Payouts;
using AffiliateBlazor.Tests.Support;
using AffiliateBlazor.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Payouts;

/// <summary>Payout runs and decisions sent at the same moment, as parallel requests on the app's SQLite file.</summary>
public sealed class PayoutConcurrencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Runs_started_together_put_every_line_in_exactly_one_payout()
    {
        var program = await PayableProgram.CreateAsync(app);
        var affiliates = new List<TestAffiliate>();
        for (var i = 0; i < 6; i++) affiliates.Add(await program.JoinAsync());
        foreach (var affiliate in affiliates)
        {
            await program.ApprovedSaleAsync(affiliate, 10_000);
            await program.ApprovedSaleAsync(affiliate, 20_000);
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => program.Merchant.PreparePayoutsAsync()));

        var payouts = runs.SelectMany(r => r.Payouts).ToList();
        Assert.Equal(affiliates.Select(a => a.AffiliateId).Order(), payouts.Select(p => p.AffiliateId).Order());
        Assert.All(payouts, p => Assert.Equal((3_000L, 2), (p.Amount, p.LineCount)));
        var lines = $"SELECT Id FROM CommissionLines WHERE MerchantId = {program.Merchant.Id}";
        Assert.Equal(12L, await app.SqlAsync($"SELECT COUNT(*) FROM PayoutItems WHERE ReleasedAt IS NULL AND CommissionLineId IN ({lines})"));
        Assert.Equal(12L, await app.SqlAsync($"SELECT COUNT(DISTINCT CommissionLineId) FROM PayoutItems WHERE CommissionLineId IN ({lines})"));
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_live_payout_for_a_line()
    {
        var program = await PayableProgram.CreateAsync(app);
        await program.ApprovedSaleAsync(await program.JoinAsync());
        var payout = Assert.Single((await program.Merchant.PreparePayoutsAsync()).Payouts);
        var line = await app.SqlAsync($"SELECT CommissionLineId FROM PayoutItems WHERE PayoutId = {payout.Id}");

        var refused = await Assert.ThrowsAsync<SqliteException>(() => app.SqlAsync($"INSERT INTO PayoutItems (PayoutId, CommissionLineId) VALUES ({payout.Id}, {line})"));

        Assert.Contains("UNIQUE constraint failed: PayoutItems.CommissionLineId", refused.Message);
    }

    [Fact]
    public async Task Of_approvals_and_a_cancel_sent_together_one_wins_and_the_others_get_409()
    {
        var program = await PayableProgram.CreateAsync(app);
        await program.ApprovedSaleAsync(await program.JoinAsync());
        var payout = Assert.Single((await program.Merchant.PreparePayoutsAsync()).Payouts);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => i == 4
            ? program.Merchant.Api.PostAsync($"/api/v1/payouts/{payout.Id}/cancel", null)
            : program.Merchant.Api.PostJsonAsync($"/api/v1/payouts/{payout.Id}/approve", new JsonObject { ["reference"] = $"TX-{i}" })));

        var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a != won), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var final = await program.Merchant.Api.GetJsonAsync<PayoutDetails>($"/api/v1/payouts/{payout.Id}");
        Assert.Equal((await won.ReadJsonAsync<PayoutView>()).Status, final.Payout.Status);
        Assert.Equal(1L, await app.SqlAsync($"SELECT COUNT(*) FROM AuditEntries WHERE Subject = 'payout {payout.Id}' AND MerchantId = {program.Merchant.Id} AND Action <> 'payout.prepared'"));
    }

    [Fact]
    public async Task A_run_that_fails_midway_leaves_whole_payouts_or_none()
    {
        var program = await PayableProgram.CreateAsync(app);
        var (ada, bob) = (await program.JoinAsync(), await program.JoinAsync());
        foreach (var affiliate in new[] { ada, bob })
        {
            await program.ApprovedSaleAsync(affiliate, 10_000);
            await program.ApprovedSaleAsync(affiliate, 20_000);
        }
        // The disk "fails" on the third line written into payouts: the second payout's first line.
        var before = await app.SqlAsync("SELECT COUNT(*) FROM PayoutItems");
        await app.SqlAsync($"CREATE TRIGGER fail_midway BEFORE INSERT ON PayoutItems WHEN (SELECT COUNT(*) FROM PayoutItems) >= {before} + 2 BEGIN SELECT RAISE(ABORT, 'disk failed'); END");
        try
        {
            var failed = await program.Merchant.Api.PostAsync("/api/v1/payouts/generate", null);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        finally
        {
            await app.SqlAsync("DROP TRIGGER fail_midway");
        }

        Assert.Equal(0L, await app.SqlAsync($"SELECT COUNT(*) FROM Payouts WHERE MerchantId = {program.Merchant.Id}"));
        Assert.Equal(before, await app.SqlAsync("SELECT COUNT(*) FROM PayoutItems"));
        Assert.Equal(0L, await app.SqlAsync($"SELECT COUNT(*) FROM AuditEntries WHERE MerchantId = {program.Merchant.Id} AND Action = 'payout.prepared'"));
        var retried = await program.Merchant.PreparePayoutsAsync();
        Assert.All(retried.Payouts, p => Assert.Equal((3_000L, 2), (p.Amount, p.LineCount)));
        Assert.Equal(2, retried.Payouts.Count);
    }

    [Fact]
    public async Task A_line_approved_while_a_run_waits_for_the_database_is_counted_in_the_payout_that_takes_it()
    {
        var program = await PayableProgram.CreateAsync(app);
        var affiliate = await program.JoinAsync();
        await program.ApprovedSaleAsync(affiliate, 10_000);
        var late = await program.PendingSaleAsync(affiliate, 50_000);

        // The run reads the balances, then waits for the write turn this test holds; meanwhile another sale is approved.
        Task<HttpResponseMessage> run;
        using (await app.Services.GetRequiredService<WriteGate>().EnterAsync())
        {
            run = program.Merchant.Api.PostAsync("/api/v1/payouts/generate", null);
            await Task.Delay(1_000);
            await program.Merchant.ApproveConversionAsync(late);
        }
        var payout = Assert.Single((await (await run).ReadJsonAsync<PreparedPayouts>()).Payouts);

        Assert.Equal((6_000L, 2), (payout.Amount, payout.LineCount));
        Assert.Equal(2L, await app.SqlAsync($"SELECT COUNT(*) FROM PayoutItems WHERE PayoutId = {payout.Id}"));
    }
}
