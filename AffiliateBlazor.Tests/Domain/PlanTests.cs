using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

public class PlanTests
{
    private static readonly Plan Free = new("Free", MaxCampaigns: 1, MaxAffiliates: 5);
    private static readonly Plan Unlimited = new("Enterprise", MaxCampaigns: null, MaxAffiliates: null);

    [Theory]
    [InlineData(0)]
    public void Campaigns_below_the_limit_may_be_added(int existing) => Free.EnsureCanAddCampaign(existing);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    public void Campaigns_at_or_over_the_limit_are_refused(int existing)
    {
        var ex = Assert.Throws<PlanLimitException>(() => Free.EnsureCanAddCampaign(existing));
        Assert.Equal("The Free plan allows 1 campaign(s). Archive one or move to a higher plan to add more.", ex.Message);
        Assert.IsAssignableFrom<DomainException>(ex);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Affiliates_below_the_limit_may_be_added(int existing) => Free.EnsureCanAddAffiliate(existing);

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Affiliates_at_or_over_the_limit_are_refused(int existing)
    {
        var ex = Assert.Throws<PlanLimitException>(() => Free.EnsureCanAddAffiliate(existing));
        Assert.Equal("The Free plan allows 5 affiliate(s). Move to a higher plan to approve more.", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void Null_limits_are_unlimited(int existing)
    {
        Unlimited.EnsureCanAddCampaign(existing);
        Unlimited.EnsureCanAddAffiliate(existing);
    }

    [Fact]
    public void A_limit_of_zero_allows_none()
    {
        var none = new Plan("Closed", 0, 0);
        Assert.Throws<PlanLimitException>(() => none.EnsureCanAddCampaign(0));
        Assert.Throws<PlanLimitException>(() => none.EnsureCanAddAffiliate(0));
    }

    [Fact]
    public void Limits_are_independent()
    {
        var mixed = new Plan("Mixed", MaxCampaigns: null, MaxAffiliates: 2);
        mixed.EnsureCanAddCampaign(500);
        Assert.Throws<PlanLimitException>(() => mixed.EnsureCanAddAffiliate(2));
        var other = new Plan("Other", MaxCampaigns: 3, MaxAffiliates: null);
        other.EnsureCanAddAffiliate(500);
        Assert.Throws<PlanLimitException>(() => other.EnsureCanAddCampaign(3));
    }
}
