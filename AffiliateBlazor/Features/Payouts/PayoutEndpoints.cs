using System.Security.Claims;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Payouts.Exports;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Shared.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AffiliateBlazor.Features.Payouts;

public static class PayoutEndpoints
{
    public static void MapPayoutsApi(this RouteGroupBuilder api)
    {
        var payouts = api.MapGroup("/payouts").WithTags("Payouts").RequireAuthorization(AccountSetup.MerchantApiPolicy);
        payouts.MapGet("/", (ClaimsPrincipal user, PayoutService service, PayoutStatus? status, int? affiliateId, string? currency, DateTime? from, DateTime? to,
                int page = 0, int pageSize = 50, CancellationToken cancellation = default) =>
            ListAsync(user, PayoutAudience.Merchant, service, new PayoutFilter(status, affiliateId, currency, from, to), page, pageSize, cancellation))
            .WithSummary("Your program's payouts, newest first; from and to bound when they were prepared.");
        payouts.MapPost("/preview", async ([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PreparePayoutsRequest? request, ClaimsPrincipal user, PayoutRun run, CancellationToken cancellation) =>
            TypedResults.Ok(await run.PreviewAsync(user.ToActor(), request ?? new(), cancellation)))
            .WithSummary("What /generate would pay with the same body, and which balances it would leave unpaid and why; nothing is written.");
        payouts.MapPost("/generate", async ([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PreparePayoutsRequest? request, ClaimsPrincipal user, PayoutRun run, CancellationToken cancellation) =>
            TypedResults.Ok(await run.PrepareAsync(user.ToActor(), request ?? new(), cancellation)))
            .WithSummary("Prepare pending payouts of approved, unpaid commission up to cutOff (default now) per affiliate and currency, for balances "
                         + "reaching minimum (default: your payout settings); leaveOut lists affiliate ids to skip. An empty body takes every default.");
        payouts.MapGet("/{id:int}", async (int id, ClaimsPrincipal user, PayoutService service, CancellationToken cancellation) =>
            TypedResults.Ok(await service.GetAsync(user.ToActor(), PayoutAudience.Merchant, id, cancellation)))
            .WithSummary("A payout with its commission lines.");
        payouts.MapPost("/{id:int}/approve", async (int id, ApprovePayoutRequest request, ClaimsPrincipal user, PayoutService service) =>
            TypedResults.Ok(await service.ApproveAsync(user.ToActor(), id, request)))
            .WithSummary("You paid it through your own payment system: Pending → Approved with your reference (up to 100 characters) and paidAt (default now, never in the future).");
        payouts.MapPost("/approve", async (BulkApprovePayoutsRequest request, ClaimsPrincipal user, PayoutService service) =>
            TypedResults.Ok(await service.ApproveManyAsync(user.ToActor(), request)))
            .WithSummary($"Approve up to {PayoutService.MaxBulk} payouts paid in one batch under one reference; if any cannot be approved, none is (409).");
        payouts.MapPost("/{id:int}/cancel", async (int id, ClaimsPrincipal user, PayoutService service) =>
            TypedResults.Ok(await service.CancelAsync(user.ToActor(), id)))
            .WithSummary("Pending → Cancelled: its commission lines are unpaid again and go into the next payout.");
        payouts.MapPost("/{id:int}/return", async (int id, ReturnPayoutRequest request, ClaimsPrincipal user, PayoutService service) =>
            TypedResults.Ok(await service.ReturnAsync(user.ToActor(), id, request)))
            .WithSummary("The transfer bounced: Approved → Returned with a reason. The payout stays in the history; its lines are owed again.");
        payouts.MapGet("/settings", async (ClaimsPrincipal user, PayoutSettingsService service, CancellationToken cancellation) =>
            TypedResults.Ok(await service.GetAsync(user.ToActor(), cancellation)));
        payouts.MapPut("/settings", async (PayoutSettings settings, ClaimsPrincipal user, PayoutSettingsService service) =>
            TypedResults.Ok(await service.UpdateAsync(user.ToActor(), settings)))
            .WithSummary("minimumPayout in minor units of each payout's currency; payoutIban and payoutAccountName: the account SEPA files pay from.");

        api.MapGet("/payouts/export", (string? format, PayoutStatus? status, DateTime? from, DateTime? to, int[]? ids, ClaimsPrincipal user,
                PayoutExportService exports, CancellationToken cancellation) =>
                ExportAsync(user, PayoutAudience.Merchant, exports, format, status, from, to, ids, cancellation))
            .WithTags("Payouts").RequireAuthorization(AccountSetup.MerchantDownloadPolicy)
            .WithSummary("format=xlsx (Payouts and Lines sheets) or csv: your payouts (every status unless named); paypal, wise (CSV, or a ZIP when "
                         + "several files) or sepa (pain.001.001.03 XML, euro payouts to IBANs): pending payouts unless a status is named.");

        var admin = api.MapGroup("/admin/payouts").WithTags("Admin");
        admin.MapGet("/", (ClaimsPrincipal user, PayoutService service, int? merchantId, PayoutStatus? status, string? currency, DateTime? from, DateTime? to,
                int page = 0, int pageSize = 50, CancellationToken cancellation = default) =>
            ListAsync(user, PayoutAudience.Admin, service, new PayoutFilter(status, null, currency, from, to, MerchantId: merchantId), page, pageSize, cancellation))
            .RequireAuthorization(AccountSetup.AdminApiPolicy).WithSummary("Every merchant's payouts.");
        admin.MapGet("/export", (string? format, PayoutStatus? status, DateTime? from, DateTime? to, int[]? ids, ClaimsPrincipal user,
                PayoutExportService exports, CancellationToken cancellation) =>
                ExportAsync(user, PayoutAudience.Admin, exports, format, status, from, to, ids, cancellation))
            .RequireAuthorization(AccountSetup.AdminDownloadPolicy).WithSummary("Every merchant's payouts as one workbook (format=xlsx) or CSV.");

        var me = api.MapGroup("/me").WithTags("Affiliate (me)").RequireAuthorization(AccountSetup.AffiliateApiPolicy);
        me.MapGet("/payouts", (ClaimsPrincipal user, PayoutService service, PayoutStatus? status, int page = 0, int pageSize = 50, CancellationToken cancellation = default) =>
            ListAsync(user, PayoutAudience.Affiliate, service, new PayoutFilter(status), page, pageSize, cancellation))
            .WithSummary("Your payouts in every program, with the merchant's reference and payment date.");
        me.MapGet("/payouts/{id:int}", async (int id, ClaimsPrincipal user, PayoutService service, CancellationToken cancellation) =>
            TypedResults.Ok(await service.GetAsync(user.ToActor(), PayoutAudience.Affiliate, id, cancellation)))
            .WithSummary("One of your payouts with the commission lines it paid.");
        me.MapGet("/balances", async (ClaimsPrincipal user, PayoutMethodService service, CancellationToken cancellation) =>
            TypedResults.Ok(await service.BalancesAsync(user.ToActor(), cancellation)))
            .WithSummary("Per program and currency: pending review, approved and unpaid, and paid (in payouts the merchant approved).");
        me.MapGet("/payout-method", async (ClaimsPrincipal user, PayoutMethodService service, CancellationToken cancellation) =>
            TypedResults.Ok(await service.MineAsync(user.ToActor(), cancellation)))
            .WithSummary("Your payout method in each of your programs.");
        me.MapPut("/payout-method", async (PayoutMethodInput input, ClaimsPrincipal user, PayoutMethodService service) =>
            TypedResults.Ok(await service.SetAsync(user.ToActor(), input)))
            .WithSummary("Set how a program pays you: PayPal or Wise (email), BankTransfer (iban, accountHolder) or Other (details).");
    }

    private static async Task<Ok<Page<PayoutView>>> ListAsync(ClaimsPrincipal user, PayoutAudience audience, PayoutService service, PayoutFilter filter,
        int page, int pageSize, CancellationToken cancellation) =>
        TypedResults.Ok(await service.ListAsync(user.ToActor(), audience, filter, new PageRequest(page, pageSize), cancellation));

    private static async Task<PushStreamHttpResult> ExportAsync(ClaimsPrincipal user, PayoutAudience audience, PayoutExportService exports, string? format,
        PayoutStatus? status, DateTime? from, DateTime? to, int[]? ids, CancellationToken cancellation)
    {
        if (!Enum.TryParse<PayoutExportFormat>(format, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || format!.Any(char.IsDigit))
            throw ValidationException.For("format", "Choose format=xlsx, csv, paypal, wise or sepa.");
        var file = await exports.ExportAsync(user.ToActor(), audience, new PayoutExportRequest(parsed, status, from, to, ids), cancellation);
        return TypedResults.Stream(stream => file.WriteAsync(stream, cancellation), file.ContentType, file.FileName);
    }
}
