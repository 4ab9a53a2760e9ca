using System.Net;
using System.Threading.RateLimiting;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// A budget per visitor address on the public tracking addresses (/t, /i, /b; DESIGN §8): one address flooding a link
/// gets 429 with Retry-After instead of a row per request. Generous by default, RateLimits:TrackingPerSecondPerAddress
/// (a burst of twice that): many real visitors can share one address behind an office's or a mobile carrier's NAT, and
/// image proxies (a webmail's) fetch pixels for all their users. IPv6 visitors are counted per /64, the block one
/// subscriber usually holds, so rotating addresses inside it buys nothing.
/// </summary>
public sealed class TrackingRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress?> _limiter;

    public TrackingRateLimit(IConfiguration configuration)
    {
        var perSecond = Math.Clamp(configuration.GetValue("RateLimits:TrackingPerSecondPerAddress", 100), 1, int.MaxValue / 2);
        var budget = new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond * 2, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
            // The partitioned limiter refills all its buckets from one timer; a bucket refilling itself would start its own.
            AutoReplenishment = false,
        };
        // One factory for every partition, made once: RateLimitPartition.GetTokenBucketLimiter wraps its factory in new
        // closures on every call, and the partitioner runs on every tracking request.
        Func<IPAddress, RateLimiter> newBucket = _ => new TokenBucketRateLimiter(budget);
        _limiter = PartitionedRateLimiter.Create<IPAddress?, IPAddress>(address => RateLimitPartition.Get(Subscriber(address), newBucket));
    }

    /// <summary>The budget's key: an IPv4 address (also when mapped into IPv6), or an IPv6 address's /64.</summary>
    private static IPAddress Subscriber(IPAddress? address)
    {
        if (address is null) return IPAddress.None;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }

    public bool Allows(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    /// <summary>The 429 every tracking address gives an address over its budget.</summary>
    public static IResult Refusal(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Text("Too many requests from this address; try again in a moment.", "text/plain",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _limiter.Dispose();
}
