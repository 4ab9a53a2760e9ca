using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Shared.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Audit;

/// <summary>One entry: when, who (their e-mail), for which merchant, what was done to what, and the change.</summary>
public sealed record AuditEntryView(long Id, DateTime At, int? MerchantId, string? MerchantName, string? By, string Action, string Subject, string? Details);

/// <summary>Action matches the start of the action's name ("payout" finds every payout action); Search looks in subject and details.</summary>
public sealed record AuditFilter(string? Action = null, string? Search = null, DateTime? From = null, DateTime? To = null, int? MerchantId = null);

/// <summary>The audit log: a merchant reads its own entries, the admin every merchant's and the install's own.</summary>
public sealed class AuditLogService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private static readonly IReadOnlyList<SheetColumn<AuditEntryView>> Columns =
    [
        new("When", 17, e => e.At, CellKind.Time),
        new("Merchant", 24, e => e.MerchantName),
        new("By", 28, e => e.By),
        new("Action", 22, e => e.Action),
        new("Subject", 24, e => e.Subject),
        new("Change", 70, e => e.Details),
    ];

    public async Task<Page<AuditEntryView>> ListAsync(Actor actor, bool everyMerchant, AuditFilter filter, PageRequest page, CancellationToken cancellation = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var query = Query(db, actor, everyMerchant, filter);
        var total = await query.CountAsync(cancellation);
        return new(await Project(db, query.OrderByDescending(e => e.Id).Skip(page.Skip).Take(page.Take)).ToListAsync(cancellation), total);
    }

    public async Task<ExportFile> ExportAsync(Actor actor, bool everyMerchant, string? format, AuditFilter filter)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)) throw ValidationException.For("format", "Choose format=xlsx or csv.");
        await using var db = await dbFactory.CreateDbContextAsync();
        var owner = everyMerchant ? "all-merchants" : await db.Merchants.Where(m => m.Id == actor.Merchant).Select(m => m.Slug).FirstAsync();
        var name = ExportFile.Name(owner, "audit", filter.From, filter.To, clock.GetUtcNow().UtcDateTime);
        return new(name + (xlsx ? ".xlsx" : ".csv"), xlsx ? ExportFile.XlsxType : "text/csv", async (stream, token) =>
        {
            await using var read = await dbFactory.CreateDbContextAsync(token);
            var table = new Table<AuditEntryView>("Audit log", Columns, Project(read, Query(read, actor, everyMerchant, filter).OrderBy(e => e.Id)).AsAsyncEnumerable());
            if (xlsx) await XlsxWriter.WriteAsync(stream, [table], token);
            else await CsvTableWriter.WriteAsync(stream, table, token);
        });
    }

    private static IQueryable<AuditEntry> Query(AppDbContext db, Actor actor, bool everyMerchant, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!everyMerchant) entries = entries.Where(e => e.MerchantId == actor.Merchant);
        else if (!actor.IsAdmin) throw new NotFoundException("The audit log");
        else if (filter.MerchantId is { } merchantId) entries = entries.Where(e => e.MerchantId == merchantId);
        if (!string.IsNullOrWhiteSpace(filter.Action)) entries = entries.Where(e => e.Action.StartsWith(filter.Action.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.Search)) entries = entries.Where(e => e.Subject.Contains(filter.Search.Trim()) || (e.Details != null && e.Details.Contains(filter.Search.Trim())));
        if (filter.From is { } from) entries = entries.Where(e => e.At >= from);
        if (filter.To is { } to) entries = entries.Where(e => e.At < to);
        return entries;
    }

    private static IQueryable<AuditEntryView> Project(AppDbContext db, IQueryable<AuditEntry> entries) =>
        from e in entries
        from m in db.Merchants.Where(m => m.Id == e.MerchantId).DefaultIfEmpty()
        from u in db.Users.Where(u => u.Id == e.UserId).DefaultIfEmpty()
        select new AuditEntryView(e.Id, e.At, e.MerchantId, m == null ? null : m.Company, u == null ? null : u.Email, e.Action, e.Subject, e.Details);
}
