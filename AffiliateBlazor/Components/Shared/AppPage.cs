using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AffiliateBlazor.Components.Shared;

/// <summary>Base of the interactive pages: knows who is signed in and shows a service's refusal as a message.</summary>
public abstract class AppPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    private Actor? _actor;

    protected async Task<Actor> ActorAsync() => _actor ??= (await AuthState).User.ToActor();

    /// <summary>Runs a service call; a business refusal becomes an error message rather than a broken circuit.</summary>
    protected async Task<bool> TryAsync(Func<Task> action, string? success = null)
    {
        try
        {
            await action();
            if (success is not null) Snackbar.Add(success, Severity.Success);
            return true;
        }
        catch (Exception e) when (e is DomainException or ValidationException or NotFoundException)
        {
            Snackbar.Add(e.Message, Severity.Error);
            return false;
        }
    }

    /// <summary>The public address of a tracking link on this install.</summary>
    protected string TrackingUrl(string code) => $"{Navigation.BaseUri}t/{code}";
}
