using System.Diagnostics;
using Microsoft.Playwright;

namespace AffiliateBlazor.Tests.Support;

/// <summary>
/// The app on a loopback port and Debian's headless Chromium driven by Playwright. Playwright's own browser download is
/// not reachable here, so the fixture installs the `chromium` package when it is missing (as CI's .ci/run also does).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private IPlaywright? _playwright;

    public AppFactory App { get; } = new();
    public Uri BaseUrl { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await EnsureChromiumAsync();
        // Expect(...) has its own 5-second default, apart from the context's timeout below; it shares 2 cores with
        // Chromium, the server and another test class here.
        Assertions.SetDefaultExpectTimeout(20_000);
        BaseUrl = App.StartOnLoopback();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser profile: cookies and storage of one person.</summary>
    public async Task<IPage> NewPersonAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens an app page and waits until its circuit is live, so clicks and typing reach the server.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Signs a person in through the login page and waits for the signed-in shell.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText(email, new() { Exact = true })).ToBeVisibleAsync();
    }

    private static async Task EnsureChromiumAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(ChromiumPath)) return;
            await RunAsync("apt-get", "update -qq");
            await RunAsync("apt-get", "install -y -qq chromium");
            if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"apt-get did not install {ChromiumPath}; install Debian's chromium package by hand.");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {errors}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
