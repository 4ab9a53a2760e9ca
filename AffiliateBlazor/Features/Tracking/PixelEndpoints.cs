using System.Security.Cryptography;
using System.Text;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Hosting;
using Microsoft.Net.Http.Headers;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Browser conversions: the image pixel /px/{campaignKey} and the snippet /js/aff.js that loads it.
/// A recorded (or repeated) conversion answers a 1×1 GIF. Refusals answer plain text with the reason: an img tag
/// ignores the body, and a merchant who opens the address to debug reads why — 400 for malformed parameters, 404 for
/// a key that names no active campaign. No answer may be cached: each load is a report.
/// </summary>
public static class PixelEndpoints
{
    public const string SnippetPath = "/js/aff.js";

    private static readonly byte[] TransparentGif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static readonly byte[] Snippet = ReadSnippet();
    private static readonly EntityTagHeaderValue SnippetTag = new($"\"{Convert.ToHexStringLower(SHA256.HashData(Snippet))[..16]}\"");

    public static void MapPixels(this WebApplication app)
    {
        app.MapGet("/px/{campaignKey}", PixelAsync).ExcludeFromDescription().AllowAnonymous().RequireRateLimiting(ApiSetup.ApiRateLimit);
        app.MapGet(SnippetPath, (HttpContext http) =>
        {
            // Shops load it on every page: a day's caching spares them the round trip, and a fix still reaches them within a day.
            http.Response.Headers.CacheControl = "public, max-age=86400";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.Bytes(Snippet, "text/javascript; charset=utf-8", entityTag: SnippetTag);
        }).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<IResult> PixelAsync(string campaignKey, HttpContext http, TrackedConversionService tracked)
    {
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            var query = StrictQuery.Parse(http.Request.QueryString.Value);
            var cookieClickId = http.Request.Cookies[TrackingEndpoints.CampaignCookie(campaignKey)];
            var recorded = campaignKey.Length <= 32
                ? await tracked.RecordPixelAsync(campaignKey, query, http.Connection.RemoteIpAddress, cookieClickId)
                : null;
            return recorded is null
                ? Refusal(StatusCodes.Status404NotFound, "No active campaign has this key: copy the pixel again from the tracking page.")
                : TypedResults.Bytes(TransparentGif, "image/gif");
        }
        catch (Exception e) when (e is ValidationException or CurrencyMismatchException)
        {
            return Refusal(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (DomainException e)
        {
            return Refusal(StatusCodes.Status409Conflict, e.Message);
        }
    }

    private static IResult Refusal(int status, string message) => TypedResults.Text(message, "text/plain", Encoding.UTF8, status);

    private static byte[] ReadSnippet()
    {
        using var stream = typeof(PixelEndpoints).Assembly.GetManifestResourceStream("AffiliateBlazor.Tracking.aff.js")
            ?? throw new InvalidOperationException("aff.js is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
