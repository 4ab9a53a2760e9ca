using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Tracking;

namespace AffiliateBlazor.Features.Creatives;

/// <summary>Banner images: the public address affiliates embed, which counts an impression, and a signed-in preview that counts nothing.</summary>
public static class BannerEndpoints
{
    /// <summary>Link codes are at most this long (their column's length); longer ones cannot exist.</summary>
    private const int MaxCodeLength = 32;

    public static void MapBanners(this WebApplication app)
    {
        app.MapGet("/b/{code}/{creativeId:int}", ServeAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/creatives/{creativeId:int}/preview", PreviewAsync).RequireAuthorization().ExcludeFromDescription();
    }

    private static async Task<IResult> ServeAsync(string code, int creativeId, HttpContext http, BannerCache banners, TrafficRecorder recorder,
        TrackingRateLimit limit)
    {
        if (!limit.Allows(http.Connection.RemoteIpAddress)) return TrackingRateLimit.Refusal(http);
        if (code.Length > MaxCodeLength) return NotAvailable();
        var banner = await banners.GetAsync(creativeId);
        if (banner is null) return NotAvailable();
        bool counted;
        try
        {
            // The recorder counts only when the link takes traffic and points into the banner's campaign, and says whether it did.
            counted = await recorder.RecordBannerViewAsync(code, banner.CampaignId);
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Like /t and /i: a view that could not be saved is not served as counted; the browser may retry.
            return TrackingEndpoints.Unsaved(http);
        }
        if (!counted) return NotAvailable();
        // Every view must reach us to be counted, so neither browsers nor proxies may keep a copy.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(banner.Content, banner.ContentType);
    }

    private static async Task<IResult> PreviewAsync(int creativeId, HttpContext http, CreativeService creatives)
    {
        Banner banner;
        try
        {
            banner = await creatives.GetContentAsync(http.User.ToActor(), creativeId);
        }
        catch (NotFoundException)
        {
            return NotAvailable();
        }
        // Ids are never reused, so the signed-in browser may keep the preview; shared caches may not.
        http.Response.Headers.CacheControl = "private, max-age=3600";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(banner.Content, banner.ContentType);
    }

    /// <summary>A body of its own keeps the not-found page of the UI (an HTML document) out of an image's answer.</summary>
    private static IResult NotAvailable() => TypedResults.Text("This banner is not available.", "text/plain", statusCode: StatusCodes.Status404NotFound);
}
