using System.IO.Compression;
using System.Xml;

namespace Payouts;

public static class ExportCheck
{
    /// <summary>Downloads an export and checks it holds the rows it should (after the clock stopped).</summary>
    public static async Task<Download> DownloadAsync(Api api, string format, int payouts, int lines)
    {
        var download = await api.TimeAsync(HttpMethod.Get, $"/api/v1/payouts/export?format={format}");
        if (format == "csv")
        {
            // No field of the seeded data holds a line break, so rows are lines: a header and one per payout.
            var rows = download.Body.Count(b => b == (byte)'\n');
            if (rows != payouts + 1) throw new InvalidDataException($"the CSV has {rows:N0} lines, expected {payouts + 1:N0}");
            return download;
        }
        using var zip = new ZipArchive(new MemoryStream(download.Body), ZipArchiveMode.Read);
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Select(CountRows).Order().ToList();
        // One sheet of payouts and one of lines, each with a header row; which file is which is up to the writer.
        var expected = new[] { payouts + 1, lines + 1 }.Order().ToList();
        if (!sheets.SequenceEqual(expected)) throw new InvalidDataException($"the XLSX sheets have {string.Join(" and ", sheets)} rows, expected {string.Join(" and ", expected)}");
        return download;
    }

    private static int CountRows(ZipArchiveEntry sheet)
    {
        using var xml = XmlReader.Create(sheet.Open());
        var rows = 0;
        while (xml.Read())
            if (xml is { NodeType: XmlNodeType.Element, LocalName: "row" }) rows++;
        return rows;
    }
}
