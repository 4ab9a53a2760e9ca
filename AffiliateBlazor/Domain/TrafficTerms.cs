namespace AffiliateBlazor.Domain;

/// <summary>What a PPC or CPM campaign pays one affiliate for its traffic: which ledger line, at which rate.</summary>
public static class TrafficTerms
{
    public static CommissionLineKind LineKind(CommissionType type) => type switch
    {
        CommissionType.Ppc => CommissionLineKind.ClickAccrual,
        CommissionType.Cpm => CommissionLineKind.ImpressionAccrual,
        _ => throw new DomainException($"A {type} campaign pays for conversions, not for traffic."),
    };

    /// <summary>
    /// Minor units per unique click (PPC) or per 1,000 impressions (CPM). A fixed personal payout without a coupon
    /// replaces the campaign's rate: traffic has no sale amount for a percentage to apply to, and no coupon is used on a
    /// click or an impression, so percentage and coupon-bound payouts leave the campaign's rate in force. When several
    /// apply, the last one (the newest, as the caller orders them) wins.
    /// </summary>
    public static long RateFor(int affiliateId, long campaignRate, IEnumerable<PersonalRate> personalRates) =>
        personalRates.LastOrDefault(p => p.AffiliateId == affiliateId && p.CouponCode is null && p.Basis == PayoutBasis.Fixed)?.FixedAmount
        ?? campaignRate;
}
