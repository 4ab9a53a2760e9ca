using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

/// <summary>Personal payout with the coupon used → personal payout without coupon → campaign rule.</summary>
public class CommissionPrecedenceTests
{
    private const int Me = 7;
    private const int Someone = 8;
    private static readonly CommissionRule Campaign = new(CommissionType.Cps, "USD", 1000, 0);   // 10 %

    private static readonly PersonalRate WithCoupon = new(Me, PayoutBasis.Fixed, 0, 999, "SUMMER10");
    private static readonly PersonalRate WithoutCoupon = new(Me, PayoutBasis.Percent, 2000, 0, null); // 20 %

    private static CommissionQuote Quote(string? coupon, params PersonalRate[] personal) =>
        CommissionCalculator.ForConversion(Campaign, personal, new ConversionFacts(Me, ConversionType.Sale, 10_000, "USD", coupon));

    [Fact]
    public void Personal_payout_for_the_coupon_used_wins()
    {
        var quote = Quote("SUMMER10", WithoutCoupon, WithCoupon);
        Assert.Equal(new CommissionQuote(999, "USD", "personal payout for coupon SUMMER10: fixed 9.99 USD"), quote);
    }

    [Theory]
    [InlineData("summer10")]
    [InlineData("Summer10")]
    [InlineData("sUMMEr10")]
    public void Coupon_codes_match_whatever_their_case(string used) =>
        Assert.Equal(999, Quote(used, WithCoupon, WithoutCoupon).Amount);

    [Theory]
    [InlineData(null)]
    [InlineData("WINTER")]
    [InlineData("SUMMER1")]
    [InlineData("SUMMER10 ")]
    public void Personal_payout_without_coupon_applies_when_its_coupon_was_not_used(string? used)
    {
        var quote = Quote(used, WithCoupon, WithoutCoupon);
        Assert.Equal(new CommissionQuote(2000, "USD", "personal payout: 20% of 100.00 USD"), quote);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("WINTER")]
    public void Campaign_rule_applies_when_only_an_unused_coupon_payout_exists(string? used) =>
        Assert.Equal(new CommissionQuote(1000, "USD", "CPS: 10% of 100.00 USD"), Quote(used, WithCoupon));

    [Fact]
    public void Campaign_rule_applies_without_personal_payouts() =>
        Assert.Equal(1000, Quote("SUMMER10").Amount);

    [Fact]
    public void Personal_payout_without_coupon_beats_the_campaign_even_when_a_coupon_was_used() =>
        Assert.Equal(2000, Quote("ANY", WithoutCoupon).Amount);

    [Fact]
    public void Another_affiliates_personal_payouts_never_apply()
    {
        var theirs = new[]
        {
            WithCoupon with { AffiliateId = Someone, FixedAmount = 50_000 },
            WithoutCoupon with { AffiliateId = Someone, PercentBasisPoints = 9_000 },
        };
        Assert.Equal(1000, Quote("SUMMER10", theirs).Amount);
        Assert.Equal(1000, Quote(null, theirs).Amount);
    }

    [Fact]
    public void My_payouts_are_found_among_other_affiliates()
    {
        var theirCoupon = WithCoupon with { AffiliateId = Someone, FixedAmount = 50_000 };
        Assert.Equal(999, Quote("summer10", theirCoupon, WithoutCoupon, WithCoupon).Amount);
        Assert.Equal(2000, Quote(null, theirCoupon, WithCoupon, WithoutCoupon).Amount);
    }

    [Fact]
    public void A_personal_payout_of_zero_still_applies() =>
        Assert.Equal(0, Quote(null, WithoutCoupon with { Basis = PayoutBasis.Fixed, FixedAmount = 0 }).Amount);

    [Fact]
    public void A_personal_percent_rounds_at_the_midpoint_away_from_zero()
    {
        var personal = new PersonalRate(Me, PayoutBasis.Percent, 1250, 0, null);
        var quote = CommissionCalculator.ForConversion(Campaign, [personal], new ConversionFacts(Me, ConversionType.Sale, 20, "USD", null));
        Assert.Equal(3, quote.Amount);
    }

    [Fact]
    public void A_personal_payout_overrides_a_cpa_rule()
    {
        var cpa = new CommissionRule(CommissionType.Cpa, "EUR", 0, 500, ConversionType.Lead);
        var personal = new PersonalRate(Me, PayoutBasis.Fixed, 0, 750, null);
        var quote = CommissionCalculator.ForConversion(cpa, [personal], new ConversionFacts(Me, ConversionType.Lead, 0, "EUR", null));
        Assert.Equal(new CommissionQuote(750, "EUR", "personal payout: fixed 7.50 EUR"), quote);
    }

    [Fact]
    public void A_negative_amount_is_refused_even_with_a_personal_payout() =>
        Assert.Throws<DomainException>(() => CommissionCalculator.ForConversion(Campaign, [WithCoupon, WithoutCoupon],
            new ConversionFacts(Me, ConversionType.Sale, -100, "USD", "SUMMER10")));

    [Theory]
    [InlineData(CommissionType.Ppc, ConversionType.Sale)]
    [InlineData(CommissionType.Cpm, ConversionType.Sale)]
    [InlineData(CommissionType.Cpa, ConversionType.Lead)]
    public void A_personal_payout_never_pays_for_conversions_the_campaign_does_not_pay_for(CommissionType type, ConversionType action)
    {
        var campaign = new CommissionRule(type, "USD", 0, 50, CpaAction: ConversionType.Sale);
        var quote = CommissionCalculator.ForConversion(campaign, [WithoutCoupon], new ConversionFacts(Me, action, 10_000, "USD", null));
        Assert.Equal(0, quote.Amount);
    }
}
