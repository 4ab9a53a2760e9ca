using System.Text;
using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>The public tracking addresses merchants and affiliates paste into pages (DESIGN §5). They stay stable.</summary>
public static class TrackingEndpoints
{
    public const string CookiePrefix = "ab_";
    private const int MaxSubLength = 100;

    public static void MapTracking(this WebApplication app)
    {
        app.MapMethods("/t/{code}", ["GET", "HEAD"], ClickAsync).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<IResult> ClickAsync(string code, HttpContext http, TrafficRecorder recorder, VisitorPrivacy privacy)
    {
        var query = http.Request.Query;
        var subs = Enumerable.Range(1, 5).Select(i => query[$"sub{i}"].ToString()).Select(s => s.Length == 0 ? null : s).ToArray();
        if (code.Length > 32 || subs.Any(s => s?.Length > MaxSubLength))
            return Results.Content("The link is malformed.", "text/plain", Encoding.UTF8, StatusCodes.Status400BadRequest);
        int? creative = int.TryParse(query["cr"], out var cr) && cr > 0 ? cr : null;
        var visit = new Visit(privacy.HashIp(http.Connection.RemoteIpAddress), VisitorPrivacy.TrimUserAgent(http.Request.Headers.UserAgent),
            http.Request.Headers.Referer.ToString() is { Length: > 0 and <= 512 } referrer ? referrer : null,
            HttpMethods.IsHead(http.Request.Method), creative, subs);

        var click = await recorder.RecordClickAsync(code, visit);
        if (click is null) return Results.Content(NotFoundPage, "text/html", Encoding.UTF8, StatusCodes.Status404NotFound);

        // The first-party cookie lets a later pixel call on this host name the click without a click_id.
        var cookie = CookiePrefix + click.CampaignKey;
        if (click.Attribution == AttributionModel.LastClick || !http.Request.Cookies.ContainsKey(cookie))
            http.Response.Cookies.Append(cookie, click.PublicId, new CookieOptions
            {
                HttpOnly = true, IsEssential = true, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(click.CookieWindowDays),
                SameSite = http.Request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
            });
        http.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(click.RedirectTo);
    }

    private const string NotFoundPage = """
        <!doctype html><html><head><meta charset="utf-8"><title>Link not found</title></head>
        <body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>This link is not active</h1>
        <p>The offer behind it has ended or the address is mistyped.</p></body></html>
        """;
}
