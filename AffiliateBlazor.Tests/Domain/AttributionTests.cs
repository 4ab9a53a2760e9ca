using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

public class AttributionTests
{
    private const int CampaignId = 1;
    private const int OtherCampaign = 2;
    private const string NothingNamed = "no click, coupon or cookie named an affiliate";
    private const string Invalid = "the click is outside the cookie window or belongs to another campaign";
    private static readonly DateTime Now = new(2025, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private static AttributionSettings Settings(bool couponBeatsClick = true, int days = 30) => new(CampaignId, days, couponBeatsClick);

    // Affiliate 10 owns click 1000 (link 100); affiliate 30 owns click 3000 (link 300); affiliate 20 owns coupon 5.
    private static ClickFact Click10(TimeSpan ago, int campaign = CampaignId) => new(1000, 10, 100, campaign, Now - ago);
    private static ClickFact Click30(TimeSpan ago, int campaign = CampaignId) => new(3000, 30, 300, campaign, Now - ago);
    private static CouponFact Coupon20(int campaign = CampaignId) => new(5, 20, campaign);
    private static CouponFact Coupon10 => new(6, 10, CampaignId);

    private static AttributionResult Decide(ClickFact? named, CouponFact? coupon, ClickFact? cookie, AttributionSettings? settings = null) =>
        Attribution.Decide(settings ?? Settings(), named, coupon, cookie, Now);

    [Fact]
    public void A_valid_click_id_names_its_click() =>
        Assert.Equal(new AttributionResult(10, 1000, 100, null, "click_id"), Decide(Click10(TimeSpan.FromDays(2)), null, null));

    [Fact]
    public void A_click_exactly_at_the_window_edge_still_counts() =>
        Assert.Equal(10, Decide(Click10(TimeSpan.FromDays(30)), null, null).AffiliateId);

    [Fact]
    public void A_click_made_just_now_counts() =>
        Assert.Equal(10, Decide(Click10(TimeSpan.Zero), null, null).AffiliateId);

    [Fact]
    public void The_window_is_the_campaigns() =>
        Assert.Equal(AttributionResult.Nobody(Invalid), Decide(Click10(TimeSpan.FromDays(8)), null, null, Settings(days: 7)));

    [Fact]
    public void An_expired_click_id_is_ignored() =>
        Assert.Equal(AttributionResult.Nobody(Invalid), Decide(Click10(TimeSpan.FromDays(30).Add(TimeSpan.FromTicks(1))), null, null));

    [Fact]
    public void A_click_from_the_future_is_ignored() =>
        Assert.Equal(AttributionResult.Nobody(Invalid), Decide(Click10(TimeSpan.FromMinutes(-1)), null, null));

    [Fact]
    public void A_click_of_another_campaign_is_ignored() =>
        Assert.Equal(AttributionResult.Nobody(Invalid), Decide(Click10(TimeSpan.FromHours(1), OtherCampaign), null, null));

    [Fact]
    public void A_coupon_names_its_affiliate_when_there_is_no_click() =>
        Assert.Equal(new AttributionResult(20, null, null, 5, "coupon"), Decide(null, Coupon20(), null));

    [Fact]
    public void A_coupon_of_another_campaign_is_ignored() =>
        Assert.Equal(AttributionResult.Nobody(NothingNamed), Decide(null, Coupon20(OtherCampaign), null));

    [Fact]
    public void The_cookie_names_its_click_when_there_is_neither_click_id_nor_coupon() =>
        Assert.Equal(new AttributionResult(30, 3000, 300, null, "tracking cookie"), Decide(null, null, Click30(TimeSpan.FromDays(29))));

    [Theory]
    [InlineData(31, CampaignId)]
    [InlineData(1, OtherCampaign)]
    public void An_invalid_cookie_is_ignored(int daysAgo, int campaign) =>
        Assert.Equal(AttributionResult.Nobody(Invalid), Decide(null, null, Click30(TimeSpan.FromDays(daysAgo), campaign)));

    [Fact]
    public void Nobody_earns_when_nothing_names_an_affiliate() =>
        Assert.Equal(new AttributionResult(null, null, null, null, NothingNamed), Decide(null, null, null));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_click_id_beats_the_cookie_of_another_affiliate(bool couponBeatsClick) =>
        Assert.Equal(new AttributionResult(10, 1000, 100, null, "click_id"),
            Decide(Click10(TimeSpan.FromDays(1)), null, Click30(TimeSpan.FromHours(1)), Settings(couponBeatsClick)));

    [Fact]
    public void The_cookie_is_used_when_the_click_id_is_expired() =>
        Assert.Equal(new AttributionResult(30, 3000, 300, null, "tracking cookie"),
            Decide(Click10(TimeSpan.FromDays(40)), null, Click30(TimeSpan.FromDays(3))));

    [Fact]
    public void The_cookie_is_used_when_the_click_id_is_of_another_campaign() =>
        Assert.Equal(30, Decide(Click10(TimeSpan.FromDays(1), OtherCampaign), null, Click30(TimeSpan.FromDays(3))).AffiliateId);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_coupon_of_the_same_affiliate_rides_along_with_the_click(bool couponBeatsClick) =>
        Assert.Equal(new AttributionResult(10, 1000, 100, 6, "click_id"),
            Decide(Click10(TimeSpan.FromDays(1)), Coupon10, null, Settings(couponBeatsClick)));

    [Fact]
    public void A_coupon_of_another_affiliate_beats_the_click_by_default()
    {
        Assert.True(new Campaign { Name = "c", PublicKey = "k", LandingUrl = "https://x" }.CouponBeatsClick);
        Assert.Equal(new AttributionResult(20, null, null, 5, "coupon (it outranks another affiliate's click)"),
            Decide(Click10(TimeSpan.FromDays(1)), Coupon20(), null, Settings(couponBeatsClick: true)));
    }

    [Fact]
    public void The_click_beats_another_affiliates_coupon_when_the_campaign_says_so() =>
        Assert.Equal(new AttributionResult(10, 1000, 100, null, "click_id (it outranks another affiliate's coupon)"),
            Decide(Click10(TimeSpan.FromDays(1)), Coupon20(), null, Settings(couponBeatsClick: false)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_coupon_of_another_campaign_does_not_contest_the_click(bool couponBeatsClick) =>
        Assert.Equal(new AttributionResult(10, 1000, 100, null, "click_id"),
            Decide(Click10(TimeSpan.FromDays(1)), Coupon20(OtherCampaign), null, Settings(couponBeatsClick)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_coupon_beats_another_affiliates_cookie_whatever_the_setting(bool couponBeatsClick) =>
        Assert.Equal(new AttributionResult(20, null, null, 5, "coupon"),
            Decide(null, Coupon20(), Click30(TimeSpan.FromHours(2)), Settings(couponBeatsClick)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_expired_click_id_cannot_contest_a_coupon(bool couponBeatsClick) =>
        Assert.Equal(new AttributionResult(20, null, null, 5, "coupon"),
            Decide(Click10(TimeSpan.FromDays(31)), Coupon20(), null, Settings(couponBeatsClick)));

    [Fact]
    public void A_coupon_keeps_the_cookie_click_of_its_own_affiliate()
    {
        var cookie = new ClickFact(2000, 20, 200, CampaignId, Now.AddDays(-3));
        Assert.Equal(new AttributionResult(20, 2000, 200, 5, "coupon"), Decide(null, Coupon20(), cookie));
    }

    [Fact]
    public void A_coupon_drops_its_own_affiliates_expired_cookie()
    {
        var cookie = new ClickFact(2000, 20, 200, CampaignId, Now.AddDays(-31));
        Assert.Equal(new AttributionResult(20, null, null, 5, "coupon"), Decide(null, Coupon20(), cookie));
    }
}
