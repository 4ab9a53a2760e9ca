using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

public class PayoutMethodTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    [InlineData("gb82west12345698765432", "GB82WEST12345698765432")]
    [InlineData("FR1420041010050500013M02606", "FR1420041010050500013M02606")]
    [InlineData("NL91ABNA0417164300", "NL91ABNA0417164300")]
    public void Valid_ibans_are_normalised(string text, string iban) => Assert.Equal(iban, Iban.Normalize(text));

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 01")]
    [InlineData("DE88370400440532013000")]
    [InlineData("GB82-WEST-1234-5698-7654-32")]
    [InlineData("12345678901234567")]
    [InlineData("DE89")]
    [InlineData("")]
    public void Ibans_with_a_wrong_checksum_or_shape_are_refused(string text) => Assert.Null(Iban.Normalize(text));

    [Fact]
    public void A_bank_transfer_keeps_the_iban_and_holder_and_forgets_the_other_kinds_fields()
    {
        var method = new PayoutMethod { Email = "old@paypal.example" };
        method.Set(PayoutMethodKind.BankTransfer, "ignored@x.example", "de89 3704 0044 0532 0130 00", " Jane Doe ", "ignored", Now);
        Assert.Equal((PayoutMethodKind.BankTransfer, (string?)null, "DE89370400440532013000", "Jane Doe", (string?)null),
            (method.Kind, method.Email, method.Iban, method.AccountHolder, method.Details));
        Assert.Equal("Bank transfer: Jane Doe, DE89 3704 0044 0532 0130 00", method.Summary);
    }

    [Theory]
    [InlineData(PayoutMethodKind.PayPal, "not-an-address", null, null, null, "email")]
    [InlineData(PayoutMethodKind.Wise, "jane@localhost", null, null, null, "email")]
    [InlineData(PayoutMethodKind.PayPal, "Jane <jane@x.example>", null, null, null, "email")]
    [InlineData(PayoutMethodKind.BankTransfer, null, "DE00370400440532013000", "Jane", null, "iban")]
    [InlineData(PayoutMethodKind.BankTransfer, null, "DE89370400440532013000", "Jane\r\nDoe", null, "accountHolder")]
    [InlineData(PayoutMethodKind.Other, null, null, null, "  ", "details")]
    public void Invalid_details_are_refused_by_field(PayoutMethodKind kind, string? email, string? iban, string? holder, string? details, string field)
    {
        var method = new PayoutMethod();
        Assert.Equal(field, Assert.Throws<DomainFieldException>(() => method.Set(kind, email, iban, holder, details, Now)).Field);
        Assert.Equal(default, method.UpdatedAt);
    }

    [Fact]
    public void A_paypal_address_is_kept_as_typed()
    {
        var method = new PayoutMethod();
        method.Set(PayoutMethodKind.PayPal, " jane.doe+ab@mail.example ", null, null, null, Now);
        Assert.Equal(("jane.doe+ab@mail.example", "PayPal: jane.doe+ab@mail.example", Now), (method.Email, method.Summary, method.UpdatedAt));
    }
}
