using Microsoft.Extensions.Configuration.Json;

namespace AffiliateBlazor.Hosting;

public static class RootSettings
{
    /// <summary>
    /// The repository root's appsettings.json is copied beside the binaries by the build. It is added as the lowest
    /// layer, so environment variables and command-line switches still override it. `--demo` is a switch for Demo:Enabled.
    /// </summary>
    public static void UseRootSettings(this WebApplicationBuilder builder, string[] args)
    {
        var settings = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Optional = true };
        settings.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, settings);
        if (args.Contains("--demo")) builder.Configuration["Demo:Enabled"] = "true";
        // Package assets (MudBlazor's CSS and JS) are found through the build's manifest outside Development too.
        builder.WebHost.UseStaticWebAssets();
    }
}
