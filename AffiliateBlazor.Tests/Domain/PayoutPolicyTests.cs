using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

public class PayoutPolicyTests
{
    private static readonly IReadOnlySet<int> Nobody = new HashSet<int>();

    [Theory]
    [InlineData(5_000, 0, PayoutDecision.Pays)]
    [InlineData(5_000, 5_000, PayoutDecision.Pays)]
    [InlineData(4_999, 5_000, PayoutDecision.BelowMinimum)]
    [InlineData(0, 0, PayoutDecision.NothingOwed)]
    [InlineData(-1_235, 0, PayoutDecision.NothingOwed)]
    public void A_positive_balance_that_reaches_the_minimum_pays(long amount, long minimum, PayoutDecision decision) =>
        Assert.Equal(decision, PayoutPolicy.Decide(new UnpaidBalance(7, "USD", amount, 3), minimum, Nobody));

    [Fact]
    public void An_affiliate_left_out_by_hand_is_not_paid_whatever_it_is_owed() =>
        Assert.Equal(PayoutDecision.LeftOut, PayoutPolicy.Decide(new UnpaidBalance(7, "USD", 99_999, 3), 0, new HashSet<int> { 7 }));

    [Theory]
    [InlineData(-1)]
    [InlineData(PayoutPolicy.MaxMinimum + 1)]
    public void A_negative_or_absurd_minimum_is_refused(long minimum) =>
        Assert.Equal("minimum", Assert.Throws<DomainFieldException>(() => PayoutPolicy.ValidMinimum(minimum)).Field);
}
