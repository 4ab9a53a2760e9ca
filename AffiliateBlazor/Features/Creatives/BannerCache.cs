using AffiliateBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AffiliateBlazor.Features.Creatives;

/// <summary>What serving a banner needs: its owner and campaign for the checks, and the bytes.</summary>
public sealed record Banner(int Id, int MerchantId, int CampaignId, string ContentType, byte[] Content);

/// <summary>
/// Keeps served banners in memory, so a page view reads no blob from the database (links come from the tracking
/// path's LinkCache). It has its own size-limited cache (in bytes of banner) rather than the shared one, whose
/// entries carry no size. Deleting a banner evicts it here; the absolute expiry bounds how long another instance
/// of a scaled-out install, or a load that raced the delete, may keep serving it.
/// </summary>
public sealed class BannerCache(IDbContextFactory<AppDbContext> dbFactory, IOptions<CreativeOptions> options) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.CacheBytes });

    public async Task<Banner?> GetAsync(int creativeId)
    {
        var key = new BannerKey(creativeId);
        if (_cache.TryGetValue(key, out Banner? cached)) return cached;
        await using var db = await dbFactory.CreateDbContextAsync();
        var banner = await db.Creatives.AsNoTracking().Where(c => c.Id == creativeId)
            .Select(c => new Banner(c.Id, c.MerchantId, c.CampaignId, c.ContentType, c.Content)).FirstOrDefaultAsync();
        // Misses are not remembered: the id may belong to a banner uploaded a moment later.
        if (banner is not null)
            _cache.Set(key, banner, new MemoryCacheEntryOptions { Size = banner.Content.Length, AbsoluteExpirationRelativeToNow = Lifetime });
        return banner;
    }

    public void Evict(int creativeId) => _cache.Remove(new BannerKey(creativeId));

    public void Dispose() => _cache.Dispose();

    private readonly record struct BannerKey(int CreativeId);
}
