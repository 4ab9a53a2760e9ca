using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Features.Payouts.Exports;

public enum PayoutExportFormat { Xlsx, Csv, PayPal, Wise, Sepa }

/// <summary>
/// Which payouts to export. Payment files (PayPal, Wise, SEPA) are for paying, so they take pending payouts unless a
/// status is named; spreadsheets take every status. From and To bound when payouts were prepared (UTC, To exclusive).
/// </summary>
public sealed record PayoutExportRequest(PayoutExportFormat Format, PayoutStatus? Status = null, DateTime? From = null, DateTime? To = null, IReadOnlyList<int>? Ids = null)
{
    public bool IsPaymentFile => Format is PayoutExportFormat.PayPal or PayoutExportFormat.Wise or PayoutExportFormat.Sepa;

    public PayoutFilter Filter(int? merchantId) =>
        new(Status ?? (IsPaymentFile ? PayoutStatus.Pending : null), From: From, To: To, Ids: Ids, MerchantId: merchantId);
}
