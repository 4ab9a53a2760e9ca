using System.Text;
using AffiliateBlazor.Features.Shared.Spreadsheets;
using AffiliateBlazor.Tests.Support;
using ClosedXML.Excel;

namespace AffiliateBlazor.Tests.Features.Shared;

/// <summary>The XLSX and CSV writers, read back cell by cell: formats, and no text from users ever running as a formula.</summary>
public class SpreadsheetWriterTests
{
    public static readonly TheoryData<string> Payloads = new()
    {
        "=HYPERLINK(\"http://evil.example\",\"Click\")", "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "@SUM(1,2)", "\t=1+1", "\r=1+1", "\0=1+1",
    };

    private sealed record Row(int Id, string Text, long Amount, string Currency, DateTime At);

    private static readonly SheetColumn<Row>[] Columns =
    [
        new("Id", 6, r => r.Id, CellKind.Number),
        new("Text", 40, r => r.Text),
        SheetColumn<Row>.Money("Amount", r => r.Amount, r => r.Currency),
        new("Currency", 9, r => r.Currency),
        new("At", 17, r => r.At, CellKind.Time),
    ];

    private static readonly DateTime At = new(2026, 11, 30, 14, 5, 0, DateTimeKind.Utc);

    private static async Task<byte[]> XlsxAsync(params Row[] rows)
    {
        using var output = new MemoryStream();
        await XlsxWriter.WriteAsync(output, [new Table<Row>("Rows", Columns, rows.ToAsyncEnumerable())], CancellationToken.None);
        return output.ToArray();
    }

    private static async Task<byte[]> CsvAsync(params Row[] rows)
    {
        using var output = new MemoryStream();
        await CsvTableWriter.WriteAsync(output, new Table<Row>("Rows", Columns, rows.ToAsyncEnumerable()), CancellationToken.None);
        return output.ToArray();
    }

    [Fact]
    public async Task The_workbook_has_a_frozen_header_a_filter_set_widths_and_typed_cells()
    {
        var xlsx = await XlsxAsync(new Row(1, "00123", 123_456, "USD", At), new Row(2, "Ünïcødé 🚀", 5, "JPY", At), new Row(3, "x", -1_235, "KWD", At));

        using var workbook = ExportFiles.Workbook(xlsx);
        var sheet = workbook.Worksheet("Rows");
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal("A1:E4", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Contains("width=\"40\" customWidth=\"1\"", ExportFiles.SheetXml(xlsx, 1));
        Assert.True(sheet.Column(2).Width > sheet.Column(3).Width);
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(["Id", "Text", "Amount", "Currency", "At"], Enumerable.Range(1, 5).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal((XLDataType.Text, "00123"), (sheet.Cell(2, 2).DataType, sheet.Cell(2, 2).GetString()));
        Assert.Equal("Ünïcødé 🚀", sheet.Cell(3, 2).GetString());
        Assert.Equal((XLDataType.Number, 1234.56), (sheet.Cell(2, 3).DataType, sheet.Cell(2, 3).GetDouble()));
        Assert.Contains("\"USD\"", sheet.Cell(2, 3).Style.NumberFormat.Format);
        Assert.Equal((5.0, "#,##0 \"JPY\";-#,##0 \"JPY\""), (sheet.Cell(3, 3).GetDouble(), sheet.Cell(3, 3).Style.NumberFormat.Format));
        Assert.Equal((-1.235, "#,##0.000 \"KWD\";-#,##0.000 \"KWD\""), (sheet.Cell(4, 3).GetDouble(), sheet.Cell(4, 3).Style.NumberFormat.Format));
        Assert.Equal(At, sheet.Cell(2, 5).GetDateTime());
        Assert.Equal(3.0, sheet.Cell(4, 1).GetDouble());
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Formula_like_text_is_stored_as_text_beginning_with_an_apostrophe_in_the_workbook(string payload)
    {
        var xlsx = await XlsxAsync(new Row(1, payload, 100, "USD", At));

        using var workbook = ExportFiles.Workbook(xlsx);
        var cell = workbook.Worksheet("Rows").Cell(2, 2);
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.False(cell.HasFormula);
        Assert.StartsWith("'", cell.GetString());
        // XML reads a bare carriage return as a line feed; what matters is that the text is whole and inert.
        Assert.Equal(payload.Replace('\0', '\uFFFD').Replace('\r', '\n'), cell.GetString()[1..]);
        var xml = ExportFiles.SheetXml(xlsx, 1);
        Assert.DoesNotContain("<x:f", xml);
        Assert.DoesNotContain("<f>", xml);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Formula_like_text_begins_with_an_apostrophe_in_CSV_and_stays_one_field(string payload)
    {
        var rows = ExportFiles.CsvRows(await CsvAsync(new Row(1, payload, 100, "USD", At), new Row(2, "Doe, Jane \"JJ\"\nline two", 250, "EUR", At)));

        Assert.Equal(3, rows.Count);
        Assert.Equal(["Id", "Text", "Amount", "Currency", "At"], rows[0]);
        Assert.Equal(["1", "'" + payload.Replace('\0', '\uFFFD'), "1.00", "USD", "2026-11-30T14:05:00Z"], rows[1]);
        Assert.Equal(["2", "Doe, Jane \"JJ\"\nline two", "2.50", "EUR", "2026-11-30T14:05:00Z"], rows[2]);
    }

    [Fact]
    public async Task Csv_is_utf8_without_a_byte_order_mark()
    {
        var bytes = await CsvAsync(new Row(1, "Zoë", 1, "USD", At));
        Assert.Equal("Id,Text", Encoding.UTF8.GetString(bytes)[..7]);
        Assert.Contains("Zoë", Encoding.UTF8.GetString(bytes));
    }
}
