using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Coupons;

public sealed record CouponView(int Id, int CampaignId, string CampaignName, string Currency, int AffiliateId, string AffiliateName,
    string Code, bool Active, DateTime CreatedAt);

/// <summary>A new coupon. AffiliateId is the affiliate's id (as conversions and links carry it), not the membership id.</summary>
public sealed record CouponInput(int? CampaignId, int? AffiliateId, string? Code);

public sealed record CouponFilter(int? CampaignId = null, int? AffiliateId = null, bool? Active = null, string? Search = null);

/// <summary>Coupon codes that name their affiliate when a customer uses one. Every query is scoped to the caller's merchant.</summary>
public sealed class CouponService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<CouponView>> ListAsync(Actor actor, CouponFilter filter, PageRequest page)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var query = db.Coupons.AsNoTracking().Where(c => c.MerchantId == actor.Merchant);
        if (filter.CampaignId is { } campaignId) query = query.Where(c => c.CampaignId == campaignId);
        if (filter.AffiliateId is { } affiliateId) query = query.Where(c => c.AffiliateId == affiliateId);
        if (filter.Active is { } active) query = query.Where(c => c.Active == active);
        if (CouponCodes.Normalize(filter.Search)?.ToUpperInvariant() is { } search) query = query.Where(c => c.Code.ToUpper().Contains(search));
        var total = await query.CountAsync();
        var items = await Project(db, query.OrderByDescending(c => c.Id).Skip(page.Skip).Take(page.Take)).ToListAsync();
        return new(items, total);
    }

    public async Task<CouponView> GetAsync(Actor actor, int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await FindViewAsync(db, actor.Merchant, id);
    }

    public async Task<CouponView> CreateAsync(Actor actor, CouponInput input)
    {
        var code = CouponCodes.Normalize(input.Code);
        new Validation()
            .Check(input.CampaignId is not null, "campaignId", "Choose the campaign the coupon is for.")
            .Check(input.AffiliateId is not null, "affiliateId", "Choose the affiliate the coupon names.")
            .Check(CouponCodes.IsValid(code), "code", CouponCodes.Rule)
            .ThrowIfInvalid();

        await using var db = await dbFactory.CreateDbContextAsync();
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CampaignId && c.MerchantId == actor.Merchant)
            ?? throw new NotFoundException("The campaign");
        var coupon = await AddAsync(db, campaign, input.AffiliateId!.Value, code!, clock.GetUtcNow().UtcDateTime);
        Audit(db, actor, "coupon.created", coupon);
        await SaveAsync(db, coupon);
        return await FindViewAsync(db, actor.Merchant, coupon.Id);
    }

    /// <summary>A deactivated code no longer names its affiliate. It stays reserved, so it cannot come back naming someone else.</summary>
    public async Task<CouponView> DeactivateAsync(Actor actor, int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Id == id && c.MerchantId == actor.Merchant) ?? throw new NotFoundException("The coupon");
        if (coupon.Active)
        {
            coupon.Active = false;
            Audit(db, actor, "coupon.deactivated", coupon);
            await db.SaveChangesAsync();
        }
        return await FindViewAsync(db, actor.Merchant, id);
    }

    /// <summary>
    /// Adds (unsaved) a coupon for an approved member. Personal payouts use it too: entering a new code with a personal
    /// payout gives the affiliate that coupon.
    /// </summary>
    internal static async Task<Coupon> AddAsync(AppDbContext db, Campaign campaign, int affiliateId, string code, DateTime now)
    {
        await ApprovedMembers.RequireAsync(db, campaign.MerchantId, affiliateId);
        if (campaign.Status == CampaignStatus.Archived) throw new DomainException($"The campaign {campaign.Name} is archived.");
        await EnsureFreeAsync(db, campaign.Id, code);
        var coupon = new Coupon { MerchantId = campaign.MerchantId, CampaignId = campaign.Id, AffiliateId = affiliateId, Code = code, CreatedAt = now };
        db.Coupons.Add(coupon);
        return coupon;
    }

    /// <summary>Saves a new coupon; a concurrent one with the same code loses to the unique index with the same message as the check.</summary>
    internal static async Task SaveAsync(AppDbContext db, Coupon coupon)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (coupon.Id == 0)
        {
            db.ChangeTracker.Clear();
            await EnsureFreeAsync(db, coupon.CampaignId, coupon.Code);
            throw;
        }
    }

    /// <summary>The Code column is NOCASE, so this comparison and the unique index both ignore case: SUMMER10 and summer10 are one code.</summary>
    private static async Task EnsureFreeAsync(AppDbContext db, int campaignId, string code)
    {
        if (await db.Coupons.AnyAsync(c => c.CampaignId == campaignId && c.Code == code))
            throw ValidationException.For("code", $"The code {code} is already used in this campaign (deactivated codes stay reserved).");
    }

    private void Audit(AppDbContext db, Actor actor, string action, Coupon coupon) =>
        db.AuditEntries.Add(new AuditEntry
        {
            MerchantId = coupon.MerchantId, UserId = actor.UserId, Action = action, Subject = $"coupon {coupon.Code}",
            Details = $"campaign {coupon.CampaignId}, affiliate {coupon.AffiliateId}", At = clock.GetUtcNow().UtcDateTime,
        });

    private static async Task<CouponView> FindViewAsync(AppDbContext db, int merchantId, int id) =>
        await Project(db, db.Coupons.AsNoTracking().Where(c => c.Id == id && c.MerchantId == merchantId)).FirstOrDefaultAsync()
        ?? throw new NotFoundException("The coupon");

    private static IQueryable<CouponView> Project(AppDbContext db, IQueryable<Coupon> coupons) =>
        from c in coupons
        join campaign in db.Campaigns on c.CampaignId equals campaign.Id
        join a in db.Affiliates on c.AffiliateId equals a.Id
        select new CouponView(c.Id, c.CampaignId, campaign.Name, campaign.Currency, c.AffiliateId, a.Name, c.Code, c.Active, c.CreatedAt);
}
