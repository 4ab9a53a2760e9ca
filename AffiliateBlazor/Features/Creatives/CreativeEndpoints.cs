using System.Security.Claims;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AffiliateBlazor.Features.Creatives;

public static class CreativeEndpoints
{
    /// <summary>Room for the multipart envelope and the name field around the file itself.</summary>
    private const int FormOverhead = 64 * 1024;

    public static void MapCreativesApi(this RouteGroupBuilder api)
    {
        var maxBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<CreativeOptions>>().Value.MaxBytes;
        var creatives = api.MapGroup("/campaigns/{id:int}/creatives").WithTags("Creatives").RequireAuthorization(AccountSetup.MerchantApiPolicy);
        creatives.MapGet("/", async (int id, ClaimsPrincipal user, CreativeService service) =>
            TypedResults.Ok(await service.ListAsync(user.ToActor(), id)));
        creatives.MapGet("/{creativeId:int}", async (int id, int creativeId, ClaimsPrincipal user, CreativeService service) =>
            TypedResults.Ok(await service.GetAsync(user.ToActor(), id, creativeId)));
        creatives.MapPost("/", async (int id, [FromForm] string? name, IFormFile? file, ClaimsPrincipal user, CreativeService service) =>
        {
            if (file is null) throw ValidationException.For("file", "Attach the image as the form field 'file'.");
            var created = await service.UploadAsync(user.ToActor(), id, new BannerUpload(name, file.ContentType, file.Length, file.OpenReadStream));
            return TypedResults.Created($"/api/v1/campaigns/{id}/creatives/{created.Id}", created);
        })
            // Kestrel stops reading past this, so an oversized upload is refused before it is buffered.
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes + FormOverhead))
            .WithSummary("Upload a banner as multipart/form-data with `name` and `file`: PNG, JPEG, GIF or WebP, the type read from the file itself.");
        creatives.MapDelete("/{creativeId:int}", async (int id, int creativeId, ClaimsPrincipal user, CreativeService service) =>
        {
            await service.DeleteAsync(user.ToActor(), id, creativeId);
            return TypedResults.NoContent();
        });

        api.MapGet("/me/creatives", async (int? campaignId, ClaimsPrincipal user, CreativeService service) =>
            TypedResults.Ok(campaignId is { } campaign ? await service.ListAsync(user.ToActor(), campaign) : await service.ListForAffiliateAsync(user.ToActor())))
            .WithTags("Affiliate (me)").RequireAuthorization(AccountSetup.AffiliateApiPolicy)
            .WithSummary("Banners of the programs you are approved in; embed them as <a href=\"/t/{code}?cr={id}\"><img src=\"/b/{code}/{id}\"></a>.");
    }
}
