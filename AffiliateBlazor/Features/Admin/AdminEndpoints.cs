using System.Security.Claims;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Admin;

public static class AdminEndpoints
{
    public static void MapAdminApi(this RouteGroupBuilder api)
    {
        var merchants = api.MapGroup("/merchants").WithTags("Admin").RequireAuthorization(AccountSetup.AdminApiPolicy);
        merchants.MapGet("/", async (ClaimsPrincipal user, MerchantAdminService service, string? search, int page = 0, int pageSize = 50) =>
            TypedResults.Ok(await service.ListAsync(user.ToActor(), search, new PageRequest(page, pageSize))));
        merchants.MapPost("/", async (CreateMerchantRequest request, ClaimsPrincipal user, MerchantAdminService service) =>
        {
            var merchant = await service.CreateAsync(user.ToActor(), request);
            return TypedResults.Created($"/api/v1/merchants/{merchant.Id}", merchant);
        }).WithSummary("Create a merchant with its owner's login.");
        merchants.MapPut("/{id:int}/plan", async (int id, ChangePlanRequest request, ClaimsPrincipal user, MerchantAdminService service) =>
            TypedResults.Ok(await service.ChangePlanAsync(user.ToActor(), id, request.Plan)));
    }
}
