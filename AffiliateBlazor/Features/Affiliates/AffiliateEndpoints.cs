using System.Security.Claims;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Affiliates;

public sealed record InviteAffiliateRequest(string? Name, string? Email);

public static class AffiliateEndpoints
{
    public static void MapAffiliatesApi(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/affiliates").WithTags("Affiliates").RequireAuthorization(AccountSetup.MerchantApiPolicy);
        members.MapGet("/", async (ClaimsPrincipal user, AffiliateService service, MembershipStatus? status, string? search, int page = 0, int pageSize = 50) =>
            TypedResults.Ok(await service.ListAsync(user.ToActor(), status, search, new PageRequest(page, pageSize))))
            .WithSummary("Members of your program; ids are membership ids.");
        members.MapPost("/", async (InviteAffiliateRequest request, ClaimsPrincipal user, SignUpService signUp) =>
        {
            var invited = await signUp.InviteAffiliateAsync(user.ToActor(), request.Name, request.Email);
            return TypedResults.Created($"/api/v1/affiliates/{invited.Member.Id}", invited);
        }).WithSummary("Invite a new affiliate: its login is made (the one-time password is in this answer only) and approved.");
        members.MapPost("/{id:int}/approve", async (int id, ClaimsPrincipal user, AffiliateService service) =>
            TypedResults.Ok(await service.ApproveAsync(user.ToActor(), id)));
        members.MapPost("/{id:int}/reject", async (int id, ClaimsPrincipal user, AffiliateService service) =>
            TypedResults.Ok(await service.RejectAsync(user.ToActor(), id)));

        api.MapGet("/me/programs", async (ClaimsPrincipal user, AffiliateService service) => TypedResults.Ok(await service.MyProgramsAsync(user.ToActor())))
            .WithTags("Affiliate (me)").RequireAuthorization(AccountSetup.AffiliateApiPolicy);
    }
}
