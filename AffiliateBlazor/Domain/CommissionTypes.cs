namespace AffiliateBlazor.Domain;

public enum CommissionType { Cps, Cpa, Coupon, Ppc, Cpm }

public enum ConversionType { Sale, Lead, Custom }

/// <summary>How a coupon or personal payout pays: a fixed amount or a percentage of the sale.</summary>
public enum PayoutBasis { Fixed, Percent }

public enum AttributionModel { LastClick, FirstClick }

public enum JoinPolicy { Open, ApprovalRequired, InviteOnly }

public enum CampaignStatus { Active, Paused, Archived }

public static class CommissionTypeNames
{
    public static string Describe(this CommissionType type) => type switch
    {
        CommissionType.Cps => "CPS: a percentage of each sale",
        CommissionType.Cpa => "CPA: a fixed amount per action",
        CommissionType.Coupon => "Offline coupon: per coupon use",
        CommissionType.Ppc => "PPC: a fixed amount per unique click",
        CommissionType.Cpm => "CPM: a fixed amount per 1,000 impressions",
        _ => type.ToString(),
    };
}
