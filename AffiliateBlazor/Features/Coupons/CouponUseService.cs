using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Coupons;

/// <summary>
/// A coupon used offline (in a store, by phone), reported by the merchant afterwards. Amount is in minor units
/// (4999 = 49.99); CampaignId is needed only when the code exists in several campaigns; Date defaults to now.
/// </summary>
public sealed record CouponUseRequest(string? Code, string? OrderId, long? Amount, string? Currency = null, int? CampaignId = null, DateTime? Date = null);

public sealed record CouponImportResult(int Rows, int Created, int Duplicates);

/// <summary>
/// Turns coupon uses into conversions through <see cref="ConversionService"/>, which attributes them to the coupon's
/// affiliate and prices them (personal payout for the coupon first). A repeated order id is a duplicate, not an error.
/// </summary>
public sealed class CouponUseService(IDbContextFactory<AppDbContext> dbFactory, ConversionService conversions, TimeProvider clock)
{
    /// <summary>A problem list of 10,000 rows helps nobody: the first ones show what to fix.</summary>
    public const int MaxReportedRows = 100;

    private static readonly DateTime EarliestDate = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public async Task<RecordedConversion> RecordAsync(Actor actor, CouponUseRequest use)
    {
        CouponBook book;
        await using (var db = await dbFactory.CreateDbContextAsync())
            book = await CouponBook.LoadAsync(db, actor.Merchant, [use.Code]);
        var check = Check(use, book, clock.GetUtcNow().UtcDateTime, out var ready);
        check.ThrowIfInvalid();
        return await conversions.RecordAsync(actor, ready!.Request, ConversionSource.Coupon, occurredAt: ready.OccurredAt);
    }

    /// <summary>Checks every row first and writes nothing unless all are good; then records them in file order.</summary>
    public async Task<CouponImportResult> ImportAsync(Actor actor, Stream csv, CancellationToken cancellation = default)
    {
        var merchantId = actor.Merchant;
        var rows = await CouponUseCsv.ReadAsync(csv, cancellation);
        CouponBook book;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellation))
            book = await CouponBook.LoadAsync(db, merchantId, rows.Select(r => r.Use.Code));

        var now = clock.GetUtcNow().UtcDateTime;
        var problems = new Dictionary<string, string[]>();
        var ready = new List<ReportedConversion>(rows.Count);
        foreach (var row in rows)
        {
            var check = Check(row.Use, book, now, out var use);
            // A cell that could not be read explains itself better than the follow-on complaints about its field.
            var messages = row.Problems.Concat(check.Errors.Where(e => !row.Problems.ContainsKey(e.Key)))
                .SelectMany(e => e.Value).Select(message => $"Row {row.Number}: {message}").ToArray();
            if (messages.Length > 0) problems[$"row {row.Number}"] = messages;
            else ready.Add(use!);
        }
        if (problems.Count > 0) throw new ValidationException(Summarize(problems));

        // Every row passed the checks above, and writing runs to the end even if the caller goes away, so only an outage
        // can stop it half-way; order ids are idempotent, so uploading the same file again then completes it without
        // counting anything twice.
        var created = await conversions.RecordCouponUsesAsync(actor, ready);
        return new(rows.Count, created, rows.Count - created);
    }

    /// <summary>
    /// Everything <see cref="ConversionService.RecordAsync"/> would refuse, checked up front, so a file is refused as a whole.
    /// The coupon is resolved here so the request names its campaign and the code in its stored spelling.
    /// </summary>
    private static Validation Check(CouponUseRequest use, CouponBook book, DateTime now, out ReportedConversion? ready)
    {
        ready = null;
        var code = CouponCodes.Normalize(use.Code);
        var date = use.Date is { } d ? (d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime()) : (DateTime?)null;
        var validation = new Validation()
            .Check(CouponCodes.IsValid(code), "code", CouponCodes.Rule)
            .Check(date is null || date <= now.AddMinutes(5), "date", "The date of a coupon use cannot be in the future.")
            .Check(date is null || date >= EarliestDate, "date", "The date is before the year 2000.");
        var (coupon, missing) = CouponCodes.IsValid(code) ? book.Find(code!, use.CampaignId) : (null, null);
        if (missing is not null) validation.Check(false, "code", missing);
        if (coupon is not null && use.Currency is { } currency && currency != coupon.Currency && Currencies.IsKnown(currency))
            validation.Check(false, "currency", new CurrencyMismatchException(coupon.Currency, currency).Message);

        var request = new ConversionRequest(use.OrderId, use.Amount, use.Currency, coupon?.CampaignId ?? use.CampaignId, "sale", Coupon: coupon?.Code ?? code);
        try
        {
            request.Validate();
        }
        catch (ValidationException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            foreach (var message in messages)
                validation.Check(false, field, message);
        }
        if (validation.IsValid) ready = new ReportedConversion(request, date);
        return validation;
    }

    private static Dictionary<string, string[]> Summarize(Dictionary<string, string[]> problems)
    {
        if (problems.Count <= MaxReportedRows) return problems;
        var shown = problems.Take(MaxReportedRows).ToDictionary();
        shown["more"] = [$"{problems.Count - MaxReportedRows} more rows have problems; nothing was imported."];
        return shown;
    }
}
