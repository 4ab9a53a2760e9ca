using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Admin;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseRootSettings(args);
builder.AddAppDatabase();
builder.AddAccounts();
builder.AddApi();
builder.AddUi();
builder.Services.AddFeatures();
builder.Services.AddSignedConversions();

var app = builder.Build();
await app.PrepareAsync();
app.UseAppPipeline();

app.MapHealth();
app.MapTracking();
app.MapPixels();
app.MapPostbacks();

var api = app.MapApiV1();
api.MapAccountApi();
api.MapAdminApi();
api.MapCampaignsApi();
api.MapAffiliatesApi();
api.MapLinksApi();
api.MapConversionsApi();
api.MapSigningSecretApi();

app.MapUi();
app.Run();

public partial class Program;
