namespace AffiliateBlazor.Features.Shared;

public static class Websites
{
    /// <summary>An absolute http(s) address, or null. Used for merchants' websites and campaigns' landing pages.</summary>
    public static Uri? Parse(string? text) =>
        text is { Length: > 0 and <= 2048 } && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;
}
