using System.IO.Compression;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Shared.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Payouts.Exports;

/// <summary>
/// Payout exports, written straight to the caller: spreadsheets (XLSX with a Payouts and a Lines sheet, or CSV of the
/// payouts) for the merchant's books or the admin's, and payment files for the merchant to upload to PayPal, Wise or its
/// bank. A payment file holds only the payouts whose affiliate chose that method (and, for SEPA, euro to an IBAN).
/// </summary>
public sealed class PayoutExportService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int PayPalRowsPerFile = 5_000;
    public const int WiseRowsPerFile = 1_000;

    public async Task<ExportFile> ExportAsync(Actor actor, PayoutAudience audience, PayoutExportRequest request, CancellationToken cancellation = default)
    {
        if (audience == PayoutAudience.Affiliate) throw new NotFoundException("The export");
        if (request.IsPaymentFile && audience != PayoutAudience.Merchant)
            throw new DomainFieldException("format", "Payment files are made by each merchant for its own payouts.");
        var merchantId = audience == PayoutAudience.Merchant ? actor.Merchant : (int?)null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var merchant = merchantId is null ? null : await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == merchantId, cancellation);
        var stem = ExportFile.Name(merchant?.Slug ?? "all-merchants", "payouts", request.From, request.To, clock.GetUtcNow().UtcDateTime);
        var filter = request.Filter(merchantId);

        return request.Format switch
        {
            PayoutExportFormat.Xlsx => new(stem + ".xlsx", ExportFile.XlsxType, (stream, token) => WriteXlsxAsync(actor, audience, filter, stream, token)),
            PayoutExportFormat.Csv => new(stem + ".csv", "text/csv", (stream, token) => WriteCsvAsync(actor, audience, filter, stream, token)),
            PayoutExportFormat.PayPal => PaymentFiles(stem + "-paypal", await PayablesAsync(db, actor, filter, PayoutMethodKind.PayPal, cancellation),
                PayPalRowsPerFile, PayPalCsv, header: false),
            PayoutExportFormat.Wise => PaymentFiles(stem + "-wise", await PayablesAsync(db, actor, filter, PayoutMethodKind.Wise, cancellation),
                WiseRowsPerFile, WiseCsv, header: true),
            _ => Sepa(stem, merchant!, await PayablesAsync(db, actor, filter, PayoutMethodKind.BankTransfer, cancellation)),
        };
    }

    private async Task WriteXlsxAsync(Actor actor, PayoutAudience audience, PayoutFilter filter, Stream output, CancellationToken cancellation)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var payouts = PayoutService.Scope(db, actor, audience).Filtered(filter);
        await XlsxWriter.WriteAsync(output, [
            new Table<PayoutView>("Payouts", PayoutTables.Payouts, PayoutQueries.Project(db, payouts.OrderBy(p => p.Id)).AsAsyncEnumerable()),
            new Table<PayoutLineView>("Lines", PayoutTables.Lines, PayoutQueries.Lines(db, payouts.Select(p => p.Id)).AsAsyncEnumerable()),
        ], cancellation);
    }

    private async Task WriteCsvAsync(Actor actor, PayoutAudience audience, PayoutFilter filter, Stream output, CancellationToken cancellation)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var payouts = PayoutService.Scope(db, actor, audience).Filtered(filter).OrderBy(p => p.Id);
        await CsvTableWriter.WriteAsync(output, new Table<PayoutView>("Payouts", PayoutTables.Payouts, PayoutQueries.Project(db, payouts).AsAsyncEnumerable()), cancellation);
    }

    /// <summary>The filtered payouts whose affiliate chose the method; payment files are small enough to read first.</summary>
    private static async Task<List<PayoutView>> PayablesAsync(AppDbContext db, Actor actor, PayoutFilter filter, PayoutMethodKind kind, CancellationToken cancellation) =>
        (await PayoutQueries.Project(db, PayoutService.Scope(db, actor, PayoutAudience.Merchant).Filtered(filter).OrderBy(p => p.Id)).ToListAsync(cancellation))
            .Where(p => p.Method?.Kind == kind).ToList();

    /// <summary>One file per currency and per so many rows (the services' limits); several go out as one ZIP.</summary>
    private static ExportFile PaymentFiles(string stem, List<PayoutView> payouts, int rowsPerFile, Func<IReadOnlyList<PayoutView>, Table<PayoutView>> table, bool header)
    {
        var files = payouts.GroupBy(p => p.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(rowsPerFile).Select((rows, i) => (Name: $"{stem}-{g.Key}-{i + 1}.csv", Rows: (IReadOnlyList<PayoutView>)rows)))
            .ToList();
        if (files.Count == 0) throw new DomainFieldException("format", "No payout in this selection goes to an affiliate who chose this payout method.");
        if (files.Count == 1) return new(stem + ".csv", "text/csv", (stream, token) => CsvTableWriter.WriteAsync(stream, table(files[0].Rows), token, header));
        return new(stem + ".zip", "application/zip", async (stream, token) =>
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var (name, rows) in files)
                {
                    await using var entry = await zip.CreateEntry(name).OpenAsync(token);
                    await CsvTableWriter.WriteAsync(entry, table(rows), token, header);
                }
            buffer.Position = 0;
            await buffer.CopyToAsync(stream, token);
        });
    }

    /// <summary>PayPal Payouts: no header; recipient, amount, currency, an id of ours, a note, and the wallet.</summary>
    private static Table<PayoutView> PayPalCsv(IReadOnlyList<PayoutView> rows) => new("PayPal",
    [
        new("Recipient", 0, p => p.Method!.Email),
        SheetColumn<PayoutView>.Money("Amount", p => p.Amount, p => p.Currency),
        new("Currency", 0, p => p.Currency),
        new("Customer ID", 0, p => $"payout-{p.Id}"),
        new("Note", 0, p => $"Commission from {p.MerchantName} (payout {p.Id})"),
        new("Wallet", 0, _ => "PAYPAL"),
    ], rows.ToAsyncEnumerable());

    /// <summary>Wise batch transfers to e-mail recipients: the recipient receives exactly the amount, in the payout's currency.</summary>
    private static Table<PayoutView> WiseCsv(IReadOnlyList<PayoutView> rows) => new("Wise",
    [
        new("name", 0, p => p.AffiliateName),
        new("recipientEmail", 0, p => p.Method!.Email),
        new("paymentReference", 0, p => $"Payout {p.Id}"),
        new("receiverType", 0, _ => "PERSON"),
        new("amountCurrency", 0, _ => "target"),
        SheetColumn<PayoutView>.Money("amount", p => p.Amount, p => p.Currency),
        new("sourceCurrency", 0, p => p.Currency),
        new("targetCurrency", 0, p => p.Currency),
    ], rows.ToAsyncEnumerable());

    private ExportFile Sepa(string stem, Merchant merchant, List<PayoutView> payouts)
    {
        if (merchant.PayoutIban is null || merchant.PayoutAccountName is null)
            throw new DomainFieldException("format", "Set the account payouts leave from (IBAN and holder) in the payout settings before making a SEPA file.");
        var euros = payouts.Where(p => p.Currency == "EUR").ToList();
        if (euros.Count == 0) throw new DomainFieldException("format", "No euro payout in this selection goes to an affiliate who gave an IBAN.");
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = new SepaBatch($"AB-{merchant.Id}-{now:yyyyMMddHHmmss}", now, DateOnly.FromDateTime(now), merchant.PayoutAccountName, merchant.PayoutIban,
            euros.Select(p => new SepaTransfer($"PAYOUT-{p.Id}", p.Amount, p.Method!.AccountHolder!, p.Method.Iban!, $"Commission from {merchant.Company}, payout {p.Id}")).ToList());
        return new(stem + "-sepa.xml", "application/xml", async (stream, token) =>
        {
            using var buffer = new MemoryStream();
            SepaCreditTransfer.Write(buffer, batch);
            buffer.Position = 0;
            await buffer.CopyToAsync(stream, token);
        });
    }
}
