using AffiliateBlazor.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AffiliateBlazor.Tests.Support;

/// <summary>
/// The app of <see cref="AppFactory"/> on a clock the tests set: every service reads "now" from <see cref="Clock"/>.
/// Tests that share it set the time they need first (<see cref="SetNow"/> moves both ways).
/// </summary>
public sealed class ClockedApp : IDisposable
{
    private readonly AppFactory _factory = new();
    private readonly WebApplicationFactory<Program> _app;

    public ClockedApp()
    {
        _app = _factory.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock)));
        Data = new TestData(_app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), _app.Services.GetRequiredService<AffiliateBlazor.Features.Tracking.ClickIds>());
    }

    public FakeTimeProvider Clock { get; } = new();

    public TestData Data { get; }

    public IDbContextFactory<AppDbContext> Db => _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public void SetNow(DateTime utc) => Clock.AdjustTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>Runs one call of a scoped service in its own scope, as a request or a job would.</summary>
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> call) where TService : notnull
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public void Dispose() => _factory.Dispose();
}
