using AffiliateBlazor.Features.Admin;
using AffiliateBlazor.Features.Audit;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Commissions;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Creatives;
using AffiliateBlazor.Features.Coupons;
using AffiliateBlazor.Features.Dashboards;
using AffiliateBlazor.Features.Demo;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Payouts;
using AffiliateBlazor.Features.Payouts.Exports;
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
        services.AddOptions<CreativeOptions>().BindConfiguration(CreativeOptions.Section)
            .Validate(o => o.IsValid, $"Creatives:MaxBytes must be 1 to {CreativeOptions.MaxBytesCeiling} and Creatives:CacheBytes above 0.").ValidateOnStart();
        services.AddSingleton<BannerCache>();
        services.AddScoped<CreativeService>();
        services.AddScoped<ConversionReviewService>();
        services.AddScoped<ConversionDetailsService>();
        services.AddScoped<ConversionExportService>();
        services.AddScoped<CouponService>();
        services.AddScoped<CouponUseService>();
        services.AddScoped<PersonalPayoutService>();
        services.AddScoped<PayoutRun>();
        services.AddScoped<PayoutService>();
        services.AddScoped<PayoutSettingsService>();
        services.AddScoped<PayoutMethodService>();
        services.AddScoped<PayoutExportService>();
        services.AddScoped<AuditLogService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<MerchantAdminService>();
        services.AddSingleton<LinkCache>();
        services.AddSingleton<UniqueVisitors>();
        services.AddSingleton<ClickIds>();
        // The host registers the meter factory; adding it here too (only if missing) serves hosts that do not, like component tests.
        services.AddMetrics();
        services.AddSingleton<TrackingMetrics>();
        services.AddSingleton<TrackingWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<TrackingWriter>());
        services.AddSingleton<TrafficRecorder>();
        // Budgets run on real time even where tests set the app's clock: one set back would refuse an address until it caught up.
        services.AddSingleton(sp => new TrackingRateLimit(sp.GetRequiredService<IConfiguration>(), TimeProvider.System));
        services.AddScoped<SigningSecretService>();
        services.AddScoped<TrackedConversionService>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<TrafficAccrualService>();
        services.AddScoped<AutoApprovalService>();
        services.AddScoped<ClickRetentionService>();
    }
}
