using AffiliateBlazor.Features.Admin;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Dashboards;
using AffiliateBlazor.Features.Demo;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Tracking;

namespace AffiliateBlazor.Hosting;

public static class FeatureSetup
{
    /// <summary>The feature services. Each is scoped and opens its own short-lived DbContext per operation.</summary>
    public static void AddFeatures(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PlanCatalog>();
        services.AddSingleton<VisitorPrivacy>();
        services.AddScoped<CampaignService>();
        services.AddScoped<AffiliateService>();
        services.AddScoped<LinkService>();
        services.AddScoped<ConversionService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<MerchantAdminService>();
        services.AddScoped<TrafficRecorder>();
        services.AddScoped<SigningSecretService>();
        services.AddScoped<TrackedConversionService>();
        services.AddScoped<DemoSeeder>();
    }
}
