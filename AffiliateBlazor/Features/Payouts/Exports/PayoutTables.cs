using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Shared.Spreadsheets;

namespace AffiliateBlazor.Features.Payouts.Exports;

/// <summary>The columns of the payout spreadsheets: one row per payout, and one per commission line.</summary>
public static class PayoutTables
{
    public static readonly IReadOnlyList<SheetColumn<PayoutView>> Payouts =
    [
        new("Payout", 9, p => p.Id, CellKind.Number),
        new("Merchant", 24, p => p.MerchantName),
        new("Affiliate", 24, p => p.AffiliateName),
        new("E-mail", 30, p => p.AffiliateEmail),
        new("Method", 14, p => p.Method?.Kind.ToString()),
        new("Payment details", 44, p => p.Method is null ? null : Details(p.Method)),
        SheetColumn<PayoutView>.Money("Amount", p => p.Amount, p => p.Currency),
        new("Currency", 9, p => p.Currency),
        new("Lines", 8, p => p.LineCount, CellKind.Number),
        new("Status", 11, p => p.Status.ToString()),
        new("Prepared", 17, p => p.CreatedAt, CellKind.Time),
        new("Reference", 24, p => p.Reference),
        new("Paid on", 17, p => p.PaidAt, CellKind.Time),
        new("Return reason", 30, p => p.ReturnReason),
    ];

    public static readonly IReadOnlyList<SheetColumn<PayoutLineView>> Lines =
    [
        new("Payout", 9, l => l.PayoutId, CellKind.Number),
        new("Line", 10, l => l.Id, CellKind.Number),
        new("Kind", 18, l => l.Kind.ToString()),
        new("Conversion", 12, l => l.ConversionId, CellKind.Number),
        new("Order", 20, l => l.OrderId),
        new("Campaign", 26, l => l.CampaignName),
        new("Traffic day", 12, l => l.Day?.ToString("yyyy-MM-dd")),
        SheetColumn<PayoutLineView>.Money("Amount", l => l.Amount, l => l.Currency),
        new("Currency", 9, l => l.Currency),
        new("Recorded", 17, l => l.CreatedAt, CellKind.Time),
    ];

    /// <summary>What the merchant needs to pay: the address or the account, without the kind's name.</summary>
    public static string Details(PayoutMethodView method) => method.Kind switch
    {
        PayoutMethodKind.PayPal or PayoutMethodKind.Wise => method.Email ?? "",
        PayoutMethodKind.BankTransfer => $"{method.AccountHolder}, IBAN {method.Iban}",
        _ => method.Details ?? "",
    };
}
