using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Features.Shared.Spreadsheets;

/// <summary>What a column holds: text (neutralised), a whole number, money in minor units, or a UTC time.</summary>
public enum CellKind { Text, Number, Money, Time }

/// <summary>
/// One column of an export: its header, its width in characters (set explicitly: nothing measures text on a server), and
/// how a row gives its value. Money columns also say each row's currency, which decides the cell's number format.
/// </summary>
public sealed record SheetColumn<T>(string Header, double Width, Func<T, object?> Value, CellKind Kind = CellKind.Text, Func<T, string>? Currency = null)
{
    public static SheetColumn<T> Money(string header, Func<T, long> minor, Func<T, string> currency, double width = 14) =>
        new(header, width, row => minor(row), CellKind.Money, currency);
}

/// <summary>A sheet (or CSV file) of rows read as it is written, so an export of any size holds a few rows at a time.</summary>
public sealed record Table<T>(string Name, IReadOnlyList<SheetColumn<T>> Columns, IAsyncEnumerable<T> Rows) : ITable
{
    public async IAsyncEnumerable<TableRow> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var cells = new TableCell[Columns.Count];
        await foreach (var row in Rows.WithCancellation(cancellation))
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                var column = Columns[i];
                cells[i] = new TableCell(column.Kind, column.Value(row), column.Currency?.Invoke(row));
            }
            yield return new TableRow(cells);
        }
    }

    public IReadOnlyList<(string Header, double Width)> Headers => Columns.Select(c => (c.Header, c.Width)).ToList();
}

/// <summary>A file to stream to the caller: its name, its type, and how to write it.</summary>
public sealed record ExportFile(string FileName, string ContentType, Func<Stream, CancellationToken, Task> WriteAsync)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A file name after whose data and which period: "shop-payouts-20261101-20261201", or "shop-payouts-until-20261208" (the day of the export).</summary>
    public static string Name(string owner, string what, DateTime? from, DateTime? to, DateTime now) =>
        from is null && to is null ? $"{owner}-{what}-until-{now:yyyyMMdd}" : $"{owner}-{what}-{from:yyyyMMdd}-{to ?? now:yyyyMMdd}".Replace("--", "-");
}

/// <summary>A table whatever its row type, as the writers see it.</summary>
public interface ITable
{
    string Name { get; }
    IReadOnlyList<(string Header, double Width)> Headers { get; }
    IAsyncEnumerable<TableRow> ReadAsync(CancellationToken cancellation);
}

public readonly record struct TableCell(CellKind Kind, object? Value, string? Currency);

/// <summary>The cells of one row; the array is reused for the next row, so a writer copies what it keeps.</summary>
public readonly record struct TableRow(TableCell[] Cells);

/// <summary>
/// Text from users reaches spreadsheets: a cell beginning with =, +, -, @, tab, CR or NUL would run as a formula (or be
/// read as one on import), so it is prefixed with an apostrophe, as OWASP advises. Characters XML cannot hold are replaced.
/// </summary>
public static class SpreadsheetText
{
    public static string Neutralize(string text)
    {
        var safe = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0' ? "'" + text : text;
        char[]? cleaned = null;
        for (var i = 0; i < safe.Length; i++)
        {
            var c = safe[i];
            if (char.IsHighSurrogate(c) && i + 1 < safe.Length && char.IsLowSurrogate(safe[i + 1])) i++;
            else if (c < ' ' && c is not '\t' and not '\n' and not '\r' || char.IsSurrogate(c)) (cleaned ??= safe.ToCharArray())[i] = '\uFFFD';
        }
        return cleaned is null ? safe : new string(cleaned);
    }

    /// <summary>Money as a plain decimal in major units ("12.35"), for files other programs read.</summary>
    public static string Major(long minor, string currency) =>
        MoneyFormat.ToMajor(minor, currency).ToString("F" + MoneyFormat.Exponent(currency), System.Globalization.CultureInfo.InvariantCulture);
}
