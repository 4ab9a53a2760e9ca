using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Tracking;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Campaigns;

/// <summary>A merchant's campaigns. Every query is scoped to the caller's merchant.</summary>
public sealed class CampaignService(
    IDbContextFactory<AppDbContext> dbFactory, PlanCatalog plans, LinkService links, LinkCache linkCache, TimeProvider clock)
{
    public async Task<Page<CampaignView>> ListAsync(Actor actor, CampaignStatus? status, PageRequest page)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var query = db.Campaigns.AsNoTracking().Where(c => c.MerchantId == actor.Merchant);
        if (status is not null) query = query.Where(c => c.Status == status);
        var total = await query.CountAsync();
        var items = await query.OrderByDescending(c => c.Id).Skip(page.Skip).Take(page.Take).ToListAsync();
        return new(items.Select(CampaignView.From).ToList(), total);
    }

    public async Task<CampaignView> GetAsync(Actor actor, int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return CampaignView.From(await FindAsync(db, actor, id));
    }

    public async Task<CampaignView> CreateAsync(Actor actor, CampaignInput input)
    {
        input.Validate().ThrowIfInvalid();
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == actor.Merchant);
        if (input.Status != CampaignStatus.Archived)
            plans.Get(merchant.Plan).EnsureCanAddCampaign(await CountLiveAsync(db, merchant.Id, exceptId: null));

        var now = clock.GetUtcNow().UtcDateTime;
        var campaign = new Campaign { MerchantId = merchant.Id, Name = "", LandingUrl = "", PublicKey = Tokens.New(16), CreatedAt = now };
        input.ApplyTo(campaign);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        await links.AddLinksForCampaignAsync(db, campaign, now);
        db.AuditEntries.Add(new AuditEntry { MerchantId = merchant.Id, UserId = actor.UserId, Action = "campaign.created", Subject = campaign.Name, At = now });
        await db.SaveChangesAsync();
        return CampaignView.From(campaign);
    }

    public async Task<CampaignView> UpdateAsync(Actor actor, int id, CampaignInput input)
    {
        input.Validate().ThrowIfInvalid();
        await using var db = await dbFactory.CreateDbContextAsync();
        var campaign = await FindAsync(db, actor, id);
        if (campaign.Status == CampaignStatus.Archived && input.Status != CampaignStatus.Archived)
        {
            var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == actor.Merchant);
            plans.Get(merchant.Plan).EnsureCanAddCampaign(await CountLiveAsync(db, merchant.Id, exceptId: id));
        }
        // Clicks, conversions and ledger lines were counted and priced under the old terms; a new type or currency would
        // reprice history (a CPS campaign turned PPC would pay every past click). A new campaign is the way to change them.
        if ((input.Type != campaign.Type || input.Currency != campaign.Currency)
            && (await db.TrafficRollups.AnyAsync(r => r.CampaignId == id) || await db.Conversions.AnyAsync(c => c.CampaignId == id)))
            throw new DomainException("This campaign already has traffic or conversions, so its commission type and currency are fixed. Create a new campaign instead.");
        input.ApplyTo(campaign);
        db.AuditEntries.Add(new AuditEntry { MerchantId = campaign.MerchantId, UserId = actor.UserId, Action = "campaign.updated", Subject = campaign.Name, At = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        // A paused campaign's links must stop at once, a new landing page must be used at once.
        linkCache.Clear();
        return CampaignView.From(campaign);
    }

    /// <summary>Archived campaigns do not count against the plan: archiving is how a Free merchant swaps campaigns.</summary>
    private static Task<int> CountLiveAsync(AppDbContext db, int merchantId, int? exceptId) =>
        db.Campaigns.CountAsync(c => c.MerchantId == merchantId && c.Status != CampaignStatus.Archived && c.Id != exceptId);

    private static async Task<Campaign> FindAsync(AppDbContext db, Actor actor, int id) =>
        await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id && c.MerchantId == actor.Merchant) ?? throw new NotFoundException("The campaign");
}
