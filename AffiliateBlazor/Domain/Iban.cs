using System.Numerics;

namespace AffiliateBlazor.Domain;

/// <summary>International bank account numbers (ISO 13616): two letters, two check digits, up to 30 letters or digits.</summary>
public static class Iban
{
    /// <summary>The IBAN without spaces, upper-cased, when its shape and its mod-97 check digits are right; otherwise null.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null) return null;
        var iban = new string(text.Where(c => c != ' ').ToArray()).ToUpperInvariant();
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetter(iban[0]) || !char.IsAsciiLetter(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(char.IsAsciiLetterOrDigit))
            return null;
        // The country and check digits move to the end and each letter becomes two digits (A = 10 … Z = 35).
        var digits = string.Concat((iban[4..] + iban[..4]).Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString()));
        return BigInteger.Parse(digits) % 97 == 1 ? iban : null;
    }

    /// <summary>In groups of four, as banks print it.</summary>
    public static string Display(string iban) => string.Join(' ', iban.Chunk(4).Select(c => new string(c)));
}
