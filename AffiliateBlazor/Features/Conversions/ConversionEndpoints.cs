using System.Security.Claims;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Tracking;

namespace AffiliateBlazor.Features.Conversions;

public static class ConversionEndpoints
{
    public static void MapConversionsApi(this RouteGroupBuilder api)
    {
        var conversions = api.MapGroup("/conversions").WithTags("Conversions").RequireAuthorization(AccountSetup.MerchantApiPolicy);
        conversions.MapGet("/", ListAsync);
        conversions.MapGet("/{id:long}", async (long id, ClaimsPrincipal user, ConversionService service) => TypedResults.Ok(await service.GetAsync(user.ToActor(), id)));
        conversions.MapGet("/{id:long}/details", async (long id, ClaimsPrincipal user, ConversionDetailsService service, CancellationToken cancellation) =>
            TypedResults.Ok(await service.GetAsync(user.ToActor(), id, cancellation)))
            .WithSummary("The conversion with its click (sub-ids), its ledger lines (and the payout holding each) and its audit trail.");
        conversions.MapPost("/", async (ConversionRequest request, ClaimsPrincipal user, ConversionService service) =>
        {
            var recorded = await service.RecordAsync(user.ToActor(), request, ConversionSource.Api);
            return TypedResults.Ok(new { id = recorded.Conversion.Id, duplicate = recorded.Duplicate, conversion = recorded.Conversion });
        })
        // Policies combine: this one adds the HMAC signature to the group's API key and bearer token (X-Signature over the raw body).
        .RequireAuthorization(PostbackEndpoints.ConversionSenderPolicy)
        .WithSummary("Report a conversion server to server. Idempotent per campaign and order id: a repeat returns the first one with duplicate = true.");

        api.MapGet("/conversions/export", async (string? format, int? campaignId, ConversionStatus? status, DateTime? from, DateTime? to, int? affiliateId,
                ConversionSource? source, bool? flagged, ClaimsPrincipal user, ConversionExportService exports, CancellationToken cancellation) =>
            {
                var file = await exports.ExportAsync(user.ToActor(), format, new ConversionFilter(campaignId, status, from, to, affiliateId, source, flagged));
                return TypedResults.Stream(stream => file.WriteAsync(stream, cancellation), file.ContentType, file.FileName);
            })
            .WithTags("Conversions").RequireAuthorization(AccountSetup.MerchantDownloadPolicy)
            .WithSummary("The conversions list with the same filters as format=xlsx or csv.");

        api.MapGet("/me/conversions", ListAsync).WithTags("Affiliate (me)").RequireAuthorization(AccountSetup.AffiliateApiPolicy);
    }

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<Page<ConversionView>>> ListAsync(
        ClaimsPrincipal user, ConversionService service, int? campaignId, ConversionStatus? status, DateTime? from, DateTime? to,
        int? affiliateId, ConversionSource? source, bool? flagged, int page = 0, int pageSize = 50) =>
        TypedResults.Ok(await service.ListAsync(user.ToActor(), new ConversionFilter(campaignId, status, from, to, affiliateId, source, flagged), new PageRequest(page, pageSize)));
}
