using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

public class TrafficTermsTests
{
    [Fact]
    public void Clicks_and_impressions_accrue_on_their_own_kinds_of_line()
    {
        Assert.Equal(CommissionLineKind.ClickAccrual, TrafficTerms.LineKind(CommissionType.Ppc));
        Assert.Equal(CommissionLineKind.ImpressionAccrual, TrafficTerms.LineKind(CommissionType.Cpm));
        Assert.Throws<DomainException>(() => TrafficTerms.LineKind(CommissionType.Cps));
    }

    [Fact]
    public void Only_a_fixed_personal_payout_without_coupon_replaces_the_campaign_rate()
    {
        PersonalRate[] rates =
        [
            new(1, PayoutBasis.Fixed, 0, 40, null),
            new(2, PayoutBasis.Percent, 1500, 0, null),
            new(3, PayoutBasis.Fixed, 90, 90, "SPRING"),
            new(4, PayoutBasis.Fixed, 0, 30, null),
            new(4, PayoutBasis.Fixed, 0, 35, null),
        ];

        Assert.Equal(40, TrafficTerms.RateFor(1, 25, rates));
        Assert.Equal(25, TrafficTerms.RateFor(2, 25, rates));
        Assert.Equal(25, TrafficTerms.RateFor(3, 25, rates));
        Assert.Equal(35, TrafficTerms.RateFor(4, 25, rates));
        Assert.Equal(25, TrafficTerms.RateFor(5, 25, rates));
    }
}
