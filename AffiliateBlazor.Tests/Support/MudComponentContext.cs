using System.Security.Claims;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Hosting;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using MudBlazor;
using MudBlazor.Services;
using AffiliateBlazor.Features.Tracking;

namespace AffiliateBlazor.Tests.Support;

/// <summary>
/// The one bUnit set-up: MudBlazor services and providers, the app's real feature services over a real SQLite file,
/// and a signed-in user. Components are rendered inside the Mud providers, as MainLayout does.
/// </summary>
public sealed class MudComponentContext : BunitContext
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ab-bunit-").FullName;
    private readonly BunitAuthorizationContext _auth;

    // bUnit's WaitFor* give up after 1 second by default; on a loaded 2-core CI runner a debounce timer or a thread-pool
    // hop (the tracking writer may hold workers) can take longer than that. A wait still ends as soon as it holds.
    static MudComponentContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    public MudComponentContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(_folder, "test.db")}",
            ["Plans:Free:MaxCampaigns"] = "1", ["Plans:Free:MaxAffiliates"] = "10",
            ["Plans:Business:MaxCampaigns"] = "100", ["Plans:Business:MaxAffiliates"] = "1000", ["Tracking:IpHashKey"] = "bunit-test-key-0123456789",
        }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Testing", ContentRootPath = _folder });
        Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.Configure<IdentityOptions>(AccountSetup.ConfigureIdentity);
        Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_folder, "test.db")}"));
        Services.AddSingleton<WriteGate>();
        Services.AddFeatures();
        _auth = AddAuthorization();
        using var db = Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        db.Database.Migrate();
        Data = new TestData(Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), Services.GetRequiredService<ClickIds>());
        // The tracking writer is a hosted service; without a host it is started here, so recorded clicks are saved.
        Services.GetRequiredService<TrackingWriter>().StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public TestData Data { get; }

    public void SignInAs(Actor actor)
    {
        _auth.SetAuthorized(actor.UserId);
        _auth.SetRoles([.. new[] { actor.MerchantId is null ? null : Roles.Merchant, actor.AffiliateId is null ? null : Roles.Affiliate }.OfType<string>()]);
        // Claims last: bUnit rebuilds the principal on SetRoles and would drop them.
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, actor.UserId) };
        if (actor.MerchantId is { } m) claims.Add(new Claim(AppClaimTypes.MerchantId, m.ToString()));
        if (actor.AffiliateId is { } a) claims.Add(new Claim(AppClaimTypes.AffiliateId, a.ToString()));
        _auth.SetClaims([.. claims]);
    }

    /// <summary>Renders the Mud providers a page needs for dialogs, popovers and snackbars.</summary>
    public IRenderedComponent<MudProviders> RenderProviders() => Render<MudProviders>();

    /// <summary>Renders a component inside the Mud providers.</summary>
    public IRenderedComponent<MudProviders> RenderInProviders<T>() where T : IComponent =>
        Render<MudProviders>(p => p.AddChildContent<T>());

    protected override async ValueTask DisposeAsyncCore()
    {
        await Services.GetRequiredService<TrackingWriter>().StopAsync(CancellationToken.None);
        await base.DisposeAsyncCore();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
