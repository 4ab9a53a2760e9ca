using System.Security.Claims;
using System.Text.Encodings.Web;
using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AffiliateBlazor.Features.Account;

/// <summary>Authenticates `X-Api-Key: key`. Keys are looked up by their SHA-256 hash.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopes, ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
            return AuthenticateResult.NoResult();
        var hash = Tokens.Sha256Hex(values[0]!);
        var principal = await cache.GetOrCreateAsync(hash, () => LoadAsync(hash));
        return principal is null
            ? AuthenticateResult.Fail("The API key is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private async Task<ClaimsPrincipal?> LoadAsync(string hash)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null);
        if (key is null) return null;
        await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, TimeProvider.GetUtcNow().UtcDateTime));
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(key.UserId);
        if (user is null || await users.IsLockedOutAsync(user)) return null;
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        return new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, SchemeName));
    }
}

/// <summary>
/// Keeps a resolved key's identity for a short while, so server-to-server calls do not pay three queries each.
/// Revoking a key evicts it at once.
/// </summary>
public sealed class ApiKeyCache(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public async Task<ClaimsPrincipal?> GetOrCreateAsync(string hash, Func<Task<ClaimsPrincipal?>> load)
    {
        if (cache.TryGetValue(Key(hash), out ClaimsPrincipal? known)) return known;
        var loaded = await load();
        if (loaded is not null) cache.Set(Key(hash), loaded, Lifetime);
        return loaded;
    }

    public void Evict(string hash) => cache.Remove(Key(hash));

    private static string Key(string hash) => "apikey:" + hash;
}
