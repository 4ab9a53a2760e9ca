using System.Security.Claims;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Server-to-server conversions: the network-style GET /postback beside POST /api/v1/conversions, both
/// accepting the merchant's API key or an HMAC signature, and the API that makes the signing secret.
/// </summary>
public static class PostbackEndpoints
{
    /// <summary>Who may report conversions server to server: the merchant by API key, bearer token or signature.</summary>
    public const string ConversionSenderPolicy = "ConversionSender";

    public static void AddSignedConversions(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, SignatureAuthenticationHandler>(SignatureAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ConversionSenderPolicy, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName, IdentityConstants.BearerScheme, SignatureAuthenticationHandler.SchemeName)
            .RequireRole(Roles.Merchant));
        // A refused signature's 401 says why (stale timestamp, wrong secret…): integrators cannot debug a bare 401.
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var earlier = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                if (context.ProblemDetails.Status == StatusCodes.Status401Unauthorized
                    && context.HttpContext.Items[SignatureAuthenticationHandler.RefusalItem] is string reason)
                    context.ProblemDetails.Detail = reason;
            };
        });
    }

    public static void MapPostbacks(this WebApplication app)
    {
        app.MapGet("/postback", async Task<Ok<PostbackAnswer>> (HttpContext http, ClaimsPrincipal user, TrackedConversionService tracked) =>
            {
                var report = ConversionQuery.ForPostback(StrictQuery.Parse(http.Request.QueryString.Value));
                return TypedResults.Ok(await tracked.RecordPostbackAsync(user.ToActor(), report));
            })
            .WithTags("Conversions").RequireAuthorization(ConversionSenderPolicy).RequireRateLimiting(ApiSetup.ApiRateLimit)
            .WithSummary("Network-style conversion: click_id, order_id, amount (minor units), currency, coupon, type, campaign (id), status, customer_ip, customer_email.")
            .WithDescription("Authenticate with X-Api-Key, or sign: X-Signature (or sig=) t=<unix>,v1=<hex HMAC-SHA256(secret, \"<t>.<query without sig>\")> and merchant=<slug>. "
                + "Idempotent per campaign and order id. The network's status is noted; the conversion starts pending.");
    }

    public static void MapSigningSecretApi(this RouteGroupBuilder api)
    {
        var secret = api.MapGroup("/settings/signing-secret").WithTags("Settings").RequireAuthorization(AccountSetup.MerchantApiPolicy);
        secret.MapGet("/", async (ClaimsPrincipal user, SigningSecretService secrets) => TypedResults.Ok(await secrets.GetStatusAsync(user.ToActor())))
            .WithSummary("Whether a signing secret is set, the merchant name (X-Merchant) that signed calls carry, and until when "
                + "the secret the last rotation replaced is still accepted (previousValidUntil, UTC; null: it is not).");
        secret.MapPost("/", async (ClaimsPrincipal user, SigningSecretService secrets, bool? keepPrevious) =>
                TypedResults.Ok(await secrets.RotateAsync(user.ToActor(), revokePrevious: keepPrevious != true)))
            .WithSummary("Make a new signing secret, in this answer only. The one it replaces stops working at once, or with "
                + "?keepPrevious=true is still accepted for 24 hours so servers can switch without refused calls.");
    }
}
