using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AffiliateBlazor.Components.Shared;

/// <summary>
/// Base of the dialogs that save one form: field errors from the service appear under their fields, any other refusal
/// as a message, and the dialog closes with what was saved.
/// </summary>
public abstract class FormDialog : AppPage
{
    [CascadingParameter] protected IMudDialogInstance Dialog { get; set; } = default!;

    protected IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    protected bool Saving { get; private set; }

    protected bool Has(string field) => Errors.ContainsKey(field);

    protected string Error(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : "";

    protected async Task SaveAsync<T>(Func<Actor, Task<T>> save)
    {
        Saving = true;
        Errors = new Dictionary<string, string[]>();
        try
        {
            Dialog.Close(DialogResult.Ok(await save(await ActorAsync())));
        }
        catch (Exception e) when (e is DomainException or ValidationException or NotFoundException)
        {
            if (e is ValidationException invalid) Errors = invalid.Errors;
            if (e is DomainFieldException field) Errors = new Dictionary<string, string[]> { [field.Field] = [field.Message] };
            Snackbar.Add(e.Message, Severity.Error);
        }
        finally
        {
            Saving = false;
        }
    }

    protected void Cancel() => Dialog.Cancel();
}
