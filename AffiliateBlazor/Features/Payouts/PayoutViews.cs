using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Features.Payouts;

/// <summary>Where an affiliate's money goes, as the merchant reads it (and the affiliate edits it).</summary>
public sealed record PayoutMethodView(PayoutMethodKind Kind, string? Email, string? Iban, string? AccountHolder, string? Details, string Summary, DateTime UpdatedAt);

/// <summary>A payout with its affiliate and program; Method is the affiliate's current payout method in that program, if any.</summary>
public sealed record PayoutView(
    int Id, int MerchantId, string MerchantName, int AffiliateId, string AffiliateName, string AffiliateEmail,
    long Amount, string Currency, int LineCount, PayoutStatus Status, DateTime CutOff, string? Reference, DateTime? PaidAt,
    string? ReturnReason, DateTime CreatedAt, DateTime? DecidedAt, PayoutMethodView? Method);

/// <summary>One commission line of a payout: what it paid for.</summary>
public sealed record PayoutLineView(
    long Id, int PayoutId, CommissionLineKind Kind, long Amount, string Currency, long? ConversionId, string? OrderId,
    int CampaignId, string CampaignName, DateOnly? Day, DateTime CreatedAt);

public sealed record PayoutDetails(PayoutView Payout, IReadOnlyList<PayoutLineView> Lines);

/// <summary>List filters; From and To bound when the payout was prepared (UTC, To exclusive).</summary>
public sealed record PayoutFilter(PayoutStatus? Status = null, int? AffiliateId = null, string? Currency = null, DateTime? From = null,
    DateTime? To = null, IReadOnlyList<int>? Ids = null, int? MerchantId = null);

/// <summary>
/// A payout run. Every field may be left out: the cut-off is now, every currency, the merchant's own minimum (minor
/// units), nobody left out.
/// </summary>
public sealed record PreparePayoutsRequest(DateTime? CutOff = null, string? Currency = null, long? Minimum = null, IReadOnlyList<int>? LeaveOut = null);

/// <summary>An affiliate's unpaid balance in a run, and whether it pays.</summary>
public sealed record PayoutCandidate(int AffiliateId, string AffiliateName, string Currency, long Amount, int Lines, PayoutDecision Decision, string? Method);

public sealed record PreparedPayouts(IReadOnlyList<PayoutView> Payouts, IReadOnlyList<PayoutCandidate> NotPaid);

/// <summary>The merchant paid: its own reference for the transfer and the date it paid (today when omitted).</summary>
public sealed record ApprovePayoutRequest(string? Reference, DateTime? PaidAt = null);

/// <summary>Several payouts paid in one go (a PayPal or bank batch) under one reference.</summary>
public sealed record BulkApprovePayoutsRequest(IReadOnlyList<int>? Ids, string? Reference, DateTime? PaidAt = null);

public sealed record ReturnPayoutRequest(string? Reason);

/// <summary>An affiliate's money in one program and currency: pending review, approved and unpaid, and paid.</summary>
public sealed record Balance(int MerchantId, string MerchantName, string Currency, long Pending, long Approved, long Paid);

/// <summary>The merchant's payout settings: the minimum (minor units) and the account SEPA files pay from.</summary>
public sealed record PayoutSettings(long MinimumPayout, string? PayoutIban, string? PayoutAccountName);

/// <summary>An affiliate's payout method in one program; the fields its kind does not use are ignored.</summary>
public sealed record PayoutMethodInput(int? MerchantId, PayoutMethodKind? Kind, string? Email = null, string? Iban = null, string? AccountHolder = null, string? Details = null);

/// <summary>An affiliate's payout method in one of its programs (Method is null until it sets one).</summary>
public sealed record ProgramPayoutMethod(int MerchantId, string MerchantName, PayoutMethodView? Method);
