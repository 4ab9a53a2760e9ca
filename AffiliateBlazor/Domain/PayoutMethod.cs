using System.Net.Mail;

namespace AffiliateBlazor.Domain;

/// <summary>How an affiliate wants to be paid: the merchant pays through its own system and reads the details here.</summary>
public enum PayoutMethodKind { PayPal, Wise, BankTransfer, Other }

/// <summary>An affiliate's payout method in one merchant's program.</summary>
public class PayoutMethod
{
    public const int MaxDetailsLength = 500;
    public const int MaxHolderLength = 70;

    public int Id { get; set; }
    public int MerchantId { get; set; }
    public int AffiliateId { get; set; }
    public PayoutMethodKind Kind { get; set; }
    /// <summary>PayPal or Wise: the recipient's e-mail address.</summary>
    public string? Email { get; set; }
    /// <summary>Bank transfer: the IBAN (no spaces, upper case) and the account holder's name.</summary>
    public string? Iban { get; set; }
    public string? AccountHolder { get; set; }
    /// <summary>Other: free text the merchant reads (a postal address for a cheque, say).</summary>
    public string? Details { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Sets the method, keeping only the fields its kind uses, after checking each (e-mail syntax, IBAN checksum).</summary>
    public void Set(PayoutMethodKind kind, string? email, string? iban, string? accountHolder, string? details, DateTime now)
    {
        (string? Email, string? Iban, string? Holder, string? Details) set = kind switch
        {
            PayoutMethodKind.PayPal or PayoutMethodKind.Wise => (RequireEmail(email), null, null, null),
            PayoutMethodKind.BankTransfer => (null,
                Domain.Iban.Normalize(iban) ?? throw new DomainFieldException("iban", "This IBAN is not valid: check its letters and digits (the check digits do not match)."),
                PlainText.Require(accountHolder, "accountHolder", "The account holder's name", MaxHolderLength), null),
            _ => (null, null, null, PlainText.Require(details, "details", "The payment details", MaxDetailsLength)),
        };
        (Kind, Email, Iban, AccountHolder, Details, UpdatedAt) = (kind, set.Email, set.Iban, set.Holder, set.Details, now);
    }

    /// <summary>One line for people: where the money goes.</summary>
    public string Summary => Kind switch
    {
        PayoutMethodKind.PayPal => $"PayPal: {Email}",
        PayoutMethodKind.Wise => $"Wise: {Email}",
        PayoutMethodKind.BankTransfer => $"Bank transfer: {AccountHolder}, {Domain.Iban.Display(Iban ?? "")}",
        _ => $"Other: {Details}",
    };

    private static string RequireEmail(string? email)
    {
        var text = PlainText.Require(email, "email", "The e-mail address", 254);
        return MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.')
            ? text
            : throw new DomainFieldException("email", "This is not an e-mail address.");
    }
}
