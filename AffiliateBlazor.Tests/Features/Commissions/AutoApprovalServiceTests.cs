using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Commissions;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Tests.Features.Commissions;

/// <summary>After the hold period, what nobody flagged or decided is approved; flagged sales wait for the merchant.</summary>
public sealed class AutoApprovalServiceTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private static readonly DateTime Start = new(2025, 4, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Unflagged_conversions_past_the_hold_are_approved_with_their_lines()
    {
        var cps = await CampaignScenario.CreateAsync(app, new CampaignInput { PercentBasisPoints = 1000, HoldDays = 30 }, Start);
        var old = await cps.SaleAsync(cps.Affiliate, 10_000);
        var flagged = await cps.SaleAsync(cps.Affiliate, 20_000);
        await FlagAsync(flagged);
        var declined = await cps.SaleAsync(cps.Affiliate, 30_000);
        await DeclineAsync(declined);
        app.SetNow(Start.AddDays(20));
        var young = await cps.SaleAsync(cps.Affiliate, 40_000);

        var now = Start.AddDays(30).AddMinutes(1);
        app.SetNow(now);
        await app.RunAsync<AutoApprovalService, AutoApprovalResult>(s => s.ApproveHeldAsync());

        var conversions = await ConversionsAsync(cps);
        Assert.Equal((ConversionStatus.Approved, (DateTime?)now), (conversions[old].Status, conversions[old].DecidedAt));
        Assert.Equal(ConversionStatus.Pending, conversions[flagged].Status);
        Assert.Equal(ConversionStatus.Declined, conversions[declined].Status);
        Assert.Equal(ConversionStatus.Pending, conversions[young].Status);
        var lines = (await cps.LinesAsync()).ToDictionary(l => l.ConversionId!.Value, l => l.Status);
        Assert.Equal(CommissionLineStatus.Approved, lines[old]);
        Assert.Equal(CommissionLineStatus.Pending, lines[flagged]);
        Assert.Equal(CommissionLineStatus.Pending, lines[young]);

        app.SetNow(Start.AddDays(50).AddMinutes(1));
        await app.RunAsync<AutoApprovalService, AutoApprovalResult>(s => s.ApproveHeldAsync());
        Assert.Equal(ConversionStatus.Approved, (await ConversionsAsync(cps))[young].Status);
        Assert.Equal(ConversionStatus.Pending, (await ConversionsAsync(cps))[flagged].Status);
    }

    [Fact]
    public async Task A_test_conversion_sent_with_an_affiliates_click_id_is_never_approved_by_the_hold()
    {
        var cps = await CampaignScenario.CreateAsync(app, new CampaignInput { PercentBasisPoints = 1000, HoldDays = 30 }, Start);
        var click = await app.RunAsync<TrafficRecorder, RecordedClick?>(r =>
            r.RecordClickAsync(cps.LinkCode(cps.Affiliate), new Visit(AppFactory.Unique("ip"), AppFactory.BrowserAgent, null, false, null, new string?[5])));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var test = await app.RunAsync<TrackedConversionService, PostbackAnswer>(s =>
            s.SendTestConversionAsync(cps.Merchant, new TestConversion(cps.Campaign.Id, 10_000, click!.PublicId, null)));

        app.SetNow(Start.AddYears(1));
        await app.RunAsync<AutoApprovalService, AutoApprovalResult>(s => s.ApproveHeldAsync());

        var conversion = (await ConversionsAsync(cps))[test.Id];
        Assert.Equal((cps.Affiliate.Affiliate, 1_000L), (conversion.AffiliateId, conversion.Commission));
        Assert.Equal((ConversionStatus.Pending, ConversionSource.Test, FraudFlags.Test), (conversion.Status, conversion.Source, conversion.Flags));
        Assert.Contains("sent from the tracking page as a test", conversion.FlagReason);
        Assert.Equal(CommissionLineStatus.Pending, Assert.Single(await cps.LinesAsync()).Status);
    }

    [Fact]
    public async Task A_hold_of_zero_days_leaves_every_approval_to_the_merchant()
    {
        var manual = await CampaignScenario.CreateAsync(app, new CampaignInput { PercentBasisPoints = 1000, HoldDays = 0 }, Start);
        var sale = await manual.SaleAsync(manual.Affiliate, 10_000);
        var ppc = await CampaignScenario.TrafficAsync(app, CommissionType.Ppc, rate: 5, Start, holdDays: 0);
        await ppc.ClicksAsync(ppc.Affiliate, Start.AddHours(1), clicks: 3, billable: 3, unique: 3);
        await ppc.CloseDaysEndingAsync(Start.Date.AddDays(1));

        app.SetNow(Start.AddYears(2));
        await app.RunAsync<AutoApprovalService, AutoApprovalResult>(s => s.ApproveHeldAsync());

        Assert.Equal(ConversionStatus.Pending, (await ConversionsAsync(manual))[sale].Status);
        Assert.All(await manual.LinesAsync(), l => Assert.Equal(CommissionLineStatus.Pending, l.Status));
        Assert.Equal(CommissionLineStatus.Pending, Assert.Single(await ppc.LinesAsync()).Status);
    }

    [Fact]
    public async Task Accrual_lines_are_approved_once_the_hold_has_passed_since_their_day_was_closed()
    {
        var ppc = await CampaignScenario.TrafficAsync(app, CommissionType.Ppc, rate: 5, Start, holdDays: 7);
        await ppc.ClicksAsync(ppc.Affiliate, Start.AddHours(1), clicks: 3, billable: 3, unique: 3);
        var closedAt = Start.Date.AddDays(1) + TrafficAccrualService.SettlingTime;
        await ppc.CloseDaysAsync(closedAt);

        app.SetNow(closedAt.AddDays(7).AddTicks(-10));
        await app.RunAsync<AutoApprovalService, AutoApprovalResult>(s => s.ApproveHeldAsync());
        Assert.Equal(CommissionLineStatus.Pending, Assert.Single(await ppc.LinesAsync()).Status);

        app.SetNow(closedAt.AddDays(7));
        await app.RunAsync<AutoApprovalService, AutoApprovalResult>(s => s.ApproveHeldAsync());
        var line = Assert.Single(await ppc.LinesAsync());
        Assert.Equal((CommissionLineStatus.Approved, 15L), (line.Status, line.Amount));
    }

    [Fact]
    public async Task A_backlog_larger_than_a_batch_is_approved_whole_and_a_second_run_finds_nothing()
    {
        var cps = await CampaignScenario.CreateAsync(app, new CampaignInput { PercentBasisPoints = 1000, HoldDays = 1 }, Start);
        var count = 2 * AutoApprovalService.BatchSize + 7;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            for (var i = 0; i < count; i++)
                db.Conversions.Add(new Conversion
                {
                    MerchantId = cps.Merchant.Merchant, CampaignId = cps.Campaign.Id, AffiliateId = cps.Affiliate.Affiliate, OrderId = $"bulk-{i}",
                    Amount = 1000, Currency = "USD", Commission = 100, Status = ConversionStatus.Pending, CreatedAt = Start,
                });
            await db.SaveChangesAsync();
            db.CommissionLines.AddRange(await db.Conversions.Where(c => c.CampaignId == cps.Campaign.Id).Select(c => new CommissionLine
            {
                MerchantId = c.MerchantId, CampaignId = c.CampaignId, AffiliateId = c.AffiliateId!.Value, ConversionId = c.Id,
                Kind = CommissionLineKind.Conversion, Status = CommissionLineStatus.Pending, Amount = c.Commission, Currency = "USD", CreatedAt = Start,
            }).ToListAsync());
            await db.SaveChangesAsync();
        }

        app.SetNow(Start.AddDays(2));
        var first = await app.RunAsync<AutoApprovalService, AutoApprovalResult>(s => s.ApproveHeldAsync());
        var second = await app.RunAsync<AutoApprovalService, AutoApprovalResult>(s => s.ApproveHeldAsync());

        Assert.True(first.Conversions >= count, $"approved {first.Conversions} of {count}");
        Assert.Equal(new AutoApprovalResult(0, 0), second);
        Assert.All((await ConversionsAsync(cps)).Values, c => Assert.Equal(ConversionStatus.Approved, c.Status));
        Assert.All(await cps.LinesAsync(), l => Assert.Equal(CommissionLineStatus.Approved, l.Status));
    }

    private async Task FlagAsync(long conversionId)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        await db.Conversions.Where(c => c.Id == conversionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Flags, FraudFlags.TooFastAfterClick).SetProperty(c => c.FlagReason, "Converted seconds after its click."));
    }

    private async Task DeclineAsync(long conversionId)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var conversion = await db.Conversions.SingleAsync(c => c.Id == conversionId);
        conversion.Decline(app.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    private async Task<Dictionary<long, Conversion>> ConversionsAsync(CampaignScenario scenario)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.Conversions.AsNoTracking().Where(c => c.CampaignId == scenario.Campaign.Id).ToDictionaryAsync(c => c.Id);
    }
}
