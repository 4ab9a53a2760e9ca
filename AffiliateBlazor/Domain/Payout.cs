namespace AffiliateBlazor.Domain;

/// <summary>
/// Pending (prepared, awaiting the merchant's transfer) → Approved (paid, with a reference) or Cancelled; an approved
/// payout whose transfer bounced becomes Returned. Cancelled and returned payouts release their lines to be paid again.
/// </summary>
public enum PayoutStatus { Pending, Approved, Cancelled, Returned }

/// <summary>Money owed to one affiliate in one currency, paid through the merchant's own payment system.</summary>
public class Payout
{
    public const int MaxReferenceLength = 100;
    public const int MaxReasonLength = 500;

    public int Id { get; set; }
    public int MerchantId { get; set; }
    public int AffiliateId { get; set; }
    public long Amount { get; set; }
    public required string Currency { get; set; }
    public int LineCount { get; set; }
    public PayoutStatus Status { get; set; }
    /// <summary>Lines recorded up to this instant were gathered into the payout.</summary>
    public DateTime CutOff { get; set; }
    /// <summary>The merchant's own reference for the transfer (bank or PayPal transaction id).</summary>
    public string? Reference { get; set; }
    /// <summary>When the merchant says it paid; may be earlier than when it marked the payout approved.</summary>
    public DateTime? PaidAt { get; set; }
    public string? ReturnReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }

    /// <summary>The merchant paid it: a reference of plain text and a payment date that is not in the future.</summary>
    public void Approve(string? reference, DateTime? paidAt, DateTime now)
    {
        Require(PayoutStatus.Pending, "approved");
        var cleanReference = PlainText.Require(reference, "reference", "The payment reference", MaxReferenceLength);
        var paid = paidAt ?? now;
        if (paid > now) throw new DomainFieldException("paidAt", "The payment date cannot be in the future.");
        if (paid < CreatedAt.Date) throw new DomainFieldException("paidAt", "The payment date cannot be before the payout was prepared.");
        (Status, Reference, PaidAt, DecidedAt) = (PayoutStatus.Approved, cleanReference, paid, now);
    }

    /// <summary>Not paid after all: its lines return to the unpaid balance.</summary>
    public void Cancel(DateTime now)
    {
        Require(PayoutStatus.Pending, "cancelled");
        (Status, DecidedAt) = (PayoutStatus.Cancelled, now);
    }

    /// <summary>The transfer bounced: the payout stays in the history and its lines are owed again.</summary>
    public void Return(string? reason, DateTime now)
    {
        Require(PayoutStatus.Approved, "returned");
        ReturnReason = PlainText.Require(reason, "reason", "The reason", MaxReasonLength);
        (Status, DecidedAt) = (PayoutStatus.Returned, now);
    }

    private void Require(PayoutStatus from, string becoming)
    {
        if (Status != from)
            throw new DomainException($"Only {(from == PayoutStatus.Approved ? "an" : "a")} {from.ToString().ToLowerInvariant()} payout can be {becoming}; this one is {Status.ToString().ToLowerInvariant()}.");
    }
}

/// <summary>
/// A commission line in a payout. Released when the payout is cancelled or returned: the line is unpaid again and may
/// join another payout, while this row keeps the history. At most one unreleased item per line (a unique index).
/// </summary>
public class PayoutItem
{
    public long Id { get; set; }
    public int PayoutId { get; set; }
    public long CommissionLineId { get; set; }
    public DateTime? ReleasedAt { get; set; }
}
