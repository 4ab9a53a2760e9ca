using System.Globalization;
using AffiliateBlazor.Domain;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AffiliateBlazor.Features.Shared.Spreadsheets;

/// <summary>
/// Writes tables as an XLSX workbook with Open XML SDK's forward-only OpenXmlWriter, a row at a time: ClosedXML builds
/// the whole workbook as objects first, which for a 100,000-row export took tens of seconds and most of a gigabyte.
/// Each sheet gets a frozen bold header row, an auto-filter and fixed column widths; text goes in as inline strings (so
/// "00123" stays text and nothing is evaluated), money as numbers formatted in their currency, times as dates.
/// </summary>
public static class XlsxWriter
{
    private const uint HeaderStyle = 1, TimeStyle = 2, FirstMoneyStyle = 3;

    /// <summary>
    /// Writes the workbook to any stream, the response's included: the package is assembled in memory (Open XML SDK seeks
    /// in it), compressed, and then copied, so nothing touches the disk.
    /// </summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<ITable> tables, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        await WritePackageAsync(buffer, tables, cancellation);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellation);
    }

    private static async Task WritePackageAsync(Stream output, IReadOnlyList<ITable> tables, CancellationToken cancellation)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var moneyStyles = new Dictionary<string, uint>(StringComparer.Ordinal);
        var sheets = new Sheets();
        var filters = new DefinedNames();
        for (var t = 0; t < tables.Count; t++)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var rows = await WriteSheetAsync(part, tables[t], moneyStyles, cancellation);
            sheets.Append(new Sheet { Name = tables[t].Name, SheetId = (uint)(t + 1), Id = workbook.GetIdOfPart(part) });
            filters.Append(new DefinedName($"'{tables[t].Name}'!$A$1:${ColumnName(tables[t].Headers.Count - 1)}${rows}")
                { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)t, Hidden = true });
        }
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles(moneyStyles);
        workbook.Workbook = new Workbook(sheets, filters);
    }

    private static async Task<int> WriteSheetAsync(WorksheetPart part, ITable table, Dictionary<string, uint> moneyStyles, CancellationToken cancellation)
    {
        var columns = table.Headers;
        var names = Enumerable.Range(0, columns.Count).Select(ColumnName).ToArray();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft }) { WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());
        writer.WriteStartElement(new Row { RowIndex = 1 });
        for (var i = 0; i < columns.Count; i++) WriteText(writer, names[i] + "1", columns[i].Header, HeaderStyle);
        writer.WriteEndElement();

        var index = 1;
        await foreach (var row in table.ReadAsync(cancellation))
        {
            index++;
            writer.WriteStartElement(new Row { RowIndex = (uint)index });
            for (var i = 0; i < row.Cells.Length; i++)
                WriteCell(writer, names[i] + index.ToString(CultureInfo.InvariantCulture), row.Cells[i], moneyStyles);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteElement(new AutoFilter { Reference = $"A1:{names[^1]}{index}" });
        writer.WriteEndElement();
        return index;
    }

    private static void WriteCell(OpenXmlWriter writer, string reference, TableCell cell, Dictionary<string, uint> moneyStyles)
    {
        switch (cell.Kind, cell.Value)
        {
            case (_, null):
                return;
            case (CellKind.Money, long minor):
                var currency = cell.Currency ?? "";
                if (!moneyStyles.TryGetValue(currency, out var style)) moneyStyles[currency] = style = FirstMoneyStyle + (uint)moneyStyles.Count;
                WriteNumber(writer, reference, MoneyFormat.ToMajor(minor, currency).ToString(CultureInfo.InvariantCulture), style);
                return;
            case (CellKind.Time, DateTime time):
                WriteNumber(writer, reference, time.ToOADate().ToString("R", CultureInfo.InvariantCulture), TimeStyle);
                return;
            case (CellKind.Number, var number):
                WriteNumber(writer, reference, Convert.ToString(number, CultureInfo.InvariantCulture)!, null);
                return;
            default:
                WriteText(writer, reference, SpreadsheetText.Neutralize(Convert.ToString(cell.Value, CultureInfo.InvariantCulture) ?? ""), null);
                return;
        }
    }

    // Cells are written tag by tag: WriteElement would build each cell's object tree and serialise it, several times slower.
    private static readonly Cell CellTag = new();
    private static readonly CellValue ValueTag = new();
    private static readonly InlineString InlineTag = new();
    private static readonly Text TextTag = new();
    private static readonly OpenXmlAttribute InlineType = new("t", "", "inlineStr");
    private static readonly OpenXmlAttribute[] KeepSpaces = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];

    private static void WriteNumber(OpenXmlWriter writer, string reference, string value, uint? style)
    {
        writer.WriteStartElement(CellTag, Attributes(reference, style, null));
        writer.WriteStartElement(ValueTag);
        writer.WriteString(value);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteText(OpenXmlWriter writer, string reference, string text, uint? style)
    {
        writer.WriteStartElement(CellTag, Attributes(reference, style, InlineType));
        writer.WriteStartElement(InlineTag);
        writer.WriteStartElement(TextTag, KeepSpaces);
        writer.WriteString(text);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static OpenXmlAttribute[] Attributes(string reference, uint? style, OpenXmlAttribute? type)
    {
        var attributes = new OpenXmlAttribute[1 + (style is null ? 0 : 1) + (type is null ? 0 : 1)];
        attributes[0] = new("r", "", reference);
        var next = 1;
        if (style is { } s) attributes[next++] = new("s", "", s.ToString(CultureInfo.InvariantCulture));
        if (type is { } t) attributes[next] = t;
        return attributes;
    }

    /// <summary>Plain, bold header, date-time, then one money format per currency in the order they were met.</summary>
    private static Stylesheet Styles(Dictionary<string, uint> moneyStyles)
    {
        const uint timeFormat = 164;
        var formats = new NumberingFormats(new NumberingFormat { NumberFormatId = timeFormat, FormatCode = "yyyy-mm-dd hh:mm" });
        var cellFormats = new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = timeFormat, ApplyNumberFormat = true });
        foreach (var (currency, _) in moneyStyles.OrderBy(s => s.Value))
        {
            var id = timeFormat + (uint)formats.Count();
            var decimals = MoneyFormat.Exponent(currency) is var e and > 0 ? "." + new string('0', e) : "";
            formats.Append(new NumberingFormat { NumberFormatId = id, FormatCode = $"#,##0{decimals} \"{currency}\";-#,##0{decimals} \"{currency}\"" });
            cellFormats.Append(new CellFormat { NumberFormatId = id, ApplyNumberFormat = true });
        }
        return new Stylesheet(
            formats,
            new Fonts(new Font(), new Font(new Bold())),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellStyleFormats(new CellFormat()),
            cellFormats);
    }

    /// <summary>A, B, … Z, AA, AB, …</summary>
    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);
}
