using System.Security.Claims;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Links;

public static class LinkEndpoints
{
    public static void MapLinksApi(this RouteGroupBuilder api)
    {
        foreach (var (path, policy, tag) in new[] { ("/links", AccountSetup.MerchantApiPolicy, "Links"), ("/me/links", AccountSetup.AffiliateApiPolicy, "Affiliate (me)") })
        {
            var links = api.MapGroup(path).WithTags(tag).RequireAuthorization(policy);
            links.MapGet("/", async (ClaimsPrincipal user, LinkService service, int? campaignId, int page = 0, int pageSize = 50) =>
                TypedResults.Ok(await service.ListAsync(user.ToActor(), campaignId, new PageRequest(page, pageSize))));
            links.MapGet("/{id:int}", async (int id, ClaimsPrincipal user, LinkService service) => TypedResults.Ok(await service.GetAsync(user.ToActor(), id)));
            links.MapPost("/", async (LinkInput input, ClaimsPrincipal user, LinkService service) =>
            {
                var link = await service.CreateAsync(user.ToActor(), input);
                return TypedResults.Created($"/api/v1{path}/{link.Id}", link);
            }).WithSummary("Create a tracking link with optional sub-ids; /t/{code} is its public address.");
        }
    }
}
