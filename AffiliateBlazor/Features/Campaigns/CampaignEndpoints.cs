using System.Security.Claims;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Campaigns;

public static class CampaignEndpoints
{
    public static void MapCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns").RequireAuthorization(AccountSetup.MerchantApiPolicy);
        campaigns.MapGet("/", async (ClaimsPrincipal user, CampaignService service, CampaignStatus? status, int page = 0, int pageSize = 50) =>
            TypedResults.Ok(await service.ListAsync(user.ToActor(), status, new PageRequest(page, pageSize))));
        campaigns.MapGet("/{id:int}", async (int id, ClaimsPrincipal user, CampaignService service) =>
            TypedResults.Ok(await service.GetAsync(user.ToActor(), id)));
        campaigns.MapPost("/", async (CampaignInput input, ClaimsPrincipal user, CampaignService service) =>
        {
            var created = await service.CreateAsync(user.ToActor(), input);
            return TypedResults.Created($"/api/v1/campaigns/{created.Id}", created);
        }).WithSummary("Create a campaign of any commission type; the plan limits how many may be live.");
        campaigns.MapPut("/{id:int}", async (int id, CampaignInput input, ClaimsPrincipal user, CampaignService service) =>
            TypedResults.Ok(await service.UpdateAsync(user.ToActor(), id, input)));
    }
}
