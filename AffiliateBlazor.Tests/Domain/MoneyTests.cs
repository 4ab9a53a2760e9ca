using System.Globalization;
using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

public class MoneyTests
{
    [Theory]
    [InlineData(20, 1250, 3)]
    [InlineData(-20, 1250, -3)]   // away from zero, not up
    [InlineData(-4, 1250, -1)]
    [InlineData(-1, 1250, 0)]
    [InlineData(-12, 1250, -2)]
    [InlineData(10_000, 10_000, 10_000)]
    [InlineData(10_000, 15_000, 15_000)]
    [InlineData(1, 0, 0)]
    [InlineData(0, 0, 0)]
    public void ApplyBasisPoints_rounds_midpoints_away_from_zero(long amount, int bp, long expected) =>
        Assert.Equal(expected, MoneyMath.ApplyBasisPoints(amount, bp));

    [Fact]
    public void ApplyBasisPoints_handles_the_extremes()
    {
        Assert.Equal(long.MaxValue, MoneyMath.ApplyBasisPoints(long.MaxValue, 10_000));
        Assert.Equal(long.MinValue, MoneyMath.ApplyBasisPoints(long.MinValue, 10_000));
        Assert.Equal(-4_611_686_018_427_387_904, MoneyMath.ApplyBasisPoints(long.MinValue, 5_000));
        Assert.Equal(4_611_686_018_427_387_904, MoneyMath.ApplyBasisPoints(long.MaxValue, 5_000));
    }

    [Fact]
    public void ApplyBasisPoints_refuses_a_result_beyond_long_rather_than_wrapping() =>
        Assert.Throws<OverflowException>(() => MoneyMath.ApplyBasisPoints(long.MaxValue, 10_001));

    [Fact]
    public void Plus_adds_amounts_of_one_currency()
    {
        Assert.Equal(new Money(1_550, "EUR"), new Money(1_000, "EUR").Plus(new Money(550, "EUR")));
        Assert.Equal(new Money(-50, "EUR"), new Money(100, "EUR").Plus(new Money(-150, "EUR")));
        Assert.Equal(new Money(7, "JPY"), Money.Zero("JPY").Plus(new Money(7, "JPY")));
    }

    [Fact]
    public void Plus_refuses_another_currency()
    {
        var ex = Assert.Throws<CurrencyMismatchException>(() => new Money(100, "USD").Plus(new Money(100, "usd")));
        Assert.Equal("The amount is in usd but the campaign pays in USD.", ex.Message);
    }

    [Fact]
    public void Plus_refuses_to_overflow() =>
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue, "USD").Plus(new Money(1, "USD")));

    [Fact]
    public void Zero_is_zero_in_its_currency() => Assert.Equal(new Money(0, "GBP"), Money.Zero("GBP"));

    [Theory]
    [InlineData(123_456, "USD", "1,234.56 USD")]
    [InlineData(-5, "USD", "-0.05 USD")]
    [InlineData(0, "EUR", "0.00 EUR")]
    [InlineData(1_234, "JPY", "1,234 JPY")]
    [InlineData(1_234, "KRW", "1,234 KRW")]
    [InlineData(1_234, "BHD", "1.234 BHD")]
    [InlineData(1_234_567, "KWD", "1,234.567 KWD")]
    [InlineData(99, "HUF", "0.99 HUF")]
    [InlineData(100, "NPR", "1.00 NPR")]
    [InlineData(long.MaxValue, "USD", "92,233,720,368,547,758.07 USD")]
    [InlineData(long.MinValue, "JPY", "-9,223,372,036,854,775,808 JPY")]
    public void Display_uses_the_currencys_minor_unit(long minor, string currency, string expected)
    {
        Assert.Equal(expected, MoneyFormat.Display(minor, currency));
        Assert.Equal(expected, new Money(minor, currency).ToString());
    }

    [Fact]
    public void Display_ignores_the_server_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("1,234.56 EUR", MoneyFormat.Display(123_456, "EUR"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("VND", 0)]
    [InlineData("CLP", 0)]
    [InlineData("ISK", 0)]
    [InlineData("HUF", 2)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("JOD", 3)]
    [InlineData("TND", 3)]
    [InlineData("XYZ", 2)]
    public void Exponent_follows_iso_4217(string currency, int exponent) =>
        Assert.Equal(exponent, MoneyFormat.Exponent(currency));

    [Theory]
    [InlineData("1.005", "USD", 101)]
    [InlineData("-1.005", "USD", -101)]
    [InlineData("0.004", "USD", 0)]
    [InlineData("0.005", "USD", 1)]
    [InlineData("12.5", "JPY", 13)]
    [InlineData("-12.5", "JPY", -13)]
    [InlineData("12.3455", "BHD", 12_346)]
    [InlineData("1234.56", "EUR", 123_456)]
    public void ToMinor_rounds_midpoints_away_from_zero(string major, string currency, long minor) =>
        Assert.Equal(minor, MoneyFormat.ToMinor(decimal.Parse(major, CultureInfo.InvariantCulture), currency));

    [Theory]
    [InlineData(12_345, "USD", "123.45")]
    [InlineData(12_345, "JPY", "12345")]
    [InlineData(12_345, "OMR", "12.345")]
    [InlineData(-1, "USD", "-0.01")]
    public void ToMajor_divides_by_the_minor_unit(long minor, string currency, string major) =>
        Assert.Equal(decimal.Parse(major, CultureInfo.InvariantCulture), MoneyFormat.ToMajor(minor, currency));

    [Theory]
    [InlineData("USD", true)]
    [InlineData("NPR", true)]
    [InlineData("BHD", true)]
    [InlineData("usd", false)]
    [InlineData("XXX", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Currencies_knows_iso_codes_exactly(string? code, bool known) =>
        Assert.Equal(known, Currencies.IsKnown(code));

    [Fact]
    public void Every_currency_with_a_special_minor_unit_is_known()
    {
        foreach (var code in new[] { "JPY", "KRW", "VND", "CLP", "ISK", "HUF", "BHD", "KWD", "OMR", "JOD", "TND" })
            Assert.True(Currencies.IsKnown(code), code);
        Assert.All(Currencies.Known, code => Assert.Matches("^[A-Z]{3}$", code));
    }
}
