using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;

namespace AffiliateBlazor.Tests.Support;

/// <summary>Exports read back as their users' programs would: the workbook with ClosedXML, CSV with CsvHelper.</summary>
public static class ExportFiles
{
    public static XLWorkbook Workbook(byte[] xlsx) => new(new MemoryStream(xlsx));

    /// <summary>Every row, header included, as its fields.</summary>
    public static List<string[]> CsvRows(byte[] csv)
    {
        using var reader = CsvReader.Create(csv, CsvReaderOptions.Default with { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        return rows;
    }

    /// <summary>The XML of a workbook's sheet as stored (sheet1, sheet2 … in the order written).</summary>
    public static string SheetXml(byte[] xlsx, int sheet)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var entry = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.Name == $"sheet{sheet}.xml");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var copy = new MemoryStream();
            e.Open().CopyTo(copy);
            return copy.ToArray();
        });
    }
}
