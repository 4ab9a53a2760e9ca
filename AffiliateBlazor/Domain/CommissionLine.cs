namespace AffiliateBlazor.Domain;

public enum CommissionLineKind { Conversion, ClickAccrual, ImpressionAccrual, Reversal, Adjustment }

public enum CommissionLineStatus { Pending, Approved, Declined }

/// <summary>
/// One entry of the commission ledger. Paid lines are never edited: corrections are new lines. Which payout holds a line
/// is recorded by <see cref="PayoutItem"/>, so a line keeps its history through cancelled and returned payouts.
/// </summary>
public class CommissionLine
{
    public long Id { get; set; }
    public int MerchantId { get; set; }
    public int CampaignId { get; set; }
    public int AffiliateId { get; set; }
    public long? ConversionId { get; set; }
    public CommissionLineKind Kind { get; set; }
    public CommissionLineStatus Status { get; set; }
    public long Amount { get; set; }
    public required string Currency { get; set; }
    /// <summary>PPC/CPM accruals: the merchant-day the line pays for, and the fraction carried to the next day.</summary>
    public DateOnly? Day { get; set; }
    public long CarriedThousandths { get; set; }
    public DateTime CreatedAt { get; set; }
}
