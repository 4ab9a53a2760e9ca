using System.Security.Claims;
using AffiliateBlazor.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AffiliateBlazor.Features.Account;

/// <summary>Puts the user's merchant and affiliate ids into its cookie, bearer token and API-key identity.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    IDbContextFactory<AppDbContext> dbFactory)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchantId = await db.Merchants.Where(m => m.OwnerUserId == user.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync();
        var affiliateId = await db.Affiliates.Where(a => a.UserId == user.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync();
        if (merchantId is { } m) identity.AddClaim(new Claim(AppClaimTypes.MerchantId, m.ToString()));
        if (affiliateId is { } a) identity.AddClaim(new Claim(AppClaimTypes.AffiliateId, a.ToString()));
        return identity;
    }
}
