using System.Globalization;
using System.Text.Unicode;
using System.Text.RegularExpressions;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Shared;
using CsvHelper;

namespace AffiliateBlazor.Features.Coupons;

/// <summary>
/// Reads a CSV of offline coupon uses. Columns: code, order_id, amount (major units with a point, e.g. 49.99), currency,
/// and optionally date (ISO 8601) and campaign_id. Row numbers count the header as row 1, as a spreadsheet shows them.
/// </summary>
public static partial class CouponUseCsv
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;
    public const string Columns = "code, order_id, amount, currency, and optionally date and campaign_id";
    private static readonly string[] RequiredColumns = ["code", "order_id", "amount", "currency"];
    private static readonly string[] AllColumns = [.. RequiredColumns, "date", "campaign_id"];

    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        // The separator stays detected (null): spreadsheets set to European locales save with semicolons.
        TrimWhitespace = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        TrackLineNumbers = true,
    };

    /// <summary>One data row: the use as far as it could be read, and what was wrong with its cells, by field.</summary>
    public sealed record Row(int Number, CouponUseRequest Use, IReadOnlyDictionary<string, string[]> Problems);

    public static async Task<IReadOnlyList<Row>> ReadAsync(Stream file, CancellationToken cancellation = default)
    {
        var bytes = await ReadBoundedAsync(file, cancellation);
        // Strict UTF-8 (a UTF-8 byte order mark is fine): a file in another encoding is refused, not imported with mangled codes.
        if (!Utf8.IsValid(bytes)) throw FileProblem("The file is not UTF-8 text; save it as CSV UTF-8.");
        using var csv = CsvReader.Create(bytes, Options);
        try
        {
            await csv.ReadHeaderAsync(cancellation);
            if (csv.Headers.Count == 0) throw FileProblem($"The file is empty: its first line names the columns {Columns}.");
            var columns = new Dictionary<string, int>();
            foreach (var column in AllColumns)
                if (csv.TryGetFieldIndex(column, out var index)) columns[column] = index;
            var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
            if (missing.Count > 0) throw FileProblem($"The first line names the columns {Columns}; it lacks {string.Join(", ", missing)}.");
            string? Cell(string column) => columns.TryGetValue(column, out var index) ? csv.GetString(index) : null;

            var rows = new List<Row>();
            while (await csv.ReadAsync(cancellation))
            {
                if (rows.Count == MaxRows) throw FileProblem($"A file holds at most {MaxRows:N0} rows; split it into several files.");
                rows.Add(Parse((int)csv.LineNumber, Cell("code"), Cell("order_id"), Cell("amount"), Cell("currency"), Cell("date"), Cell("campaign_id")));
            }
            return rows.Count > 0 ? rows : throw FileProblem("The file has no rows under its header.");
        }
        catch (CsvFormatException e)
        {
            throw FileProblem($"Row {e.LineNumber}: the line is not valid CSV (check its quotes).");
        }
    }

    private static Row Parse(int number, string? code, string? orderId, string? amountText, string? currencyText, string? dateText, string? campaignText)
    {
        var problems = new Validation();
        var currency = string.IsNullOrEmpty(currencyText) ? null : currencyText.ToUpperInvariant();
        problems.Check(currency is not null, "currency", "The currency is required, such as USD.")
            .Check(currency is null || Currencies.IsKnown(currency), "currency", $"The currency {currencyText} is not a known ISO 4217 code.");
        var amount = ParseAmount(amountText, currency, problems);
        var date = ParseDate(dateText, problems);
        var campaignId = ParseCampaignId(campaignText, problems);
        return new(number, new CouponUseRequest(code, orderId, amount, currency, campaignId, date), problems.Errors);
    }

    private static DateTime? ParseDate(string? text, Validation problems)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (IsoDate().IsMatch(text)
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            return date;
        problems.Check(false, "date", $"The date {text} is not an ISO date such as 2026-03-31 or 2026-03-31T14:05:00Z.");
        return null;
    }

    private static int? ParseCampaignId(string? text, Validation problems)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return id;
        problems.Check(false, "campaignId", $"The campaign_id {text} is not a campaign id.");
        return null;
    }

    /// <summary>Major units to exact minor units; more decimals than the currency has would be money made up by rounding.</summary>
    private static long? ParseAmount(string? text, string? currency, Validation problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            problems.Check(false, "amount", "The amount is required, in major units such as 49.99.");
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            problems.Check(false, "amount", $"The amount {text} is not a number such as 49.99 (a point for decimals, no sign, no thousands separator).");
            return null;
        }
        if (currency is null || !Currencies.IsKnown(currency)) return null;
        var decimals = MoneyFormat.Exponent(currency);
        if (decimal.Round(major, decimals) != major)
            problems.Check(false, "amount", $"The amount {text} has more decimals than {currency} has ({decimals}).");
        else if (major > MoneyFormat.ToMajor(ConversionRequest.MaxAmount, currency))
            problems.Check(false, "amount", $"The amount {text} is too large.");
        else
            return MoneyFormat.ToMinor(major, currency);
        return null;
    }

    /// <summary>Refuses a file over the size limit; callers that know the size up front ask before sending it.</summary>
    public static void EnsureSize(long bytes)
    {
        if (bytes > MaxBytes) throw FileProblem($"The file is larger than {MaxBytes / 1024 / 1024} MB; split it into several files.");
    }

    /// <summary>A bounded copy: the size limit holds whatever length the caller's stream claims.</summary>
    private static async Task<byte[]> ReadBoundedAsync(Stream file, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellation)) > 0)
        {
            EnsureSize(buffer.Length + read);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ValidationException FileProblem(string message) => ValidationException.For("file", message);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();
}
