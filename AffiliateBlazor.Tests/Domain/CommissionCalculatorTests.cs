using System.Globalization;
using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

public class CommissionCalculatorTests
{
    private const int Affiliate = 7;
    private static readonly PersonalRate[] NoPersonal = [];

    private static CommissionRule Rule(CommissionType type, int bp = 0, long fixedAmount = 0,
        ConversionType cpaAction = ConversionType.Sale, PayoutBasis couponBasis = PayoutBasis.Fixed, string currency = "USD") =>
        new(type, currency, bp, fixedAmount, cpaAction, couponBasis);

    private static ConversionFacts Sale(long amount, string currency = "USD", ConversionType type = ConversionType.Sale) =>
        new(Affiliate, type, amount, currency, null);

    private static CommissionQuote Quote(CommissionRule rule, ConversionFacts facts) =>
        CommissionCalculator.ForConversion(rule, NoPersonal, facts);

    [Fact]
    public void Cps_pays_the_rate_of_the_amount_and_explains_it()
    {
        var quote = Quote(Rule(CommissionType.Cps, bp: 1250), Sale(10_000));
        Assert.Equal(new CommissionQuote(1250, "USD", "CPS: 12.5% of 100.00 USD"), quote);
    }

    [Theory]
    [InlineData(4, 1250, 1)]      // 0.5   -> 1
    [InlineData(12, 1250, 2)]     // 1.5   -> 2
    [InlineData(20, 1250, 3)]     // 2.5   -> 3 (banker's rounding would give 2)
    [InlineData(36, 1250, 5)]     // 4.5   -> 5 (banker's rounding would give 4)
    [InlineData(1, 5000, 1)]      // 0.5   -> 1
    [InlineData(5, 5000, 3)]      // 2.5   -> 3
    [InlineData(5_000, 1, 1)]     // 0.5   -> 1
    [InlineData(25_000, 1, 3)]    // 2.5   -> 3
    [InlineData(1, 1250, 0)]      // 0.125 -> 0
    [InlineData(7, 1250, 1)]      // 0.875 -> 1
    [InlineData(4_540, 1250, 568)] // 567.5 -> 568
    [InlineData(1, 10_000, 1)]
    [InlineData(9_999, 10_000, 9_999)]
    [InlineData(10_000, 0, 0)]
    [InlineData(0, 1250, 0)]
    [InlineData(0, 10_000, 0)]
    public void Cps_rounds_to_the_cent_at_the_midpoint_away_from_zero(long amount, int bp, long expected) =>
        Assert.Equal(expected, Quote(Rule(CommissionType.Cps, bp), Sale(amount)).Amount);

    [Theory]
    [InlineData(10_000, 9_223_372_036_854_775_807)]
    [InlineData(9_999, 9_222_449_699_651_090_329)]   // .4193 -> down
    [InlineData(5_000, 4_611_686_018_427_387_904)]   // .5    -> up
    [InlineData(3_333, 3_074_149_899_883_696_776)]   // .4731 -> down
    [InlineData(1_250, 1_152_921_504_606_846_976)]   // .875  -> up
    [InlineData(7, 6_456_360_425_798_343)]           // .0649 -> down
    [InlineData(1, 922_337_203_685_478)]             // .5807 -> up
    public void Cps_on_the_largest_amount_does_not_overflow(int bp, long expected) =>
        Assert.Equal(expected, Quote(Rule(CommissionType.Cps, bp), Sale(long.MaxValue)).Amount);

    [Theory]
    [InlineData(CommissionType.Cps)]
    [InlineData(CommissionType.Cpa)]
    [InlineData(CommissionType.Coupon)]
    [InlineData(CommissionType.Ppc)]
    [InlineData(CommissionType.Cpm)]
    public void A_negative_amount_is_refused_for_every_type(CommissionType type)
    {
        var ex = Assert.Throws<DomainException>(() => Quote(Rule(type, 1000, 500), Sale(-1)));
        Assert.Equal("The amount cannot be negative.", ex.Message);
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("usd")]
    [InlineData("")]
    public void A_conversion_in_another_currency_is_refused(string currency)
    {
        var ex = Assert.Throws<CurrencyMismatchException>(() => Quote(Rule(CommissionType.Cps, 1000), Sale(100, currency)));
        Assert.Equal($"The amount is in {currency} but the campaign pays in USD.", ex.Message);
        Assert.IsAssignableFrom<DomainException>(ex);
    }

    [Fact]
    public void Currency_is_checked_even_when_a_personal_payout_applies()
    {
        var personal = new[] { new PersonalRate(Affiliate, PayoutBasis.Fixed, 0, 100, null) };
        Assert.Throws<CurrencyMismatchException>(() =>
            CommissionCalculator.ForConversion(Rule(CommissionType.Cps, 1000), personal, Sale(100, "EUR")));
    }

    [Fact]
    public void Cpa_pays_the_fixed_amount_for_its_action_whatever_the_amount()
    {
        var rule = Rule(CommissionType.Cpa, fixedAmount: 500, cpaAction: ConversionType.Lead);
        Assert.Equal(new CommissionQuote(500, "USD", "CPA per lead: fixed 5.00 USD"), Quote(rule, Sale(0, type: ConversionType.Lead)));
        Assert.Equal(500, Quote(rule, Sale(987_654, type: ConversionType.Lead)).Amount);
    }

    [Theory]
    [InlineData(ConversionType.Lead, ConversionType.Sale)]
    [InlineData(ConversionType.Lead, ConversionType.Custom)]
    [InlineData(ConversionType.Sale, ConversionType.Lead)]
    [InlineData(ConversionType.Custom, ConversionType.Sale)]
    public void Cpa_pays_nothing_for_other_actions(ConversionType paid, ConversionType happened)
    {
        var quote = Quote(Rule(CommissionType.Cpa, fixedAmount: 500, cpaAction: paid), Sale(10_000, type: happened));
        Assert.Equal(0, quote.Amount);
        Assert.Equal($"CPA pays per {paid.ToString().ToLowerInvariant()} only", quote.Basis);
    }

    [Fact]
    public void Cpa_defaults_to_paying_per_sale()
    {
        var rule = new CommissionRule(CommissionType.Cpa, "USD", 0, 1_234);
        Assert.Equal(1_234, Quote(rule, Sale(1)).Amount);
        Assert.Equal(0, Quote(rule, Sale(1, type: ConversionType.Lead)).Amount);
    }

    [Fact]
    public void Coupon_fixed_pays_per_use()
    {
        var quote = Quote(Rule(CommissionType.Coupon, bp: 9_000, fixedAmount: 300), Sale(50_000) with { CouponCode = "SPRING" });
        Assert.Equal(new CommissionQuote(300, "USD", "coupon use: fixed 3.00 USD"), quote);
    }

    [Fact]
    public void A_coupon_campaign_pays_nothing_for_a_sale_without_a_coupon() =>
        Assert.Equal(new CommissionQuote(0, "USD", "a coupon campaign pays per coupon use, and no valid coupon was used"),
            Quote(Rule(CommissionType.Coupon, bp: 9_000, fixedAmount: 300), Sale(50_000)));

    [Theory]
    [InlineData(4_550, 1000, 455)]
    [InlineData(4_540, 1250, 568)]
    [InlineData(0, 1250, 0)]
    public void Coupon_percent_pays_a_share_of_the_sale(long amount, int bp, long expected)
    {
        var quote = Quote(Rule(CommissionType.Coupon, bp, fixedAmount: 300, couponBasis: PayoutBasis.Percent), Sale(amount) with { CouponCode = "SPRING" });
        Assert.Equal(expected, quote.Amount);
    }

    [Fact]
    public void Coupon_percent_explains_itself() =>
        Assert.Equal("coupon use: 10% of 45.50 USD",
            Quote(Rule(CommissionType.Coupon, 1000, couponBasis: PayoutBasis.Percent), Sale(4_550) with { CouponCode = "SPRING" }).Basis);

    [Fact]
    public void Ppc_pays_nothing_per_conversion() =>
        Assert.Equal(new CommissionQuote(0, "USD", "PPC pays per click, not per conversion"),
            Quote(Rule(CommissionType.Ppc, 5_000, 25), Sale(10_000)));

    [Fact]
    public void Cpm_pays_nothing_per_conversion() =>
        Assert.Equal(new CommissionQuote(0, "USD", "CPM pays per 1,000 impressions, not per conversion"),
            Quote(Rule(CommissionType.Cpm, 5_000, 200), Sale(10_000)));

    [Fact]
    public void An_unknown_type_is_refused() =>
        Assert.Throws<DomainException>(() => Quote(Rule((CommissionType)99, 1000, 100), Sale(100)));

    [Fact]
    public void Zero_decimal_currencies_are_explained_in_whole_units() =>
        Assert.Equal(new CommissionQuote(123, "JPY", "CPS: 10% of 1,234 JPY"),
            Quote(Rule(CommissionType.Cps, 1000, currency: "JPY"), Sale(1_234, "JPY")));

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public void The_explanation_does_not_depend_on_the_server_culture(string culture)
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal("CPS: 12.5% of 1,000.00 USD", Quote(Rule(CommissionType.Cps, 1250), Sale(100_000)).Basis);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
