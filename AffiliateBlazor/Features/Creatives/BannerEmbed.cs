using System.Net;

namespace AffiliateBlazor.Features.Creatives;

/// <summary>
/// The HTML an affiliate pastes into its site: the banner, counted at /b/{code}/{id}, inside the tracking
/// link /t/{code}?cr={id}. The merchant's banner name becomes the alt text, encoded so it cannot break the markup.
/// </summary>
public static class BannerEmbed
{
    public static string Html(string baseUri, string code, CreativeView creative)
    {
        var escapedCode = Uri.EscapeDataString(code);
        var click = $"{baseUri}t/{escapedCode}?cr={creative.Id}";
        var image = $"{baseUri}b/{escapedCode}/{creative.Id}";
        return $"""<a href="{WebUtility.HtmlEncode(click)}"><img src="{WebUtility.HtmlEncode(image)}" width="{creative.Width}" height="{creative.Height}" alt="{WebUtility.HtmlEncode(creative.Name)}"></a>""";
    }
}
