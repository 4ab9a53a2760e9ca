using AffiliateBlazor.Components;
using AffiliateBlazor.Features.Account;
using MudBlazor.Services;

namespace AffiliateBlazor.Hosting;

public static class UiSetup
{
    public static void AddUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
    }

    public static void UseAppPipeline(this WebApplication app)
    {
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // An empty 401/403/404 from the API becomes problem details; elsewhere people get the not-found page.
        app.UseWhen(http => IsApi(http), api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApi(http), ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseScopedHttpContext();
        // Routing comes after the tracking middleware and the error pages, and authentication after the status-code pages
        // (the host would put them first), so an API 401/403 passes through the status-code pages.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();
    }

    private static bool IsApi(HttpContext http) => ApiErrors.IsApiPath(http.Request.Path);

    public static void MapUi(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
    }
}
