using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Admin;
using AffiliateBlazor.Features.Audit;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Creatives;
using AffiliateBlazor.Features.Coupons;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Payouts;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseRootSettings(args);
builder.AddAppDatabase();
builder.AddAccounts();
builder.AddApi();
builder.AddUi();
builder.Services.AddFeatures();
builder.AddJobs();
builder.Services.AddSignedConversions();

var app = builder.Build();
await app.PrepareAsync();
app.UseTracking();
app.UseAppPipeline();

app.MapHealth();
app.MapBanners();
app.MapPixels();
app.MapPostbacks();

var api = app.MapApiV1();
api.MapAccountApi();
api.MapAdminApi();
api.MapCampaignsApi();
api.MapCreativesApi();
api.MapAffiliatesApi();
api.MapPersonalPayoutsApi();
api.MapLinksApi();
api.MapConversionsApi();
api.MapConversionReviewApi();
api.MapPayoutsApi();
api.MapAuditApi();
api.MapCouponsApi();
api.MapSigningSecretApi();

app.MapUi();
app.Run();

public partial class Program;
