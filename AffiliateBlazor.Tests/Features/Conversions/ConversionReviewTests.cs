using System.Net;
using System.Text.Json.Nodes;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Dashboards;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Conversions;

/// <summary>
/// The merchant's review: Pending → Approved | Declined, Approved → Reversed, singly or in bulk, and transactions added by
/// hand. An illegal move is a 409 that changes nothing; the commission ledger follows every decision.
/// </summary>
public sealed class ConversionReviewTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Approving_a_pending_conversion_approves_its_commission_and_it_cannot_be_approved_or_declined_again()
    {
        var sale = await app.TrackedSaleAsync();

        var approved = await (await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "approve")).ReadJsonAsync<ConversionView>();
        var again = await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "approve");
        var decline = await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "decline");

        Assert.Equal(ConversionStatus.Approved, approved.Status);
        Assert.Contains("Only a pending conversion can become approved; this one is approved.", (await again.AssertProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        await decline.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(CommissionLineStatus.Approved, Assert.Single(await app.LinesOfAsync(sale.Sale.Id)).Status);
        Assert.Equal(ConversionStatus.Approved, (await sale.Merchant.Api.GetJsonAsync<ConversionView>($"/api/v1/conversions/{sale.Sale.Id}")).Status);
        Assert.Equal((0L, 1235L), ((await app.EarningsAsync(sale.Affiliate)).Pending, (await app.EarningsAsync(sale.Affiliate)).Approved));
    }

    [Fact]
    public async Task A_declined_conversion_declines_its_commission_and_cannot_be_reversed()
    {
        var sale = await app.TrackedSaleAsync();

        var declined = await (await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "decline")).ReadJsonAsync<ConversionView>();
        var reverse = await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "reverse");

        Assert.Equal(ConversionStatus.Declined, declined.Status);
        await reverse.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(CommissionLineStatus.Declined, Assert.Single(await app.LinesOfAsync(sale.Sale.Id)).Status);
        Assert.Equal(new Earnings("USD", 0, 0, 0), await app.EarningsAsync(sale.Affiliate));
    }

    [Fact]
    public async Task A_pending_conversion_cannot_be_reversed_before_it_is_approved()
    {
        var sale = await app.TrackedSaleAsync();

        await (await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "reverse")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(CommissionLineStatus.Pending, Assert.Single(await app.LinesOfAsync(sale.Sale.Id)).Status);
    }

    [Fact]
    public async Task Reversing_an_unpaid_approved_sale_declines_its_commission_and_the_earnings_drop()
    {
        var sale = await app.TrackedSaleAsync();
        await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "approve");
        Assert.Equal(1235, (await app.EarningsAsync(sale.Affiliate)).Approved);

        var reversed = await (await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "reverse")).ReadJsonAsync<ConversionView>();

        Assert.Equal(ConversionStatus.Reversed, reversed.Status);
        Assert.Equal(CommissionLineStatus.Declined, Assert.Single(await app.LinesOfAsync(sale.Sale.Id)).Status);
        Assert.Equal(new Earnings("USD", 0, 0, 0), await app.EarningsAsync(sale.Affiliate));
        await (await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "reverse")).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Reversing_a_paid_sale_keeps_the_paid_line_and_adds_a_clawback_the_next_payout_deducts()
    {
        var sale = await app.TrackedSaleAsync();
        await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "approve");
        await sale.Merchant.PayEverythingAsync();
        Assert.Equal(new Earnings("USD", 0, 0, 1235), await app.EarningsAsync(sale.Affiliate));

        await (await sale.Merchant.Api.ReviewAsync(sale.Sale.Id, "reverse")).ReadJsonAsync<ConversionView>();

        var lines = await app.LinesOfAsync(sale.Sale.Id);
        Assert.Equal(2, lines.Count);
        Assert.Equal((CommissionLineKind.Conversion, CommissionLineStatus.Approved, 1235L), (lines[0].Kind, lines[0].Status, lines[0].Amount));
        Assert.NotNull(await app.PayoutHoldingAsync(lines[0].Id));
        Assert.Equal((CommissionLineKind.Reversal, CommissionLineStatus.Approved, -1235L), (lines[1].Kind, lines[1].Status, lines[1].Amount));
        Assert.Null(await app.PayoutHoldingAsync(lines[1].Id));
        var earnings = await app.EarningsAsync(sale.Affiliate);
        Assert.Equal(new Earnings("USD", 0, -1235, 1235), earnings);
        Assert.Equal(0, earnings.Approved + earnings.Paid);
    }

    [Fact]
    public async Task Bulk_approval_moves_every_listed_conversion_or_none()
    {
        var sale = await app.TrackedSaleAsync();
        var second = await sale.Merchant.Api.RecordConversionAsync(ConversionBuilder.ForClick(sale.ClickId));
        var third = await sale.Merchant.Api.RecordConversionAsync(ConversionBuilder.ForClick(sale.ClickId));
        await sale.Merchant.Api.ReviewAsync(third.Id, "decline");

        var mixed = await sale.Merchant.Api.PostJsonAsync("/api/v1/conversions/bulk", Bulk("approve", sale.Sale.Id, second.Id, third.Id));
        Assert.Contains($"#{third.Id}", (await mixed.AssertProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        Assert.All(await StatusesAsync(sale, sale.Sale.Id, second.Id), s => Assert.Equal(ConversionStatus.Pending, s));

        var good = await sale.Merchant.Api.PostJsonAsync("/api/v1/conversions/bulk", Bulk("approve", sale.Sale.Id, second.Id));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.All(await StatusesAsync(sale, sale.Sale.Id, second.Id), s => Assert.Equal(ConversionStatus.Approved, s));
        Assert.Equal(CommissionLineStatus.Approved, Assert.Single(await app.LinesOfAsync(second.Id)).Status);
    }

    [Fact]
    public async Task Bulk_decline_refuses_a_strangers_id_an_empty_list_and_reversal_in_bulk()
    {
        var sale = await app.TrackedSaleAsync();
        var other = await app.TrackedSaleAsync();

        var stranger = await sale.Merchant.Api.PostJsonAsync("/api/v1/conversions/bulk", Bulk("decline", sale.Sale.Id, other.Sale.Id));
        var empty = await sale.Merchant.Api.PostJsonAsync("/api/v1/conversions/bulk", Bulk("decline"));
        var reverse = await sale.Merchant.Api.PostJsonAsync("/api/v1/conversions/bulk", Bulk("reverse", sale.Sale.Id));
        var unknown = await sale.Merchant.Api.PostJsonAsync("/api/v1/conversions/bulk", Bulk("delete", sale.Sale.Id));

        await stranger.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("ids", (await empty.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("action", (await reverse.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(ConversionStatus.Pending, (await StatusesAsync(sale, sale.Sale.Id)).Single());
        Assert.Equal(ConversionStatus.Pending, (await StatusesAsync(other, other.Sale.Id)).Single());
    }

    [Fact]
    public async Task Another_merchant_or_the_affiliate_cannot_review_the_merchants_conversions()
    {
        var sale = await app.TrackedSaleAsync();
        var stranger = await app.CreateMerchantAsync();

        foreach (var action in new[] { "approve", "decline", "reverse" })
            await (await stranger.Api.ReviewAsync(sale.Sale.Id, action)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await sale.Affiliate.Api.ReviewAsync(sale.Sale.Id, "approve")).StatusCode);

        Assert.Equal(ConversionStatus.Pending, (await StatusesAsync(sale, sale.Sale.Id)).Single());
    }

    [Fact]
    public async Task A_transaction_added_by_hand_is_pending_priced_and_shown_to_its_affiliate()
    {
        var sale = await app.TrackedSaleAsync();

        var added = await sale.Merchant.Api.AddManualTransactionAsync(ConversionBuilder.Manual(sale.Campaign.Id, sale.Affiliate.AffiliateId).Order("phone-1").Amount(20_000));
        var again = await sale.Merchant.Api.AddManualTransactionAsync(ConversionBuilder.Manual(sale.Campaign.Id, sale.Affiliate.AffiliateId).Order("phone-1").Amount(1));

        Assert.False(added.Duplicate);
        Assert.Equal((ConversionSource.Manual, ConversionStatus.Pending, 2000L, sale.Affiliate.AffiliateId),
            (added.Conversion.Source, added.Conversion.Status, added.Conversion.Commission, added.Conversion.AffiliateId));
        Assert.Equal((true, added.Id, 20_000L), (again.Duplicate, again.Id, again.Conversion.Amount));
        var mine = await sale.Affiliate.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/me/conversions");
        var seen = Assert.Single(mine.Items, c => c.OrderId == "phone-1");
        Assert.Equal((ConversionSource.Manual, 2000L), (seen.Source, seen.Commission));
        Assert.Equal(CommissionLineStatus.Pending, Assert.Single(await app.LinesOfAsync(added.Id)).Status);
    }

    [Fact]
    public async Task A_transaction_by_hand_needs_a_member_of_the_program_and_the_merchants_own_campaign()
    {
        var sale = await app.TrackedSaleAsync();
        var other = await app.TrackedSaleAsync();
        var api = sale.Merchant.Api;

        var outsider = await api.PostJsonAsync("/api/v1/conversions/manual", ConversionBuilder.Manual(sale.Campaign.Id, other.Affiliate.AffiliateId).Build());
        var foreignCampaign = await api.PostJsonAsync("/api/v1/conversions/manual", ConversionBuilder.Manual(other.Campaign.Id, sale.Affiliate.AffiliateId).Build());
        var noAffiliate = await api.PostJsonAsync("/api/v1/conversions/manual", ConversionBuilder.ForCampaign(sale.Campaign.Id).Build());
        var negative = await api.PostJsonAsync("/api/v1/conversions/manual", ConversionBuilder.Manual(sale.Campaign.Id, sale.Affiliate.AffiliateId).Amount(-5).Build());

        await outsider.AssertProblemAsync(HttpStatusCode.NotFound);
        await foreignCampaign.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("affiliateId", (await noAffiliate.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("amount", (await negative.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(1, await app.ConversionCountAsync(sale.Merchant.Id));
    }

    private static JsonObject Bulk(string action, params long[] ids) => new() { ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()), ["action"] = action };

    private static async Task<List<ConversionStatus>> StatusesAsync(TrackedSale sale, params long[] ids)
    {
        var all = await sale.Merchant.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/conversions");
        return ids.Select(id => all.Items.Single(c => c.Id == id).Status).ToList();
    }
}
