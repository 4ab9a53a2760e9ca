using System.Text;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Shared;
using Microsoft.Net.Http.Headers;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// The public tracking addresses merchants and affiliates paste into pages. They stay stable. They are the
/// hot path, so they are answered by the first middleware, before routing, authentication and the rest of the pipeline:
/// matching two fixed prefixes is cheaper than matching the app's hundreds of routes.
/// </summary>
public static class TrackingEndpoints
{
    private const string CookiePrefix = "ab_";
    private const int MaxCodeLength = 32;
    private const int MaxSubLength = 100;
    private const int MaxReferrerLength = 512;

    /// <summary>The first-party cookie that names a visitor's click in a campaign: set by a click, read back by the pixel.</summary>
    public static string CampaignCookie(string campaignKey) => CookiePrefix + campaignKey;

    /// <summary>A transparent 1×1 GIF.</summary>
    public static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    /// <summary>Must come first in the pipeline.</summary>
    public static void UseTracking(this WebApplication app)
    {
        // Singletons, resolved once: asking HttpContext.RequestServices would open a DI scope for every request.
        var recorder = app.Services.GetRequiredService<TrafficRecorder>();
        var privacy = app.Services.GetRequiredService<VisitorPrivacy>();
        var limit = app.Services.GetRequiredService<TrackingRateLimit>();
        app.Use(next => http =>
        {
            var request = http.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return next(http);
            if (LinkCode(request.Path.Value, out var isClick) is not { } code) return next(http);
            if (!limit.Allows(http.Connection.RemoteIpAddress)) return TrackingRateLimit.Refusal(http).ExecuteAsync(http);
            return isClick ? ClickAsync(http, code, recorder, privacy) : ImpressionAsync(http, code, recorder);
        });
    }

    /// <summary>
    /// The code of /t/{code} (a click) or /i/{code} (an impression), the letter in either case, as routing would match
    /// it; null for any other path. Read by hand: PathString.StartsWithSegments allocates the rest of the path, and this
    /// runs on every request.
    /// </summary>
    private static string? LinkCode(string? path, out bool isClick)
    {
        isClick = false;
        if (path is not { Length: > 3 } || path[0] != '/' || path[2] != '/' || path.IndexOf('/', 3) >= 0) return null;
        var letter = path[1] | 0x20;
        isClick = letter == 't';
        return isClick || letter == 'i' ? path[3..] : null;
    }

    /// <summary>
    /// The answer of every tracking address whose event could not be saved (here and for banners): the event is not
    /// acknowledged, the caller gets 503 and may retry, never a false 302.
    /// </summary>
    public static IResult Unsaved(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Text("Tracking is briefly unavailable; try again.", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task ClickAsync(HttpContext http, string code, TrafficRecorder recorder, VisitorPrivacy privacy)
    {
        if (code.Length > MaxCodeLength || !TryReadQuery(http, out var subs, out var creative))
        {
            await AnswerAsync(http, StatusCodes.Status400BadRequest, "text/plain", "The link is malformed."u8.ToArray());
            return;
        }
        var visit = new Visit(privacy.HashIp(http.Connection.RemoteIpAddress), VisitorPrivacy.TrimUserAgent(http.Request.Headers.UserAgent),
            http.Request.Headers.Referer.ToString() is { Length: > 0 and <= MaxReferrerLength } referrer ? referrer : null,
            HttpMethods.IsHead(http.Request.Method), creative, subs);

        // The recorder's steps, awaited here: one state machine per click instead of two (see TrafficRecorder).
        RecordedClick? click = null;
        try
        {
            if (await recorder.FindLinkAsync(code) is { } link)
            {
                var pending = recorder.StartClick(link, visit);
                await pending.Saved;
                click = pending.Click;
            }
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            await Unsaved(http).ExecuteAsync(http);
            return;
        }
        if (click is null)
        {
            await AnswerAsync(http, StatusCodes.Status404NotFound, "text/html; charset=utf-8", NotFoundPage);
            return;
        }
        // The first-party cookie lets a later pixel call on this host name the click without a click_id.
        if (click.Attribution == AttributionModel.LastClick || !http.Request.Cookies.ContainsKey(click.CookieName))
            http.Response.Headers.Append(HeaderNames.SetCookie, string.Concat(click.CookieName, "=", click.PublicId, CookieAttributes(http.Request.IsHttps, click.CookieWindowDays)));
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Location = click.RedirectTo;
        http.Response.StatusCode = StatusCodes.Status302Found;
    }

    /// <summary>
    /// Sub-ids and the banner id, read strictly: ASP.NET's own reader would repair invalid UTF-8 or join repeated names,
    /// and the sub-ids are stored and shown in reports.
    /// </summary>
    private static bool TryReadQuery(HttpContext http, out string?[] subs, out int? creative)
    {
        subs = new string?[SubNames.Length];
        creative = null;
        if (!http.Request.QueryString.HasValue) return true;
        IReadOnlyDictionary<string, string> query;
        try
        {
            query = StrictQuery.Parse(http.Request.QueryString.Value);
        }
        catch (ValidationException)
        {
            return false;
        }
        for (var i = 0; i < subs.Length; i++) subs[i] = query.TryGetValue(SubNames[i], out var sub) && sub.Length > 0 ? sub : null;
        creative = query.TryGetValue("cr", out var cr) && int.TryParse(cr, out var id) && id > 0 ? id : null;
        return subs.All(sub => sub is null || sub.Length <= MaxSubLength);
    }

    private static async Task ImpressionAsync(HttpContext http, string code, TrafficRecorder recorder)
    {
        var counted = false;
        try
        {
            if (code.Length <= MaxCodeLength && await recorder.FindLinkAsync(code) is { } link)
            {
                await recorder.StartImpression(link);
                counted = true;
            }
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            await Unsaved(http).ExecuteAsync(http);
            return;
        }
        http.Response.Headers.CacheControl = "no-store";
        await AnswerAsync(http, counted ? StatusCodes.Status200OK : StatusCodes.Status404NotFound, "image/gif", Pixel);
    }

    /// <summary>
    /// HttpOnly; SameSite=None needs Secure, so plain http (a LAN install) gets Lax. Cached per window: every click sets
    /// the cookie, and formatting it through CookieOptions each time shows in the hot path's profile.
    /// </summary>
    private static string CookieAttributes(bool https, int days) =>
        CookieSuffixes.GetOrAdd((https, days), key =>
            $"; max-age={TimeSpan.FromDays(key.Days).TotalSeconds:0}; path=/; {(key.Https ? "secure; samesite=none" : "samesite=lax")}; httponly");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(bool Https, int Days), string> CookieSuffixes = new();

    private static Task AnswerAsync(HttpContext http, int status, string contentType, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body).AsTask();
    }

    private static readonly string[] SubNames = ["sub1", "sub2", "sub3", "sub4", "sub5"];

    private static readonly byte[] NotFoundPage = Encoding.UTF8.GetBytes("""
        <!doctype html><html><head><meta charset="utf-8"><title>Link not found</title></head>
        <body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>This link is not active</h1>
        <p>The offer behind it has ended or the address is mistyped.</p></body></html>
        """);
}
