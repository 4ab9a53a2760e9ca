using System.Security.Cryptography;
using System.Text;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Whether the merchant has a signing secret, the name signed calls carry to pick it, and until when the secret the last
/// rotation replaced is still accepted (null: it is not).
/// </summary>
public sealed record SigningSecretStatus(bool Configured, string Merchant, DateTime? PreviousValidUntil);

/// <summary>A new secret, in this answer only.</summary>
public sealed record NewSigningSecret(string Secret, string Merchant);

/// <summary>The secrets a merchant's signed calls are checked against: the current one, then a previous one still in its grace period.</summary>
public sealed record SigningKey(int MerchantId, string OwnerUserId, IReadOnlyList<byte[]> Secrets);

/// <summary>
/// The merchant's HMAC secret for signed server-to-server calls. It must be readable to check signatures, so it is
/// encrypted with Data Protection (keys kept in the database) rather than hashed; it is shown once, when made.
/// A rotation keeps the previous secret working for a day by default, so servers can move to the new one without
/// refused calls; a leaked secret is rotated with the previous one revoked at once.
/// </summary>
public sealed class SigningSecretService(IDbContextFactory<AppDbContext> dbFactory, IDataProtectionProvider protection, TimeProvider clock)
{
    private const string Purpose = "SigningSecret";
    public static readonly TimeSpan RotationGrace = TimeSpan.FromHours(24);
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public async Task<SigningSecretStatus> GetStatusAsync(Actor actor)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.AsNoTracking().Where(m => m.Id == actor.Merchant)
            .Select(m => new { m.Slug, Configured = m.ProtectedSigningSecret != null, m.ProtectedPreviousSigningSecret, m.PreviousSigningSecretExpiresAt })
            .FirstOrDefaultAsync() ?? throw new NotFoundException("Your merchant account");
        var previousValid = merchant.ProtectedPreviousSigningSecret is not null && InGrace(merchant.PreviousSigningSecretExpiresAt);
        return new(merchant.Configured, merchant.Slug, previousValid ? merchant.PreviousSigningSecretExpiresAt : null);
    }

    /// <summary>
    /// Makes a new secret. The one it replaces keeps working for <see cref="RotationGrace"/>, or stops at once when
    /// <paramref name="revokePrevious"/> (a secret that leaked); a previous secret still in its grace period stops either way.
    /// </summary>
    public async Task<NewSigningSecret> RotateAsync(Actor actor, bool revokePrevious)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.AsNoTracking().Where(m => m.Id == actor.Merchant)
            .Select(m => new { m.Id, m.Slug, m.ProtectedSigningSecret }).FirstOrDefaultAsync() ?? throw new NotFoundException("Your merchant account");
        var secret = "hmac_" + Tokens.New(40);
        var replaced = merchant.ProtectedSigningSecret is not null;
        var now = clock.GetUtcNow().UtcDateTime;
        var keepPrevious = replaced && !revokePrevious;
        var previous = keepPrevious ? merchant.ProtectedSigningSecret : null;
        DateTime? previousUntil = keepPrevious ? now + RotationGrace : null;
        var protectedSecret = _protector.Protect(secret);

        await using var transaction = await db.Database.BeginTransactionAsync();
        // Only if nobody rotated since it was read: two rotations at once must not both keep the same old secret
        // (a "keep" saved after a "revoke" would revive it).
        var rotated = await db.Merchants.Where(m => m.Id == merchant.Id && m.ProtectedSigningSecret == merchant.ProtectedSigningSecret)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.ProtectedSigningSecret, protectedSecret)
                .SetProperty(x => x.ProtectedPreviousSigningSecret, previous).SetProperty(x => x.PreviousSigningSecretExpiresAt, previousUntil));
        if (rotated == 0) throw new DomainException("The secret was rotated meanwhile, in another window or by another user: reload and try again.");
        db.AuditEntries.Add(new AuditEntry
        {
            MerchantId = merchant.Id, UserId = actor.UserId, Action = replaced ? "signing-secret.rotated" : "signing-secret.created",
            Subject = merchant.Slug, At = now,
            Details = !replaced ? null
                : keepPrevious ? $"The previous secret is accepted until {previousUntil:yyyy-MM-dd HH:mm} UTC."
                : "The previous secret was revoked at once.",
        });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new(secret, merchant.Slug);
    }

    /// <summary>The merchant's key by its public name, or null when there is no such merchant or it has no secret.</summary>
    public async Task<SigningKey?> FindAsync(string merchantSlug)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.AsNoTracking().Where(m => m.Slug == merchantSlug && m.ProtectedSigningSecret != null)
            .Select(m => new { m.Id, m.OwnerUserId, m.ProtectedSigningSecret, m.ProtectedPreviousSigningSecret, m.PreviousSigningSecretExpiresAt })
            .FirstOrDefaultAsync();
        if (merchant is null) return null;
        var previous = InGrace(merchant.PreviousSigningSecretExpiresAt) ? merchant.ProtectedPreviousSigningSecret : null;
        var secrets = new[] { merchant.ProtectedSigningSecret, previous }.Select(Unprotect).OfType<byte[]>().ToList();
        return secrets.Count == 0 ? null : new(merchant.Id, merchant.OwnerUserId, secrets);
    }

    /// <summary>Whether a replaced secret is still accepted: its grace period has not ended.</summary>
    private bool InGrace(DateTime? expiresAt) => expiresAt > clock.GetUtcNow().UtcDateTime;

    private byte[]? Unprotect(string? protectedSecret)
    {
        if (protectedSecret is null) return null;
        try
        {
            return Encoding.UTF8.GetBytes(_protector.Unprotect(protectedSecret));
        }
        catch (CryptographicException)
        {
            // The Data Protection keys that sealed it are gone (a new database or key ring): the merchant must make a new one.
            return null;
        }
    }
}
