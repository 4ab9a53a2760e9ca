using System.Text.RegularExpressions;

namespace AffiliateBlazor.Features.Coupons;

/// <summary>
/// The shape of a coupon code. ASCII only: the database compares codes with SQLite's NOCASE collation, which folds
/// ASCII letters alone, so a wider alphabet would make "unique regardless of case" untrue for some codes.
/// </summary>
public static partial class CouponCodes
{
    public const int MaxLength = 64;
    public const string Rule = "A coupon code has 1 to 64 letters, digits, '-' or '_'.";

    public static string? Normalize(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim();

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();
}
