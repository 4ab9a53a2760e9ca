using System.Text;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Reads the raw query string of a public tracking address strictly. ASP.NET Core's own reader repairs bad input
/// (invalid UTF-8 becomes U+FFFD, a repeated name becomes a list), which would let garbage reach stored fields; here a
/// malformed escape, invalid UTF-8, a control character or a repeated name is refused with a message.
/// </summary>
public static class StrictQuery
{
    public const int MaxLength = 4096;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The parameters by name; empty values are kept as empty strings.</summary>
    /// <exception cref="ValidationException">The query is malformed; the message says where.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string? rawQuery)
    {
        var query = (rawQuery ?? "").TrimStart('?');
        if (query.Length > MaxLength) throw ValidationException.For("query", $"The query string is longer than {MaxLength} characters.");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals])
                ?? throw ValidationException.For("query", "A parameter name is not printable UTF-8 text; check its percent-encoding.");
            var value = Decode(equals < 0 ? "" : pair[(equals + 1)..])
                ?? throw ValidationException.For(name, $"The value of {name} is not printable UTF-8 text; check its percent-encoding.");
            if (!parameters.TryAdd(name, value)) throw ValidationException.For(name, $"{name} is given more than once.");
        }
        return parameters;
    }

    /// <summary>The raw query without the leading '?' and without the named parameter, byte for byte otherwise.</summary>
    public static string Without(string? rawQuery, string name) =>
        string.Join('&', (rawQuery ?? "").TrimStart('?').Split('&')
            .Where(pair => !string.Equals(pair.Split('=', 2)[0], name, StringComparison.Ordinal)));

    private static string? Decode(string raw)
    {
        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%')
            {
                if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2])) return null;
                bytes.Add(Convert.FromHexString(raw.AsSpan(i + 1, 2))[0]);
                i += 2;
            }
            else if (c == '+') bytes.Add((byte)' ');
            else if (char.IsAscii(c)) bytes.Add((byte)c);
            else if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
            {
                bytes.AddRange(Utf8.GetBytes(raw.Substring(i, 2)));
                i++;
            }
            else if (char.IsSurrogate(c)) return null;
            else bytes.AddRange(Utf8.GetBytes(c.ToString()));
        }
        try
        {
            var text = Utf8.GetString(bytes.ToArray());
            return text.Any(char.IsControl) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
