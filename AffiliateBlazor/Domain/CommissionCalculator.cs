using System.Globalization;

namespace AffiliateBlazor.Domain;

/// <summary>The commission rule a campaign sets for everyone.</summary>
public sealed record CommissionRule(
    CommissionType Type, string Currency, int PercentBasisPoints, long FixedAmount,
    ConversionType CpaAction = ConversionType.Sale, PayoutBasis CouponBasis = PayoutBasis.Fixed);

/// <summary>A personal payout of one affiliate, optionally bound to a coupon code.</summary>
public sealed record PersonalRate(int AffiliateId, PayoutBasis Basis, int PercentBasisPoints, long FixedAmount, string? CouponCode);

/// <summary>What is known about a conversion when its commission is computed.</summary>
public sealed record ConversionFacts(int AffiliateId, ConversionType Type, long Amount, string Currency, string? CouponCode);

public sealed record CommissionQuote(long Amount, string Currency, string Basis);

/// <summary>
/// Commission for one conversion: the first rule that applies, in the order personal payout with the coupon used →
/// personal payout without coupon → campaign rule. PPC and CPM pay for traffic, not conversions (see <see cref="TrafficAccrual"/>).
/// </summary>
public static class CommissionCalculator
{
    public static CommissionQuote ForConversion(CommissionRule campaign, IEnumerable<PersonalRate> personalRates, ConversionFacts facts)
    {
        if (facts.Amount < 0) throw new DomainException("The amount cannot be negative.");
        if (!string.Equals(facts.Currency, campaign.Currency, StringComparison.Ordinal))
            throw new CurrencyMismatchException(campaign.Currency, facts.Currency);

        // Traffic campaigns pay per click or impression through TrafficAccrual, a CPA campaign pays only for its own action
        // and a coupon campaign only for coupon uses: no rate, personal or not, turns other conversions into commission.
        if (campaign.Type is CommissionType.Ppc or CommissionType.Cpm || (campaign.Type == CommissionType.Cpa && facts.Type != campaign.CpaAction)
            || (campaign.Type == CommissionType.Coupon && facts.CouponCode is null))
            return new CommissionQuote(0, campaign.Currency, campaign.Type switch
            {
                CommissionType.Ppc => "PPC pays per click, not per conversion",
                CommissionType.Cpm => "CPM pays per 1,000 impressions, not per conversion",
                CommissionType.Coupon => "a coupon campaign pays per coupon use, and no valid coupon was used",
                _ => $"CPA pays per {campaign.CpaAction.ToString().ToLowerInvariant()} only",
            });

        var mine = personalRates.Where(p => p.AffiliateId == facts.AffiliateId).ToList();
        var personal =
            mine.FirstOrDefault(p => p.CouponCode is not null && facts.CouponCode is not null
                                     && string.Equals(p.CouponCode, facts.CouponCode, StringComparison.OrdinalIgnoreCase))
            ?? mine.FirstOrDefault(p => p.CouponCode is null);
        if (personal is not null)
        {
            var label = personal.CouponCode is null ? "personal payout" : $"personal payout for coupon {personal.CouponCode}";
            return Apply(personal.Basis, personal.PercentBasisPoints, personal.FixedAmount, facts, campaign.Currency, label);
        }
        return campaign.Type switch
        {
            CommissionType.Cps => Apply(PayoutBasis.Percent, campaign.PercentBasisPoints, 0, facts, campaign.Currency, "CPS"),
            CommissionType.Cpa => Apply(PayoutBasis.Fixed, 0, campaign.FixedAmount, facts, campaign.Currency, $"CPA per {campaign.CpaAction.ToString().ToLowerInvariant()}"),
            CommissionType.Coupon => Apply(campaign.CouponBasis, campaign.PercentBasisPoints, campaign.FixedAmount, facts, campaign.Currency, "coupon use"),
            _ => throw new DomainException($"Unknown commission type {campaign.Type}."),
        };
    }

    private static CommissionQuote Apply(PayoutBasis basis, int basisPoints, long fixedAmount, ConversionFacts facts, string currency, string label) =>
        basis == PayoutBasis.Percent
            ? new(MoneyMath.ApplyBasisPoints(facts.Amount, basisPoints), currency,
                  string.Create(CultureInfo.InvariantCulture, $"{label}: {basisPoints / 100m:0.##}% of {MoneyFormat.Display(facts.Amount, facts.Currency)}"))
            : new(fixedAmount, currency, $"{label}: fixed {MoneyFormat.Display(fixedAmount, currency)}");
}

/// <summary>
/// PPC and CPM accrue one ledger line per affiliate, campaign and day. The fraction of a minor unit that a day
/// leaves over is carried to the next, so 2,500 impressions at 2.00 per mille pay exactly 5.00 over time.
/// </summary>
public static class TrafficAccrual
{
    public sealed record DayResult(long Pay, long CarriedThousandths);

    public static DayResult ForDay(CommissionType type, long billableEvents, long rateMinor, long carriedThousandths)
    {
        if (billableEvents < 0 || rateMinor < 0 || carriedThousandths is < 0 or >= 1000)
            throw new DomainException("Counts, rates and carried fractions cannot be negative.");
        return type switch
        {
            CommissionType.Ppc => new(checked(billableEvents * rateMinor), carriedThousandths),
            CommissionType.Cpm => SplitThousandths(checked(billableEvents * rateMinor + carriedThousandths)),
            _ => new(0, carriedThousandths),
        };
    }

    private static DayResult SplitThousandths(long thousandths) => new(thousandths / 1000, thousandths % 1000);
}
