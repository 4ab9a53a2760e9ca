using System.Security.Claims;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Audit;

public static class AuditEndpoints
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (ClaimsPrincipal user, AuditLogService service, string? action, string? search, DateTime? from, DateTime? to,
                int page = 0, int pageSize = 50, CancellationToken cancellation = default) =>
                TypedResults.Ok(await service.ListAsync(user.ToActor(), false, new AuditFilter(action, search, from, to), new PageRequest(page, pageSize), cancellation)))
            .WithTags("Audit").RequireAuthorization(AccountSetup.MerchantApiPolicy)
            .WithSummary("Your program's audit log, newest first: every approval, payout, rate and setting change, who made it and the change itself.");
        api.MapGet("/audit/export", async (string? format, string? action, string? search, DateTime? from, DateTime? to, ClaimsPrincipal user,
                AuditLogService service, CancellationToken cancellation) =>
            {
                var file = await service.ExportAsync(user.ToActor(), false, format, new AuditFilter(action, search, from, to));
                return TypedResults.Stream(stream => file.WriteAsync(stream, cancellation), file.ContentType, file.FileName);
            })
            .WithTags("Audit").RequireAuthorization(AccountSetup.MerchantDownloadPolicy).WithSummary("The filtered audit log as format=xlsx or csv.");

        api.MapGet("/admin/audit", async (ClaimsPrincipal user, AuditLogService service, int? merchantId, string? action, string? search, DateTime? from,
                DateTime? to, int page = 0, int pageSize = 50, CancellationToken cancellation = default) =>
                TypedResults.Ok(await service.ListAsync(user.ToActor(), true, new AuditFilter(action, search, from, to, merchantId), new PageRequest(page, pageSize), cancellation)))
            .WithTags("Admin").RequireAuthorization(AccountSetup.AdminApiPolicy).WithSummary("Every merchant's audit log.");
        api.MapGet("/admin/audit/export", async (string? format, int? merchantId, string? action, string? search, DateTime? from, DateTime? to,
                ClaimsPrincipal user, AuditLogService service, CancellationToken cancellation) =>
            {
                var file = await service.ExportAsync(user.ToActor(), true, format, new AuditFilter(action, search, from, to, merchantId));
                return TypedResults.Stream(stream => file.WriteAsync(stream, cancellation), file.ContentType, file.FileName);
            })
            .WithTags("Admin").RequireAuthorization(AccountSetup.AdminDownloadPolicy).WithSummary("Every merchant's audit log as format=xlsx or csv.");
    }
}
