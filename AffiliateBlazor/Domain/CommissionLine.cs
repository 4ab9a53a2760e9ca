namespace AffiliateBlazor.Domain;

public enum CommissionLineKind { Conversion, ClickAccrual, ImpressionAccrual, Reversal, Adjustment }

public enum CommissionLineStatus { Pending, Approved, Declined }

/// <summary>One entry of the commission ledger. Paid lines are never edited: corrections are new lines.</summary>
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
    public int? PayoutId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum PayoutStatus { Pending, Approved, Cancelled }

/// <summary>Money owed to one affiliate, paid through the merchant's own payment system.</summary>
public class Payout
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public int AffiliateId { get; set; }
    public long Amount { get; set; }
    public required string Currency { get; set; }
    public PayoutStatus Status { get; set; }
    public string? Reference { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }

    public void Approve(DateTime now, string? reference) => Decide(PayoutStatus.Approved, now, reference);

    public void Cancel(DateTime now) => Decide(PayoutStatus.Cancelled, now, Reference);

    private void Decide(PayoutStatus to, DateTime now, string? reference)
    {
        if (Status != PayoutStatus.Pending)
            throw new DomainException($"This payout is already {Status.ToString().ToLowerInvariant()}.");
        Status = to;
        DecidedAt = now;
        Reference = reference;
    }
}
