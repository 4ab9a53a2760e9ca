using AffiliateBlazor.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace AffiliateBlazor.Features.Account;

public static class AccountSetup
{
    /// <summary>The API accepts an API key or a bearer token; pages use the Identity cookie.</summary>
    public const string ApiPolicy = "Api";
    public const string MerchantApiPolicy = "MerchantApi";
    public const string AffiliateApiPolicy = "AffiliateApi";
    public const string AdminApiPolicy = "AdminApi";

    /// <summary>
    /// Downloads (exports) answer the API's credentials and the pages' sign-in cookie alike, so a page can fetch the same
    /// file the API serves. Only GETs use them: nothing a cross-site request could trigger changes state.
    /// </summary>
    public const string MerchantDownloadPolicy = "MerchantDownload";
    public const string AdminDownloadPolicy = "AdminDownload";

    /// <summary>Identity's rules. The schema version also shapes the EF model, so anything that builds the model uses this.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.SignIn.RequireConfirmedAccount = false;
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 8;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
    }

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddMemoryCache();
        services.AddSingleton<ApiKeyCache>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.AddIdentityCore<ApplicationUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();
        services.AddScopedHttpContextForSignIn();
        // Downloads under /api accept the sign-in cookie too; there a refusal is a status code, not a redirect to a page.
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Events.OnRedirectToLogin = context => RedirectUnlessApi(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectUnlessApi(context, StatusCodes.Status403Forbidden);
        });
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();

        string[] apiSchemes = [ApiKeyAuthenticationHandler.SchemeName, IdentityConstants.BearerScheme];
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(apiSchemes).RequireAuthenticatedUser())
            .AddPolicy(MerchantApiPolicy, p => p.AddAuthenticationSchemes(apiSchemes).RequireRole(Roles.Merchant))
            .AddPolicy(AffiliateApiPolicy, p => p.AddAuthenticationSchemes(apiSchemes).RequireRole(Roles.Affiliate))
            .AddPolicy(AdminApiPolicy, p => p.AddAuthenticationSchemes(apiSchemes).RequireRole(Roles.Admin))
            .AddPolicy(MerchantDownloadPolicy, p => p.AddAuthenticationSchemes([.. apiSchemes, IdentityConstants.ApplicationScheme]).RequireRole(Roles.Merchant))
            .AddPolicy(AdminDownloadPolicy, p => p.AddAuthenticationSchemes([.. apiSchemes, IdentityConstants.ApplicationScheme]).RequireRole(Roles.Admin));

        services.AddScoped<SignUpService>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<AdminSeeder>();
    }

    private static Task RedirectUnlessApi(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api")) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
