namespace AffiliateBlazor.Domain;

public class Campaign
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public required string Name { get; set; }
    /// <summary>Random public key naming the campaign in the conversion pixel /px/{key}.</summary>
    public required string PublicKey { get; set; }
    public CommissionType Type { get; set; }
    public string Currency { get; set; } = "USD";
    /// <summary>CPS rate, or a percentage coupon rate, in basis points (1 250 = 12.5 %).</summary>
    public int PercentBasisPoints { get; set; }
    /// <summary>CPA per action, coupon per use, PPC per click, CPM per 1 000 impressions; minor units.</summary>
    public long FixedAmount { get; set; }
    /// <summary>CPA: which action pays. Other actions are recorded but earn nothing.</summary>
    public ConversionType CpaAction { get; set; } = ConversionType.Sale;
    public string? CustomActionName { get; set; }
    public PayoutBasis CouponBasis { get; set; } = PayoutBasis.Fixed;
    public required string LandingUrl { get; set; }
    public string ClickIdParameter { get; set; } = "click_id";
    public int CookieWindowDays { get; set; } = 30;
    public AttributionModel Attribution { get; set; } = AttributionModel.LastClick;
    /// <summary>When a click and a coupon name different affiliates: true gives the sale to the coupon's owner.</summary>
    public bool CouponBeatsClick { get; set; } = true;
    /// <summary>Days a conversion waits before it is approved automatically; 0 means the merchant approves by hand.</summary>
    public int HoldDays { get; set; } = 30;
    public JoinPolicy JoinPolicy { get; set; } = JoinPolicy.ApprovalRequired;
    public CampaignStatus Status { get; set; } = CampaignStatus.Active;
    public DateTime CreatedAt { get; set; }

    public CommissionRule Rule => new(Type, Currency, PercentBasisPoints, FixedAmount, CpaAction, CouponBasis);

    public bool AcceptsTraffic => Status == CampaignStatus.Active;
}
