using AffiliateBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Coupons;

/// <summary>The merchant's coupons for the codes at hand, read once for a whole import rather than once per row.</summary>
internal sealed class CouponBook
{
    internal sealed record Entry(int CampaignId, string Code, bool Active, string Currency);

    private readonly ILookup<string, Entry> _byCode;

    private CouponBook(ILookup<string, Entry> byCode) => _byCode = byCode;

    public static async Task<CouponBook> LoadAsync(AppDbContext db, int merchantId, IEnumerable<string?> codes)
    {
        var wanted = codes.Select(CouponCodes.Normalize).Where(CouponCodes.IsValid).Select(c => c!)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // The Code column is NOCASE, so "IN" matches whatever case the merchant typed.
        var entries = await db.Coupons.AsNoTracking().Where(c => c.MerchantId == merchantId && wanted.Contains(c.Code))
            .Join(db.Campaigns, c => c.CampaignId, k => k.Id, (c, k) => new Entry(c.CampaignId, c.Code, c.Active, k.Currency))
            .ToListAsync();
        return new(entries.ToLookup(e => e.Code, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The one active coupon a use names, or why there is none.</summary>
    public (Entry? Coupon, string? Problem) Find(string code, int? campaignId)
    {
        var matches = _byCode[code].Where(e => campaignId is null || e.CampaignId == campaignId).ToList();
        var active = matches.Where(e => e.Active).ToList();
        return active.Count switch
        {
            1 => (active[0], null),
            > 1 => (null, $"The code {code} exists in several campaigns: name the campaign (campaignId, or a campaign_id column)."),
            _ when matches.Count > 0 => (null, $"The coupon {code} is deactivated."),
            _ => (null, campaignId is null ? $"There is no coupon {code} in your campaigns." : $"There is no coupon {code} in that campaign."),
        };
    }
}
