namespace AffiliateBlazor.Domain;

/// <summary>Where a conversion came from; Test is the tracking page's "send test conversion".</summary>
public enum ConversionSource { Pixel, Postback, Api, Coupon, Manual, Test }

public enum ConversionStatus { Pending, Approved, Declined, Reversed }

[Flags]
public enum FraudFlags { None = 0, Bot = 1, SelfReferral = 2, TooFastAfterClick = 4, Test = 8 }

/// <summary>A sale, lead or custom action reported by the merchant. Unique per (campaign, order id).</summary>
public class Conversion
{
    public long Id { get; set; }
    public int MerchantId { get; set; }
    public int CampaignId { get; set; }
    public int? AffiliateId { get; set; }
    public int? LinkId { get; set; }
    public long? ClickId { get; set; }
    public int? CouponId { get; set; }
    public ConversionSource Source { get; set; }
    public ConversionType Type { get; set; }
    public required string OrderId { get; set; }
    public long Amount { get; set; }
    public required string Currency { get; set; }
    public long Commission { get; set; }
    /// <summary>Plain words on how the commission was computed, shown to the merchant.</summary>
    public string? CommissionBasis { get; set; }
    public string? AttributionReason { get; set; }
    public ConversionStatus Status { get; set; }
    public FraudFlags Flags { get; set; }
    public string? FlagReason { get; set; }
    public string? CustomerEmailHash { get; set; }
    public string? IpHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }

    public bool IsFlagged => Flags != FraudFlags.None;

    public void Approve(DateTime now) => MoveTo(ConversionStatus.Approved, ConversionStatus.Pending, now);

    public void Decline(DateTime now) => MoveTo(ConversionStatus.Declined, ConversionStatus.Pending, now);

    /// <summary>A refund of an approved sale. The ledger, not this row, carries the clawback.</summary>
    public void Reverse(DateTime now) => MoveTo(ConversionStatus.Reversed, ConversionStatus.Approved, now);

    private void MoveTo(ConversionStatus to, ConversionStatus requiredFrom, DateTime now)
    {
        if (Status != requiredFrom)
            throw new DomainException($"Only {(requiredFrom == ConversionStatus.Approved ? "an" : "a")} {requiredFrom.ToString().ToLowerInvariant()} conversion can become {to.ToString().ToLowerInvariant()}; this one is {Status.ToString().ToLowerInvariant()}.");
        Status = to;
        DecidedAt = now;
    }
}
