using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AffiliateBlazor.Features.Tracking;

public enum SignatureCheck { Valid, Malformed, TooOld, FromTheFuture, Mismatch }

/// <summary>
/// `t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;payload&gt;")&gt;`. The timestamp inside the signed text
/// bounds replays to the tolerance; the comparison takes the same time whatever the bytes, so timing reveals nothing.
/// </summary>
public static class RequestSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const int MacBytes = 32;

    public static SignatureCheck Verify(string signature, byte[] secret, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        if (!TryParse(signature, out var timestamp, out var mac)) return SignatureCheck.Malformed;
        var age = now.ToUnixTimeSeconds() - timestamp;
        if (age > Tolerance.TotalSeconds) return SignatureCheck.TooOld;
        if (age < -Tolerance.TotalSeconds) return SignatureCheck.FromTheFuture;

        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));
        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, signed), mac) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>Exactly one t and one v1, in either order; the timestamp in digits, the MAC as 64 hex digits.</summary>
    private static bool TryParse(string signature, out long timestamp, out byte[] mac)
    {
        (timestamp, mac) = (0, []);
        string? t = null, v1 = null;
        foreach (var part in signature.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2) return false;
            switch (pair[0])
            {
                case "t" when t is null: t = pair[1]; break;
                case "v1" when v1 is null: v1 = pair[1]; break;
                default: return false;
            }
        }
        if (t is not { Length: > 0 and <= 12 } || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp)) return false;
        if (v1 is not { Length: MacBytes * 2 } || !v1.All(char.IsAsciiHexDigit)) return false;
        mac = Convert.FromHexString(v1);
        return true;
    }
}
