namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Microsoft.Data.Sqlite's text form of a DateTime (<c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>), written as UTF-8 digits, so
/// EF Core reads the tracking writer's values and rollup buckets written here and through EF Core meet on the same key.
/// Written by hand because DateTime's custom-format path showed in every click's profile.
/// </summary>
public static class SqliteDateText
{
    public const int MaxLength = 27;

    /// <summary>Writes the text into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes) and returns its length.</summary>
    public static int Write(DateTime at, Span<byte> destination)
    {
        Digits(destination[..4], at.Year);
        destination[4] = (byte)'-';
        Digits(destination.Slice(5, 2), at.Month);
        destination[7] = (byte)'-';
        Digits(destination.Slice(8, 2), at.Day);
        destination[10] = (byte)' ';
        Digits(destination.Slice(11, 2), at.Hour);
        destination[13] = (byte)':';
        Digits(destination.Slice(14, 2), at.Minute);
        destination[16] = (byte)':';
        Digits(destination.Slice(17, 2), at.Second);
        // FFFFFFF: the seven digits of the second's fraction, trailing zeros dropped, and no point when all are zero.
        var fraction = (int)(at.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0) return 19;
        destination[19] = (byte)'.';
        Digits(destination.Slice(20, 7), fraction);
        var length = MaxLength;
        while (destination[length - 1] == (byte)'0') length--;
        return length;
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--, value /= 10) destination[i] = (byte)('0' + value % 10);
    }
}
