using System.Security.Claims;
using AffiliateBlazor.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace AffiliateBlazor.Features.Account;

public sealed record LoginRequest(string Email, string Password);

public sealed record CreateApiKeyRequest(string? Name);

public static class AccountEndpoints
{
    public static void MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", LoginAsync).WithTags("Auth").AllowAnonymous()
            .WithSummary("Exchange e-mail and password for a bearer token (failed attempts lock the account).");

        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(AccountSetup.ApiPolicy);
        keys.MapGet("/", async (ClaimsPrincipal user, ApiKeyService service) => TypedResults.Ok(await service.ListAsync(user.ToActor())));
        keys.MapPost("/", async (CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyService service) =>
        {
            var created = await service.CreateAsync(user.ToActor(), request.Name);
            return TypedResults.Created($"/api/v1/api-keys/{created.Key.Id}", created);
        }).WithSummary("Create a key. The secret is in this answer only: store it now.");
        keys.MapDelete("/{id:int}", async (int id, ClaimsPrincipal user, ApiKeyService service) =>
        {
            await service.RevokeAsync(user.ToActor(), id);
            return TypedResults.NoContent();
        }).WithSummary("Revoke a key at once.");
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<ApplicationUser> signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var user = await signIn.UserManager.FindByEmailAsync(request.Email ?? "");
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.Empty;
        return TypedResults.Problem(result.IsLockedOut ? "Too many failed attempts: the account is locked for a while." : "The e-mail or password is wrong.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.");
    }
}
