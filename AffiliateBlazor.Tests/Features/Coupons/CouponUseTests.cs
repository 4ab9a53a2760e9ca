using System.Net;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Coupons;

/// <summary>An offline coupon use reported by the merchant becomes a conversion of the coupon's affiliate, priced by the campaign.</summary>
public sealed class CouponUseTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_use_of_a_fixed_coupon_pays_the_coupons_affiliate_the_fixed_amount()
    {
        var program = await app.ProgramAsync(CampaignBuilder.FixedCoupon(perUse: 750));
        await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "STORE-7");

        var use = await program.Merchant.Api.RecordCouponUseAsync(ConversionBuilder.CouponUse("STORE-7").Order("till-1").Amount(4999));

        Assert.False(use.Duplicate);
        var conversion = use.Conversion;
        Assert.Equal((program.Affiliate.AffiliateId, program.Campaign.Id, ConversionSource.Coupon, ConversionStatus.Pending),
            (conversion.AffiliateId, conversion.CampaignId, conversion.Source, conversion.Status));
        Assert.Equal((4999L, 750L, "USD"), (conversion.Amount, conversion.Commission, conversion.Currency));
        Assert.Equal("coupon", conversion.AttributionReason);
        var mine = await program.Affiliate.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/me/conversions");
        Assert.Equal(750, Assert.Single(mine.Items).Commission);
        Assert.Equal(750, Assert.Single(await app.LinesOfAsync(conversion.Id)).Amount);
    }

    [Fact]
    public async Task A_use_of_a_percentage_coupon_pays_its_share_of_the_sale_rounded_half_away_from_zero()
    {
        var program = await app.ProgramAsync(CampaignBuilder.PercentCoupon(basisPoints: 1250));
        await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "Friends12");

        var use = await program.Merchant.Api.RecordCouponUseAsync(ConversionBuilder.CouponUse("friends12").Amount(1234));

        Assert.Equal(program.Affiliate.AffiliateId, use.Conversion.AffiliateId);
        Assert.Equal(154, use.Conversion.Commission); // 12.5 % of 12.34 = 1.5425
    }

    [Fact]
    public async Task A_repeated_order_is_a_duplicate_and_the_affiliate_is_paid_once()
    {
        var program = await app.ProgramAsync(CampaignBuilder.FixedCoupon(perUse: 500));
        await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "ONCE");
        var use = ConversionBuilder.CouponUse("ONCE").Order("receipt-99");

        var first = await program.Merchant.Api.RecordCouponUseAsync(use);
        var again = await program.Merchant.Api.RecordCouponUseAsync(use);

        Assert.True(again.Duplicate);
        Assert.Equal(first.Id, again.Id);
        Assert.Single(await app.LinesOfAsync(first.Id));
    }

    [Fact]
    public async Task A_use_names_its_date_when_given_and_never_one_in_the_future()
    {
        var program = await app.ProgramAsync(CampaignBuilder.FixedCoupon(perUse: 500));
        await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "DATED");

        var dated = await program.Merchant.Api.RecordCouponUseAsync(ConversionBuilder.CouponUse("DATED").Set("date", "2026-01-15T10:00:00Z"));
        var future = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons/uses",
            ConversionBuilder.CouponUse("DATED").Set("date", DateTime.UtcNow.AddDays(2).ToString("O")).Build());

        Assert.Equal(new DateTime(2026, 1, 15, 10, 0, 0, DateTimeKind.Utc), dated.Conversion.CreatedAt);
        Assert.Contains("date", (await future.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task A_deactivated_coupon_an_unknown_code_or_a_foreign_currency_is_refused_and_nothing_is_written()
    {
        var program = await app.ProgramAsync(CampaignBuilder.FixedCoupon(perUse: 500));
        var coupon = await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "OLD");
        await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "NEW");
        await program.Merchant.Api.PostAsync($"/api/v1/coupons/{coupon.Id}/deactivate", null);

        var deactivated = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons/uses", ConversionBuilder.CouponUse("OLD").Build());
        var unknown = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons/uses", ConversionBuilder.CouponUse("NOPE").Build());
        var euros = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons/uses", ConversionBuilder.CouponUse("NEW").Set("currency", "EUR").Build());
        var noOrder = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons/uses", ConversionBuilder.CouponUse("NEW").Set("orderId", " ").Build());

        Assert.Contains("is deactivated", (await deactivated.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());
        Assert.Contains("code", (await unknown.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("currency", (await euros.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("orderId", (await noOrder.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(0, await app.ConversionCountAsync(program.Merchant.Id));
    }

    [Fact]
    public async Task A_code_in_several_campaigns_needs_the_campaign_named()
    {
        var program = await app.ProgramAsync(CampaignBuilder.FixedCoupon(perUse: 500));
        var second = await program.Merchant.CreateCampaignAsync(CampaignBuilder.FixedCoupon(perUse: 900));
        await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "TWICE");
        await program.Merchant.CreateCouponAsync(second.Id, program.Affiliate.AffiliateId, "TWICE");

        var ambiguous = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons/uses", ConversionBuilder.CouponUse("TWICE").Build());
        var named = await program.Merchant.Api.RecordCouponUseAsync(ConversionBuilder.CouponUse("TWICE").Set("campaignId", second.Id));

        Assert.Contains("name the campaign", (await ambiguous.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());
        Assert.Equal((second.Id, 900L), (named.Conversion.CampaignId, named.Conversion.Commission));
    }
}
