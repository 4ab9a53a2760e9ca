namespace AffiliateBlazor.Domain;

/// <summary>An amount in whole minor units (cents) of an ISO 4217 currency. Never a floating-point number.</summary>
public readonly record struct Money(long Minor, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public Money Plus(Money other)
    {
        EnsureSameCurrency(other);
        return this with { Minor = checked(Minor + other.Minor) };
    }

    public void EnsureSameCurrency(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
            throw new CurrencyMismatchException(Currency, other.Currency);
    }

    public override string ToString() => MoneyFormat.Display(Minor, Currency);
}

public sealed class CurrencyMismatchException(string expected, string actual)
    : DomainException($"The amount is in {actual} but the campaign pays in {expected}.");

/// <summary>The one place where fractional money is rounded: to the minor unit, midpoint away from zero.</summary>
public static class MoneyMath
{
    public const int BasisPointsPerWhole = 10_000;

    /// <summary>amount × basisPoints / 10 000, e.g. 12.5 % is 1 250 basis points.</summary>
    public static long ApplyBasisPoints(long amountMinor, int basisPoints)
    {
        // decimal carries 28 digits: long.MaxValue × 10 000 still fits, so nothing overflows before rounding.
        var exact = (decimal)amountMinor * basisPoints / BasisPointsPerWhole;
        return (long)Math.Round(exact, MidpointRounding.AwayFromZero);
    }
}

public static class MoneyFormat
{
    /// <summary>Currencies whose minor unit is not a hundredth (ISO 4217 exponent other than 2).</summary>
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.Ordinal)
    {
        ["JPY"] = 0, ["KRW"] = 0, ["VND"] = 0, ["CLP"] = 0, ["ISK"] = 0, ["HUF"] = 2,
        ["BHD"] = 3, ["KWD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3,
    };

    public static int Exponent(string currency) => Exponents.GetValueOrDefault(currency, 2);

    public static decimal ToMajor(long minor, string currency) => minor / Pow10(Exponent(currency));

    public static long ToMinor(decimal major, string currency) =>
        (long)Math.Round(major * Pow10(Exponent(currency)), MidpointRounding.AwayFromZero);

    public static string Display(long minor, string currency) =>
        $"{ToMajor(minor, currency).ToString("N" + Exponent(currency), System.Globalization.CultureInfo.InvariantCulture)} {currency}";

    private static decimal Pow10(int exponent) => exponent switch { 0 => 1m, 3 => 1000m, _ => 100m };
}
