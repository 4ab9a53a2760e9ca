using System.Security.Cryptography;
using System.Text;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>Whether the merchant has a signing secret, and the name signed calls carry to pick it.</summary>
public sealed record SigningSecretStatus(bool Configured, string Merchant);

/// <summary>A new secret, in this answer only.</summary>
public sealed record NewSigningSecret(string Secret, string Merchant);

/// <summary>The key a merchant's signed calls are checked against.</summary>
public sealed record SigningKey(int MerchantId, string OwnerUserId, byte[] Secret);

/// <summary>
/// The merchant's HMAC secret for signed server-to-server calls. It must be readable to check signatures, so it is
/// encrypted with Data Protection (keys kept in the database) rather than hashed; it is shown once, when made.
/// </summary>
public sealed class SigningSecretService(IDbContextFactory<AppDbContext> dbFactory, IDataProtectionProvider protection, TimeProvider clock)
{
    private const string Purpose = "SigningSecret";
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public async Task<SigningSecretStatus> GetStatusAsync(Actor actor)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.AsNoTracking().Where(m => m.Id == actor.Merchant)
            .Select(m => new { m.Slug, Configured = m.ProtectedSigningSecret != null }).FirstOrDefaultAsync()
            ?? throw new NotFoundException("Your merchant account");
        return new(merchant.Configured, merchant.Slug);
    }

    /// <summary>Makes a new secret; the previous one stops working at once.</summary>
    public async Task<NewSigningSecret> RotateAsync(Actor actor)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.FirstOrDefaultAsync(m => m.Id == actor.Merchant) ?? throw new NotFoundException("Your merchant account");
        var secret = "hmac_" + Tokens.New(40);
        var replaced = merchant.ProtectedSigningSecret is not null;
        merchant.ProtectedSigningSecret = _protector.Protect(secret);
        db.AuditEntries.Add(new AuditEntry
        {
            MerchantId = merchant.Id, UserId = actor.UserId, Action = replaced ? "signing-secret.rotated" : "signing-secret.created",
            Subject = merchant.Slug, At = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return new(secret, merchant.Slug);
    }

    /// <summary>The merchant's key by its public name, or null when there is no such merchant or it has no secret.</summary>
    public async Task<SigningKey?> FindAsync(string merchantSlug)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.AsNoTracking().Where(m => m.Slug == merchantSlug && m.ProtectedSigningSecret != null)
            .Select(m => new { m.Id, m.OwnerUserId, m.ProtectedSigningSecret }).FirstOrDefaultAsync();
        if (merchant is null) return null;
        try
        {
            return new(merchant.Id, merchant.OwnerUserId, Encoding.UTF8.GetBytes(_protector.Unprotect(merchant.ProtectedSigningSecret!)));
        }
        catch (CryptographicException)
        {
            // The Data Protection keys that sealed it are gone (a new database or key ring): the merchant must make a new one.
            return null;
        }
    }
}
