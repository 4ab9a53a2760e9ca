using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Shared.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Conversions;

/// <summary>The merchant's transactions list, with the page's filters, as an XLSX workbook or CSV streamed to the caller.</summary>
public sealed class ConversionExportService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private static readonly IReadOnlyList<SheetColumn<ConversionView>> Columns =
    [
        new("Conversion", 11, c => c.Id, CellKind.Number),
        new("Recorded", 17, c => c.CreatedAt, CellKind.Time),
        new("Campaign", 24, c => c.CampaignName),
        new("Affiliate", 24, c => c.AffiliateName),
        new("Order", 20, c => c.OrderId),
        new("Type", 8, c => c.Type.ToString()),
        new("Source", 9, c => c.Source.ToString()),
        SheetColumn<ConversionView>.Money("Amount", c => c.Amount, c => c.Currency),
        SheetColumn<ConversionView>.Money("Commission", c => c.Commission, c => c.Currency),
        new("Currency", 9, c => c.Currency),
        new("Status", 10, c => c.Status.ToString()),
        new("Held because", 40, c => c.FlagReason),
        new("Commission rule", 36, c => c.CommissionBasis),
        new("Attributed by", 24, c => c.AttributionReason),
    ];

    public async Task<ExportFile> ExportAsync(Actor actor, string? format, ConversionFilter filter)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            throw ValidationException.For("format", "Choose format=xlsx or csv.");
        await using var db = await dbFactory.CreateDbContextAsync();
        var slug = await db.Merchants.Where(m => m.Id == actor.Merchant).Select(m => m.Slug).FirstAsync();
        var name = ExportFile.Name(slug, "conversions", filter.From, filter.To, clock.GetUtcNow().UtcDateTime);
        return xlsx
            ? new(name + ".xlsx", ExportFile.XlsxType, (stream, token) => WriteAsync(actor, filter, stream, xlsx: true, token))
            : new(name + ".csv", "text/csv", (stream, token) => WriteAsync(actor, filter, stream, xlsx: false, token));
    }

    private async Task WriteAsync(Actor actor, ConversionFilter filter, Stream output, bool xlsx, CancellationToken cancellation)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var rows = ConversionService.Project(db, filter.Apply(ConversionService.Scope(db, actor)).OrderBy(c => c.Id)).AsAsyncEnumerable();
        var table = new Table<ConversionView>("Conversions", Columns, rows);
        if (xlsx) await XlsxWriter.WriteAsync(output, [table], cancellation);
        else await CsvTableWriter.WriteAsync(output, table, cancellation);
    }
}
