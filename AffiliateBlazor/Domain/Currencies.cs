namespace AffiliateBlazor.Domain;

/// <summary>The ISO 4217 codes a campaign may pay in or a conversion may be reported in.</summary>
public static class Currencies
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "JPY", "CNY", "HKD", "SGD", "INR", "NPR", "KRW", "SEK",
        "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN", "TRY", "ILS", "AED", "SAR", "ZAR", "BRL", "MXN", "ARS",
        "CLP", "COP", "PEN", "IDR", "MYR", "THB", "PHP", "VND", "TWD", "UAH", "ISK", "BHD", "KWD", "OMR", "JOD", "TND",
        "EGP", "NGN", "KES", "PKR", "BDT", "LKR",
    };

    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);
}
