namespace AffiliateBlazor.Domain;

/// <summary>A recorded click as attribution sees it.</summary>
public sealed record ClickFact(long ClickId, int AffiliateId, int LinkId, int CampaignId, DateTime At);

/// <summary>An active coupon as attribution sees it.</summary>
public sealed record CouponFact(int CouponId, int AffiliateId, int CampaignId);

public sealed record AttributionSettings(int CampaignId, int CookieWindowDays, bool CouponBeatsClick);

public sealed record AttributionResult(int? AffiliateId, long? ClickId, int? LinkId, int? CouponId, string Reason)
{
    public static AttributionResult Nobody(string reason) => new(null, null, null, null, reason);
}

/// <summary>
/// Who earns a conversion: a valid click_id within the cookie window names the click; otherwise a coupon names its
/// affiliate; otherwise the tracking cookie's click. When the click and the coupon name different affiliates, the
/// campaign decides (by default the coupon wins: it is explicit).
/// </summary>
public static class Attribution
{
    public static AttributionResult Decide(AttributionSettings campaign, ClickFact? namedClick, CouponFact? coupon,
        ClickFact? cookieClick, DateTime now)
    {
        var validCoupon = coupon?.CampaignId == campaign.CampaignId ? coupon : null;
        if (Valid(namedClick, campaign, now) is { } click)
        {
            if (validCoupon is null || validCoupon.AffiliateId == click.AffiliateId)
                return new(click.AffiliateId, click.ClickId, click.LinkId, validCoupon?.CouponId, "click_id");
            return campaign.CouponBeatsClick
                ? new(validCoupon.AffiliateId, null, null, validCoupon.CouponId, "coupon (it outranks another affiliate's click)")
                : new(click.AffiliateId, click.ClickId, click.LinkId, null, "click_id (it outranks another affiliate's coupon)");
        }
        var cookie = Valid(cookieClick, campaign, now);
        if (validCoupon is not null)
            return cookie?.AffiliateId == validCoupon.AffiliateId
                ? new(validCoupon.AffiliateId, cookie.ClickId, cookie.LinkId, validCoupon.CouponId, "coupon")
                : new(validCoupon.AffiliateId, null, null, validCoupon.CouponId, "coupon");
        if (cookie is not null)
            return new(cookie.AffiliateId, cookie.ClickId, cookie.LinkId, null, "tracking cookie");

        return AttributionResult.Nobody(namedClick is not null || cookieClick is not null
            ? "the click is outside the cookie window or belongs to another campaign"
            : "no click, coupon or cookie named an affiliate");
    }

    private static ClickFact? Valid(ClickFact? click, AttributionSettings campaign, DateTime now) =>
        click is not null && click.CampaignId == campaign.CampaignId && click.At <= now
        && now - click.At <= TimeSpan.FromDays(campaign.CookieWindowDays)
            ? click
            : null;
}
