using System.Text.RegularExpressions;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Campaigns;

/// <summary>What a merchant may set on a campaign. Ids, owner and keys are never bound from input.</summary>
public sealed partial record CampaignInput
{
    public const long MaxFixedAmount = 1_000_000_000_00;

    public string Name { get; set; } = "";
    public CommissionType Type { get; set; } = CommissionType.Cps;
    public string Currency { get; set; } = "USD";
    /// <summary>CPS or percentage-coupon rate in basis points: 1 250 = 12.5 %.</summary>
    public int PercentBasisPoints { get; set; }
    /// <summary>Minor units: per action (CPA), per use (coupon), per click (PPC) or per 1,000 impressions (CPM).</summary>
    public long FixedAmount { get; set; }
    public ConversionType CpaAction { get; set; } = ConversionType.Sale;
    public string? CustomActionName { get; set; }
    public PayoutBasis CouponBasis { get; set; } = PayoutBasis.Fixed;
    public string LandingUrl { get; set; } = "";
    public string ClickIdParameter { get; set; } = "click_id";
    public int CookieWindowDays { get; set; } = 30;
    public AttributionModel Attribution { get; set; } = AttributionModel.LastClick;
    public bool CouponBeatsClick { get; set; } = true;
    public int HoldDays { get; set; } = 30;
    public JoinPolicy JoinPolicy { get; set; } = JoinPolicy.ApprovalRequired;
    public CampaignStatus Status { get; set; } = CampaignStatus.Active;

    public bool PaysPercent => Type == CommissionType.Cps || (Type == CommissionType.Coupon && CouponBasis == PayoutBasis.Percent);

    public Validation Validate()
    {
        var v = new Validation()
            .Check(Name?.Trim().Length is >= 2 and <= 200, "name", "Enter a name of 2 to 200 characters.")
            .Check(Currencies.IsKnown(Currency), "currency", "Choose a known ISO currency, such as USD or EUR.")
            .Check(Websites.Parse(LandingUrl) is not null, "landingUrl", "Enter the landing page as a full http(s) address.")
            .Check(ClickIdPattern().IsMatch(ClickIdParameter ?? ""), "clickIdParameter", "Use 1 to 64 letters, digits, '_' or '-'.")
            .Check(CookieWindowDays is >= 1 and <= 365, "cookieWindowDays", "The cookie window is 1 to 365 days.")
            .Check(HoldDays is >= 0 and <= 365, "holdDays", "The hold period is 0 to 365 days (0 = approve by hand).");
        if (PaysPercent)
            v.Check(PercentBasisPoints is > 0 and <= MoneyMath.BasisPointsPerWhole, "percentBasisPoints", "The rate is more than 0 % and at most 100 %.");
        else
            v.Check(FixedAmount is > 0 and <= MaxFixedAmount, "fixedAmount", "The amount must be more than zero.");
        if (Type == CommissionType.Cpa && CpaAction == ConversionType.Custom)
            v.Check(CustomActionName?.Trim().Length is >= 1 and <= 100, "customActionName", "Name the custom action (up to 100 characters).");
        return v;
    }

    public void ApplyTo(Campaign campaign)
    {
        campaign.Name = Name.Trim();
        campaign.Type = Type;
        campaign.Currency = Currency;
        campaign.PercentBasisPoints = PaysPercent ? PercentBasisPoints : 0;
        campaign.FixedAmount = PaysPercent ? 0 : FixedAmount;
        campaign.CpaAction = CpaAction;
        campaign.CustomActionName = Type == CommissionType.Cpa && CpaAction == ConversionType.Custom ? CustomActionName?.Trim() : null;
        campaign.CouponBasis = CouponBasis;
        campaign.LandingUrl = Websites.Parse(LandingUrl)!.ToString();
        campaign.ClickIdParameter = ClickIdParameter;
        campaign.CookieWindowDays = CookieWindowDays;
        campaign.Attribution = Attribution;
        campaign.CouponBeatsClick = CouponBeatsClick;
        campaign.HoldDays = HoldDays;
        campaign.JoinPolicy = JoinPolicy;
        campaign.Status = Status;
    }

    public static CampaignInput From(CampaignView c) => new()
    {
        Name = c.Name, Type = c.Type, Currency = c.Currency, PercentBasisPoints = c.PercentBasisPoints, FixedAmount = c.FixedAmount,
        CpaAction = c.CpaAction, CustomActionName = c.CustomActionName, CouponBasis = c.CouponBasis, LandingUrl = c.LandingUrl,
        ClickIdParameter = c.ClickIdParameter, CookieWindowDays = c.CookieWindowDays, Attribution = c.Attribution,
        CouponBeatsClick = c.CouponBeatsClick, HoldDays = c.HoldDays, JoinPolicy = c.JoinPolicy, Status = c.Status,
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ClickIdPattern();
}

public sealed record CampaignView(int Id, string Name, string PublicKey, CommissionType Type, string Currency, int PercentBasisPoints,
    long FixedAmount, ConversionType CpaAction, string? CustomActionName, PayoutBasis CouponBasis, string LandingUrl,
    string ClickIdParameter, int CookieWindowDays, AttributionModel Attribution, bool CouponBeatsClick, int HoldDays,
    JoinPolicy JoinPolicy, CampaignStatus Status, DateTime CreatedAt)
{
    public static CampaignView From(Campaign c) => new(c.Id, c.Name, c.PublicKey, c.Type, c.Currency, c.PercentBasisPoints,
        c.FixedAmount, c.CpaAction, c.CustomActionName, c.CouponBasis, c.LandingUrl, c.ClickIdParameter, c.CookieWindowDays,
        c.Attribution, c.CouponBeatsClick, c.HoldDays, c.JoinPolicy, c.Status, c.CreatedAt);

    public string Terms => Type switch
    {
        CommissionType.Cps => $"{PercentBasisPoints / 100m:0.##}% per sale",
        CommissionType.Cpa => $"{MoneyFormat.Display(FixedAmount, Currency)} per {(CpaAction == ConversionType.Custom ? CustomActionName : CpaAction.ToString().ToLowerInvariant())}",
        CommissionType.Coupon when CouponBasis == PayoutBasis.Percent => $"{PercentBasisPoints / 100m:0.##}% per coupon use",
        CommissionType.Coupon => $"{MoneyFormat.Display(FixedAmount, Currency)} per coupon use",
        CommissionType.Ppc => $"{MoneyFormat.Display(FixedAmount, Currency)} per unique click",
        _ => $"{MoneyFormat.Display(FixedAmount, Currency)} per 1,000 impressions",
    };
}
