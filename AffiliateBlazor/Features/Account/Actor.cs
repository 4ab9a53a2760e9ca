using System.Security.Claims;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Account;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Merchant = "Merchant";
    public const string Affiliate = "Affiliate";
    public static readonly string[] All = [Admin, Merchant, Affiliate];
}

public static class AppClaimTypes
{
    public const string MerchantId = "merchant_id";
    public const string AffiliateId = "affiliate_id";
}

/// <summary>Who is asking. Every service query is scoped by it, whatever the page or endpoint checked before.</summary>
public sealed record Actor(string UserId, bool IsAdmin, int? MerchantId, int? AffiliateId)
{
    /// <summary>The caller's merchant. Callers without one get a 404, as for any row that is not theirs.</summary>
    public int Merchant => MerchantId ?? throw new NotFoundException("Your merchant account");

    public int Affiliate => AffiliateId ?? throw new NotFoundException("Your affiliate account");
}

public static class ActorClaims
{
    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new UnauthorizedAccessException("Sign in first."),
        user.IsInRole(Roles.Admin),
        user.IsInRole(Roles.Merchant) && int.TryParse(user.FindFirstValue(AppClaimTypes.MerchantId), out var m) ? m : null,
        user.IsInRole(Roles.Affiliate) && int.TryParse(user.FindFirstValue(AppClaimTypes.AffiliateId), out var a) ? a : null);
}
