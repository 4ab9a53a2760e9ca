using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Hosting;

public static class StartupTasks
{
    /// <summary>Migrates the database, seeds the roles and admin, and the demo data when asked for.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await app.Services.MigrateDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminSeeder>().SeedAsync();
        if (app.Configuration.GetValue<bool>("Demo:Enabled"))
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (IDbContextFactory<AppDbContext> dbFactory) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.Database.CanConnectAsync()
                ? Results.Text("Healthy")
                : Results.Text("The database does not answer.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription().AllowAnonymous();
}
