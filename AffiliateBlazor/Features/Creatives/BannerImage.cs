using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace AffiliateBlazor.Features.Creatives;

/// <summary>
/// Recognises the four banner formats by their magic bytes and reads the pixel size from the header. The declared
/// content type and the file name are only the uploader's claims; these bytes are what a browser will decode. Pixels
/// are never decoded: the embed code needs the size alone, and a small reader leaves little to attack.
/// </summary>
public static class BannerImage
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Webp = "image/webp";

    /// <summary>No ad slot is wider or taller; a header claiming more is corrupt or hostile.</summary>
    public const int MaxSide = 65_535;

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool TryRead(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out string? contentType, out int width, out int height)
    {
        var sniffed = Sniff(bytes);
        var size = sniffed switch
        {
            Png => PngSize(bytes),
            Gif => GifSize(bytes),
            Jpeg => JpegSize(bytes),
            Webp => WebpSize(bytes),
            _ => null,
        };
        (width, height) = size is ( > 0 and <= MaxSide, > 0 and <= MaxSide) ? size.Value : (0, 0);
        contentType = width > 0 ? sniffed : null;
        return contentType is not null;
    }

    /// <summary>"a PNG", "a JPEG"… for messages to the uploader.</summary>
    public static string Describe(string contentType) => contentType switch
    {
        Png => "a PNG",
        Jpeg => "a JPEG",
        Gif => "a GIF",
        Webp => "a WebP",
        _ => "an unknown",
    };

    private static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(PngSignature) ? Png
        : bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8) ? Gif
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? Webp
        : null;

    /// <summary>The first chunk of a PNG must be IHDR: width and height as big-endian 32-bit numbers.</summary>
    private static (int, int)? PngSize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 24 || !bytes[12..16].SequenceEqual("IHDR"u8)) return null;
        var width = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]);
        return width > MaxSide || height > MaxSide ? null : ((int)width, (int)height);
    }

    /// <summary>The logical screen after the signature: little-endian 16-bit width and height.</summary>
    private static (int, int)? GifSize(ReadOnlySpan<byte> bytes) =>
        bytes.Length < 10 ? null : (BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]));

    /// <summary>Walks the marker segments up to the first start-of-frame (SOF0–SOF15 less DHT, JPG and DAC).</summary>
    private static (int, int)? JpegSize(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 1 < bytes.Length)
        {
            if (bytes[at] != 0xFF) return null;
            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte before a marker
                continue;
            }
            at += 2;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue; // stand-alone markers carry no length
            if (marker is 0xD9 or 0xDA || at + 2 > bytes.Length) return null; // image data or the end came before any frame
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
            if (length < 2) return null;
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
                return at + 7 > bytes.Length ? null
                    : (BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 3)..]));
            at += length;
        }
        return null;
    }

    /// <summary>The first chunk names the flavour: lossy VP8, lossless VP8L, or extended VP8X with a canvas size.</summary>
    private static (int, int)? WebpSize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 30) return null;
        var chunk = bytes[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
            return bytes[23..26].SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A])
                ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]) & 0x3FFF)
                : null;
        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (bytes[20] != 0x2F) return null;
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8))
            return (ReadUInt24LittleEndian(bytes[24..]) + 1, ReadUInt24LittleEndian(bytes[27..]) + 1);
        return null;
    }

    private static int ReadUInt24LittleEndian(ReadOnlySpan<byte> bytes) => bytes[0] | bytes[1] << 8 | bytes[2] << 16;
}
