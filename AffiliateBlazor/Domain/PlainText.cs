namespace AffiliateBlazor.Domain;

/// <summary>A business rule refused one field's value; the field is named so forms and problem details can point at it.</summary>
public sealed class DomainFieldException(string field, string message) : DomainException(message)
{
    public string Field { get; } = field;
}

/// <summary>Short texts people type (references, reasons, names in bank files): trimmed, bounded, no control characters.</summary>
public static class PlainText
{
    public static string Require(string? text, string field, string label, int maxLength) =>
        Optional(text, field, label, maxLength) ?? throw new DomainFieldException(field, $"{label} is required.");

    /// <summary>Null for blank text; otherwise the trimmed text, or a refusal naming the field.</summary>
    public static string? Optional(string? text, string field, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (trimmed.Length > maxLength) throw new DomainFieldException(field, $"{label} is at most {maxLength} characters.");
        if (trimmed.Any(char.IsControl)) throw new DomainFieldException(field, $"{label} cannot contain control characters (tabs, line breaks).");
        return trimmed;
    }
}
