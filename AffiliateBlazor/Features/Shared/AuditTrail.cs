using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Features.Shared;

/// <summary>
/// The one way entries reach the audit log: who (the user), for which merchant, what, on what, and the change itself
/// ("before → after"). Added to the caller's context, so the entry commits with the change it records or not at all.
/// </summary>
public static class AuditTrail
{
    public static void Audit(this AppDbContext db, string? userId, int? merchantId, string action, string subject, string? details, DateTime at) =>
        db.AuditEntries.Add(new AuditEntry
        {
            MerchantId = merchantId, UserId = userId, Action = action, Subject = Shorten(subject, 200), Details = details is null ? null : Shorten(details, 2000), At = at,
        });

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
