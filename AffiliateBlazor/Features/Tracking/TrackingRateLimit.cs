using System.Net;
using System.Threading.RateLimiting;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// A budget per visitor address on the public tracking addresses (/t, /i, /b; DESIGN §8): one address flooding a link
/// gets 429 with Retry-After instead of a row per request. Generous by default, RateLimits:TrackingPerSecondPerAddress
/// (a burst of twice that): many real visitors can share one address behind an office's or a mobile carrier's NAT.
/// </summary>
public sealed class TrackingRateLimit : IDisposable
{
    public const string RetryAfterSeconds = "1";
    public const string Refusal = "Too many requests from this address; try again in a moment.";

    private readonly PartitionedRateLimiter<IPAddress?> _limiter;

    public TrackingRateLimit(IConfiguration configuration)
    {
        var perSecond = Math.Max(1, configuration.GetValue("RateLimits:TrackingPerSecondPerAddress", 100));
        _limiter = PartitionedRateLimiter.Create<IPAddress?, IPAddress>(address => RateLimitPartition.GetTokenBucketLimiter(
            address ?? IPAddress.None,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond * 2, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
            }));
    }

    public bool Allows(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    /// <summary>The 429 every tracking address gives an address over its budget.</summary>
    public static Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        http.Response.ContentType = "text/plain";
        return http.Response.WriteAsync(Refusal);
    }

    public void Dispose() => _limiter.Dispose();
}
