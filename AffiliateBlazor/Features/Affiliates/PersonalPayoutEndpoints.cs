using System.Security.Claims;
using AffiliateBlazor.Features.Account;

namespace AffiliateBlazor.Features.Affiliates;

public static class PersonalPayoutEndpoints
{
    public static void MapPersonalPayoutsApi(this RouteGroupBuilder api)
    {
        var payouts = api.MapGroup("/affiliates/{membershipId:int}/personal-payouts").WithTags("Affiliates")
            .RequireAuthorization(AccountSetup.MerchantApiPolicy);
        payouts.MapGet("/", async (int membershipId, ClaimsPrincipal user, PersonalPayoutService service) =>
            TypedResults.Ok(await service.ListAsync(user.ToActor(), membershipId)))
            .WithSummary("The member's personal payouts; membershipId is the id /api/v1/affiliates lists.");
        payouts.MapPost("/", async (int membershipId, PersonalPayoutInput input, ClaimsPrincipal user, PersonalPayoutService service) =>
        {
            var created = await service.CreateAsync(user.ToActor(), membershipId, input);
            return TypedResults.Created($"/api/v1/affiliates/{membershipId}/personal-payouts/{created.Id}", created);
        }).WithSummary("A custom rate (Fixed: fixedAmount in minor units; Percent: percentBasisPoints) that outranks the campaign's; "
                       + "with couponCode it applies to conversions that used that coupon, which the affiliate gets if nobody has it yet.");
        payouts.MapDelete("/{id:int}", async (int membershipId, int id, ClaimsPrincipal user, PersonalPayoutService service) =>
        {
            await service.DeleteAsync(user.ToActor(), membershipId, id);
            return TypedResults.NoContent();
        });
    }
}
