using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// A budget per visitor address on the public tracking addresses (/t, /i, /b): one address flooding a link
/// gets 429 with Retry-After instead of a row per request. Generous by default, RateLimits:TrackingPerSecondPerAddress
/// (a burst of twice that): many real visitors can share one address behind an office's or a mobile carrier's NAT, and
/// image proxies (a webmail's) fetch pixels for all their users. IPv6 visitors are counted per /64, the block one
/// subscriber usually holds, so rotating addresses inside it buys nothing.
/// </summary>
/// <remarks>
/// Each address's budget is one number, the moment its bucket is full again (the generic cell rate algorithm): a
/// request is allowed while that moment lies less than a burst ahead, and moves it on by one request's share of a
/// second, in one compare-and-swap; the bucket refills by itself as time passes, with no timer. The framework's
/// PartitionedRateLimiter took a lock and allocated a lease on every request, and refilled every address's bucket
/// from a timer ten times a second, so its cost grew with the number of visitors.
/// </remarks>
public sealed class TrackingRateLimit
{
    /// <summary>Addresses remembered at most; past that (a flood from ever new addresses) every budget starts over.</summary>
    private const int MaxAddresses = 1_000_000;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<UInt128, Budget> _budgets = new();
    private readonly TimeProvider _clock;
    // In the clock's timestamp units: what one request uses up, and how far ahead of now a budget may run.
    private readonly long _perRequest;
    private readonly long _burst;
    private long _nextSweep;
    private int _sweeping;
    // Counted on each add and recounted by each sweep: ConcurrentDictionary.Count takes every lock of the table.
    private int _addresses;

    public TrackingRateLimit(IConfiguration configuration, TimeProvider clock)
    {
        var perSecond = Math.Clamp(configuration.GetValue("RateLimits:TrackingPerSecondPerAddress", 100), 1, int.MaxValue / 2);
        _clock = clock;
        _perRequest = Math.Max(1, clock.TimestampFrequency / perSecond);
        _burst = 2 * perSecond * _perRequest;
        _nextSweep = clock.GetTimestamp() + SweepTicks;
    }

    private sealed class Budget
    {
        /// <summary>When the bucket is full again; a moment already past means full.</summary>
        public long FullAt;
    }

    public bool Allows(IPAddress? address)
    {
        var now = _clock.GetTimestamp();
        if (now >= Volatile.Read(ref _nextSweep) || Volatile.Read(ref _addresses) >= MaxAddresses) Sweep(now);
        var budget = BudgetOf(Subscriber(address));
        while (true)
        {
            var fullAt = Volatile.Read(ref budget.FullAt);
            var from = Math.Max(fullAt, now);
            if (from + _perRequest - now > _burst) return false;
            if (Interlocked.CompareExchange(ref budget.FullAt, from + _perRequest, fullAt) == fullAt) return true;
        }
    }

    /// <summary>The 429 every tracking address gives an address over its budget.</summary>
    public static IResult Refusal(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Text("Too many requests from this address; try again in a moment.", "text/plain",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    private Budget BudgetOf(UInt128 subscriber)
    {
        if (_budgets.TryGetValue(subscriber, out var budget)) return budget;
        budget = _budgets.GetOrAdd(subscriber, static _ => new Budget());
        Interlocked.Increment(ref _addresses);
        return budget;
    }

    /// <summary>
    /// The budget's key: an IPv4 address in its IPv6-mapped form (so a mapped address is the same visitor), or an IPv6
    /// address's /64.
    /// </summary>
    private static UInt128 Subscriber(IPAddress? address)
    {
        if (address is null) return UInt128.Zero;
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[10] = bytes[11] = 0xff;
            address.TryWriteBytes(bytes[12..], out _);
        }
        else
        {
            address.TryWriteBytes(bytes, out _);
            if (!address.IsIPv4MappedToIPv6) bytes[8..].Clear();
        }
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>
    /// Forgets the addresses whose bucket is full again (a new one would be the same), once a minute or when too many
    /// are remembered; one caller sweeps while the others go on.
    /// </summary>
    private void Sweep(long now)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1) return;
        try
        {
            // A request racing a removal is forgotten with it: that address may start a fresh burst, once per sweep at most.
            foreach (var (subscriber, budget) in _budgets)
                if (Volatile.Read(ref budget.FullAt) <= now) _budgets.TryRemove(subscriber, out _);
            if (_budgets.Count >= MaxAddresses) _budgets.Clear();
            Volatile.Write(ref _addresses, _budgets.Count);
            Volatile.Write(ref _nextSweep, now + SweepTicks);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private long SweepTicks => (long)(SweepInterval.TotalSeconds * _clock.TimestampFrequency);
}
