namespace AffiliateBlazor.Domain;

/// <summary>A custom rate for one affiliate in one campaign, optionally bound to a coupon code.</summary>
public class PersonalPayout
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public int CampaignId { get; set; }
    public int AffiliateId { get; set; }
    public PayoutBasis Basis { get; set; }
    public int PercentBasisPoints { get; set; }
    public long FixedAmount { get; set; }
    /// <summary>When set, the payout applies only to conversions that used this coupon.</summary>
    public string? CouponCode { get; set; }
    public DateTime CreatedAt { get; set; }

    public PersonalRate Rate => new(AffiliateId, Basis, PercentBasisPoints, FixedAmount, CouponCode);
}

/// <summary>A coupon code that names its affiliate when a customer uses it.</summary>
public class Coupon
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public int CampaignId { get; set; }
    public int AffiliateId { get; set; }
    public required string Code { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}
