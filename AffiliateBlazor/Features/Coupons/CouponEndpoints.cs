using System.Security.Claims;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Coupons;

public static class CouponEndpoints
{
    /// <summary>Room for the multipart envelope around a file at the size limit; bigger bodies are cut off unread.</summary>
    private const long MaxUploadBody = CouponUseCsv.MaxBytes + 256 * 1024;

    public static void MapCouponsApi(this RouteGroupBuilder api)
    {
        var coupons = api.MapGroup("/coupons").WithTags("Coupons").RequireAuthorization(AccountSetup.MerchantApiPolicy);
        coupons.MapGet("/", async (ClaimsPrincipal user, CouponService service, int? campaignId, int? affiliateId, bool? active, string? search,
                int page = 0, int pageSize = 50) =>
            TypedResults.Ok(await service.ListAsync(user.ToActor(), new CouponFilter(campaignId, affiliateId, active, search), new PageRequest(page, pageSize))));
        coupons.MapGet("/{id:int}", async (int id, ClaimsPrincipal user, CouponService service) => TypedResults.Ok(await service.GetAsync(user.ToActor(), id)));
        coupons.MapPost("/", async (CouponInput input, ClaimsPrincipal user, CouponService service) =>
        {
            var created = await service.CreateAsync(user.ToActor(), input);
            return TypedResults.Created($"/api/v1/coupons/{created.Id}", created);
        }).WithSummary("Give an approved affiliate a coupon code in a campaign; codes are unique per campaign, whatever their case.");
        coupons.MapPost("/{id:int}/deactivate", async (int id, ClaimsPrincipal user, CouponService service) =>
            TypedResults.Ok(await service.DeactivateAsync(user.ToActor(), id)))
            .WithSummary("The code stops naming its affiliate; it stays reserved in its campaign.");

        coupons.MapPost("/uses", async (CouponUseRequest use, ClaimsPrincipal user, CouponUseService service) =>
        {
            var recorded = await service.RecordAsync(user.ToActor(), use);
            return TypedResults.Ok(new { id = recorded.Conversion.Id, duplicate = recorded.Duplicate, conversion = recorded.Conversion });
        }).WithSummary("Record an offline coupon use as a conversion of the coupon's affiliate. Amount in minor units; a repeated order id returns the first with duplicate = true.");
        coupons.MapPost("/uses/csv", async (IFormFile file, ClaimsPrincipal user, CouponUseService service, CancellationToken cancellation) =>
            {
                await using var content = file.OpenReadStream();
                return TypedResults.Ok(await service.ImportAsync(user.ToActor(), content, cancellation));
            })
            .WithFormOptions(multipartBodyLengthLimit: MaxUploadBody)
            .WithSummary($"Import coupon uses from a CSV (multipart field 'file', at most 5 MB and {CouponUseCsv.MaxRows:N0} rows) with the columns {CouponUseCsv.Columns}. "
                         + "Amounts are in major units (49.99). Every row is checked first: one bad row and nothing is written (400 lists the rows).");
    }
}
