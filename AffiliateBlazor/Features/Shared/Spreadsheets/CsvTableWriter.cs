using System.Globalization;
using System.Text;
using CsvHelper;

namespace AffiliateBlazor.Features.Shared.Spreadsheets;

/// <summary>
/// Writes a table as CSV with CsvHelper (quoting whatever would add rows or columns): a header row, text neutralised as
/// in spreadsheets, money in major units with the currency in a column of its own, times as ISO 8601 UTC.
/// </summary>
public static class CsvTableWriter
{
    public static async Task WriteAsync(Stream output, ITable table, CancellationToken cancellation, bool header = true)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await using var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true);
        if (header)
        {
            foreach (var (name, _) in table.Headers) csv.WriteField(name);
            await csv.EndRecordAsync(cancellation);
        }
        await foreach (var row in table.ReadAsync(cancellation))
        {
            foreach (var cell in row.Cells) csv.WriteField(Format(cell));
            await csv.EndRecordAsync(cancellation);
        }
    }

    private static string Format(TableCell cell) => (cell.Kind, cell.Value) switch
    {
        (_, null) => "",
        (CellKind.Money, long minor) => SpreadsheetText.Major(minor, cell.Currency ?? ""),
        (CellKind.Time, DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        (CellKind.Number, var number) => Convert.ToString(number, CultureInfo.InvariantCulture) ?? "",
        _ => SpreadsheetText.Neutralize(Convert.ToString(cell.Value, CultureInfo.InvariantCulture) ?? ""),
    };
}
