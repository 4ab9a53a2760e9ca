using System.Security.Claims;
using AffiliateBlazor.Features.Account;

namespace AffiliateBlazor.Features.Conversions;

/// <summary>The merchant's review of conversions, on the /conversions path next to ConversionEndpoints' list and reports.</summary>
public static class ConversionReviewEndpoints
{
    public static void MapConversionReviewApi(this RouteGroupBuilder api)
    {
        var review = api.MapGroup("/conversions").WithTags("Conversions").RequireAuthorization(AccountSetup.MerchantApiPolicy);
        review.MapPost("/{id:long}/approve", async (long id, ClaimsPrincipal user, ConversionReviewService service) =>
            TypedResults.Ok(await service.ApproveAsync(user.ToActor(), id)))
            .WithSummary("Pending → Approved; its commission becomes payable. Any other state answers 409.");
        review.MapPost("/{id:long}/decline", async (long id, ClaimsPrincipal user, ConversionReviewService service) =>
            TypedResults.Ok(await service.DeclineAsync(user.ToActor(), id)))
            .WithSummary("Pending → Declined; its commission is declined. Any other state answers 409.");
        review.MapPost("/{id:long}/reverse", async (long id, ClaimsPrincipal user, ConversionReviewService service) =>
            TypedResults.Ok(await service.ReverseAsync(user.ToActor(), id)))
            .WithSummary("A refund: Approved → Reversed. Unpaid commission is declined; commission already in a payout gets a negative clawback line.");
        review.MapPost("/bulk", async (BulkReviewRequest request, ClaimsPrincipal user, ConversionReviewService service) =>
            TypedResults.Ok(await service.BulkAsync(user.ToActor(), request)))
            .WithSummary($"Approve or decline up to {ConversionReviewService.MaxBulk} conversions at once; if any cannot make the move, none changes (409).");
        review.MapPost("/manual", async (ManualTransactionRequest request, ClaimsPrincipal user, ConversionReviewService service) =>
        {
            var recorded = await service.AddManualAsync(user.ToActor(), request);
            return TypedResults.Ok(new { id = recorded.Conversion.Id, duplicate = recorded.Duplicate, conversion = recorded.Conversion });
        }).WithSummary("Add a purchase by hand for an approved affiliate (affiliateId is the affiliate's id); it starts Pending with source Manual.");
    }
}
