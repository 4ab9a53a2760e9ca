using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Admin;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AffiliateBlazor.Tests.Support;

/// <summary>A merchant owner signed in through the API; <see cref="Api"/> carries its bearer token.</summary>
public sealed record TestMerchant(int Id, string Slug, string Email, HttpClient Api);

/// <summary>An affiliate approved into one merchant's program; <see cref="Api"/> carries its bearer token.</summary>
public sealed record TestAffiliate(int AffiliateId, int MembershipId, string Email, HttpClient Api);

/// <summary>
/// The whole app on its own SQLite file in a temp folder, environment "Testing", with a known admin password.
/// Helpers sign in the three roles through the public API, as a self-hoster's scripts would.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@tests.example";
    public const string AdminPassword = "Admin-pass-123!";
    public const string UserPassword = "User-pass-123!";
    public const string BrowserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    private static int _counter;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "affiliateblazor-tests", Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim _adminGate = new(1, 1);
    private HttpClient? _admin;
    private Uri? _loopback;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabaseFile}");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Mail:AllowPrivateHosts", "true");
        // Scheduled jobs would close days and approve commissions by the real clock, racing the tests that run them by hand.
        builder.UseSetting("Jobs:Enabled", "false");
        // In-memory requests have no remote address, so every test would share one tracking budget.
        builder.UseSetting("RateLimits:TrackingPerSecondPerAddress", "1000000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
    }

    /// <summary>What the app logged at Error or worse.</summary>
    public ErrorLog Errors { get; } = new();

    /// <summary>Settings of this instance, over the defaults above; set them before the first request.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public string DatabaseFolder => _folder;

    /// <summary>The app's SQLite file, in <see cref="DatabaseFolder"/>.</summary>
    public string DatabaseFile => Path.Combine(_folder, "test.db");

    /// <summary>Runs one statement on the app's database file from outside the app: to read what it stored, or to break it on purpose.</summary>
    public async Task<object?> SqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Serves the app on a real socket at 127.0.0.1 (for the browser) and answers its address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return _loopback = new Uri(addresses.First());
    }

    /// <summary>A client that sees redirects as they are (the tracking contract is the 302 itself); on loopback, it calls the socket.</summary>
    public HttpClient NewClient() => _loopback is null
        ? CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
        // On a real socket the factory's client sits on a SocketsHttpHandler that follows redirects whatever the options say.
        : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = _loopback };

    public static string Unique(string stem) => $"{stem}{Interlocked.Increment(ref _counter)}x{Guid.NewGuid().ToString("N")[..6]}";

    public async Task<string> LoginAsync(string email, string password)
    {
        using var client = NewClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.ReadJsonAsync<BearerToken>();
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        return token.AccessToken;
    }

    public async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(email, password));
        return client;
    }

    public async Task<HttpClient> AdminAsync()
    {
        await _adminGate.WaitAsync();
        try { return _admin ??= await SignedInAsync(AdminEmail, AdminPassword); }
        finally { _adminGate.Release(); }
    }

    /// <summary>The admin creates a merchant (Free unless told) and its owner signs in.</summary>
    public async Task<TestMerchant> CreateMerchantAsync(string? plan = null)
    {
        var email = Unique("owner") + "@shop.example";
        var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/merchants",
            new CreateMerchantRequest(Unique("Shop "), "https://shop.example", email, UserPassword, "USD", plan));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var merchant = await response.ReadJsonAsync<MerchantView>();
        return new TestMerchant(merchant.Id, merchant.Slug, email, await SignedInAsync(email, UserPassword));
    }

    /// <summary>Creates an API key for the signed-in caller and answers a client that sends it as X-Api-Key.</summary>
    public async Task<(HttpClient Client, int KeyId)> ApiKeyClientAsync(HttpClient signedIn)
    {
        var response = await signedIn.PostAsJsonAsync("/api/v1/api-keys", new { name = "tests" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync<CreatedApiKey>();
        Assert.StartsWith("ak_", created.Secret);
        var client = NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Secret);
        return (client, created.Key.Id);
    }

    /// <summary>An affiliate signs up on the merchant's join page (as "Partner …" unless named), the merchant approves it, and it signs in.</summary>
    public async Task<TestAffiliate> JoinAndApproveAsync(TestMerchant merchant, string? name = null)
    {
        var email = Unique("partner") + "@blog.example";
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SignUpService>()
                .SignUpAffiliateAsync(merchant.Slug, new AffiliateSignUp(name ?? "Partner " + email[..10], email, UserPassword, null), null);

        var members = await merchant.Api.GetJsonAsync<Page<MemberView>>($"/api/v1/affiliates?search={Uri.EscapeDataString(email)}");
        var member = Assert.Single(members.Items);
        var approved = await merchant.Api.PostAsync($"/api/v1/affiliates/{member.Id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(MembershipStatus.Approved, (await approved.ReadJsonAsync<MemberView>()).Status);
        return new TestAffiliate(member.AffiliateId, member.Id, email, await SignedInAsync(email, UserPassword));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _admin?.Dispose();
        _adminGate.Dispose();
        // Pooled connections keep the file open; release them before the folder goes.
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }

    private sealed record BearerToken(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
