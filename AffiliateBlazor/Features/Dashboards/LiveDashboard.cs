using AffiliateBlazor.Components.Shared;

namespace AffiliateBlazor.Features.Dashboards;

/// <summary>A dashboard page that reloads its figures every few seconds while it is open.</summary>
public abstract class LiveDashboard : AppPage, IDisposable
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stop = new();

    protected abstract Task LoadAsync();

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _ = RefreshLoopAsync();
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
