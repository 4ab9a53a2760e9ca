namespace AffiliateBlazor.Tests.Features.Creatives;

/// <summary>A real image file of a known format and size.</summary>
public sealed record TestBanner(string ContentType, int Width, int Height, byte[] Bytes);

/// <summary>
/// Tiny but complete images, each of its own size so a test can tell which header was read. They were written by an
/// image library (Pillow) and decode in browsers; a reader that only looked at the first bytes would get sizes wrong.
/// </summary>
public static class TestBanners
{
    public static readonly TestBanner Png = new("image/png", 3, 2, Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAFUlEQVR42mM8IWfDwMDAwMDAxAADABUsASaFIE1GAAAAAElFTkSuQmCC"));

    public static readonly TestBanner Gif = new("image/gif", 4, 3, Convert.FromBase64String(
        "R0lGODlhBAADAIEAAP8AAAAA/wAAAAAAACH5BAEAAAEALAAAAAAEAAMAAAgIAAEIHEhQYEAAOw=="));

    public static readonly TestBanner Jpeg = new("image/jpeg", 5, 3, Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABQODxIPDRQSEBIXFRQYHjIhHhwcHj0sLiQySUBMS0dARkVQWnNiUFVtVkVGZIhlbXd7gYKBTmCNl4x9lnN+gXz/2wBDARUXFx4aHjshITt8U0ZTfHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHz/wAARCAADAAUDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDNooorI+gP/9k="));

    /// <summary>Progressive JPEG: its frame header is SOF2, after the tables.</summary>
    public static readonly TestBanner ProgressiveJpeg = new("image/jpeg", 4, 6, Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABQODxIPDRQSEBIXFRQYHjIhHhwcHj0sLiQySUBMS0dARkVQWnNiUFVtVkVGZIhlbXd7gYKBTmCNl4x9lnN+gXz/2wBDARUXFx4aHjshITt8U0ZTfHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHz/wgARCAAGAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAVAQEBAAAAAAAAAAAAAAAAAAACBf/aAAwDAQACEAMQAAABmAof/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABBQJ//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPwF//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPwF//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAGPwJ//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPyF//9oADAMBAAIAAwAAABAL/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPxB//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPxB//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxB//9k="));

    /// <summary>Lossy WebP: a plain VP8 chunk.</summary>
    public static readonly TestBanner WebpLossy = new("image/webp", 6, 4, Convert.FromBase64String(
        "UklGRjQAAABXRUJQVlA4ICgAAABwAQCdASoGAAQAA4BaJaACdAFAAAD+6zbc3g5Xf/LP/9lv+y3hAAAA"));

    /// <summary>Lossless WebP: a VP8L chunk.</summary>
    public static readonly TestBanner WebpLossless = new("image/webp", 7, 5, Convert.FromBase64String(
        "UklGRh4AAABXRUJQVlA4TBEAAAAvBgABAAdQjyKXp/+BiOh/AAA="));

    /// <summary>WebP with alpha: an extended VP8X chunk carries the canvas size.</summary>
    public static readonly TestBanner WebpExtended = new("image/webp", 9, 6, Convert.FromBase64String(
        "UklGRkgAAABXRUJQVlA4WAoAAAAQAAAACAAABQAAQUxQSAoAAAABB1CyiAhERP8DVlA4IBgAAAAwAQCdASoJAAYAA4BaJaQAA3AA/vWygAA="));

    public static readonly IReadOnlyDictionary<string, TestBanner> ByName = new Dictionary<string, TestBanner>
    {
        ["png"] = Png, ["gif"] = Gif, ["jpeg"] = Jpeg, ["progressive jpeg"] = ProgressiveJpeg,
        ["lossy webp"] = WebpLossy, ["lossless webp"] = WebpLossless, ["extended webp"] = WebpExtended,
    };

    public static TheoryData<string> Names => new(ByName.Keys);

    /// <summary>What a text file renamed banner.png holds.</summary>
    public static byte[] Text => "Hello, this is a text file and no image.\n"u8.ToArray();

    /// <summary>A valid image made exactly <paramref name="size"/> bytes long with trailing zeros.</summary>
    public static byte[] PaddedTo(this TestBanner banner, int size)
    {
        var padded = new byte[size];
        banner.Bytes.CopyTo(padded, 0);
        return padded;
    }
}
