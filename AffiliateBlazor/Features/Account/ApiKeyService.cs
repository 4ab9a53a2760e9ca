using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Account;

public sealed record ApiKeyView(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

/// <summary>API keys of the signed-in user. The secret is returned once; only its hash is stored.</summary>
public sealed class ApiKeyService(IDbContextFactory<AppDbContext> dbFactory, ApiKeyCache cache, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(Actor actor)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.ApiKeys.AsNoTracking().Where(k => k.UserId == actor.UserId).OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyView(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToListAsync();
    }

    public async Task<CreatedApiKey> CreateAsync(Actor actor, string? name)
    {
        name = name?.Trim();
        new Validation().Check(!string.IsNullOrEmpty(name) && name.Length <= 100, "name", "Give the key a name of 1 to 100 characters.")
            .ThrowIfInvalid();
        var secret = "ak_" + Tokens.New(40);
        var key = new ApiKey
        {
            UserId = actor.UserId, MerchantId = actor.MerchantId, Name = name!, Prefix = secret[..10],
            Hash = Tokens.Sha256Hex(secret), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await dbFactory.CreateDbContextAsync();
        db.ApiKeys.Add(key);
        db.AuditEntries.Add(new AuditEntry { MerchantId = actor.MerchantId, UserId = actor.UserId, Action = "api-key.created", Subject = key.Prefix, At = key.CreatedAt });
        await db.SaveChangesAsync();
        return new(new(key.Id, key.Name, key.Prefix, key.CreatedAt, null, null), secret);
    }

    public async Task RevokeAsync(Actor actor, int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.UserId == actor.UserId) ?? throw new NotFoundException("The API key");
        if (key.RevokedAt is not null) return;
        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        db.AuditEntries.Add(new AuditEntry { MerchantId = actor.MerchantId, UserId = actor.UserId, Action = "api-key.revoked", Subject = key.Prefix, At = key.RevokedAt.Value });
        await db.SaveChangesAsync();
        cache.Evict(key.Hash);
    }
}
