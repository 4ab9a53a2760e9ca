using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Tracking;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Links;

public sealed record LinkView(int Id, string Code, int CampaignId, string CampaignName, int AffiliateId, string AffiliateName,
    string? Name, string? Sub1, string? Sub2, string? Sub3, string? Sub4, string? Sub5, bool Active, DateTime CreatedAt);

public sealed record LinkInput(int CampaignId, int? AffiliateId, string? Name, string? Sub1 = null, string? Sub2 = null,
    string? Sub3 = null, string? Sub4 = null, string? Sub5 = null);

/// <summary>Tracking links. Approved affiliates get one per active campaign and may make more with sub-ids.</summary>
public sealed class LinkService(IDbContextFactory<AppDbContext> dbFactory, LinkCache linkCache, TimeProvider clock)
{
    public const int CodeLength = 10;
    public const int MaxSubLength = 100;

    public async Task<Page<LinkView>> ListAsync(Actor actor, int? campaignId, PageRequest page)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var query = Scope(db, actor);
        if (campaignId is not null) query = query.Where(l => l.CampaignId == campaignId);
        var total = await query.CountAsync();
        var items = await Project(db, query.OrderByDescending(l => l.Id).Skip(page.Skip).Take(page.Take)).ToListAsync();
        return new(items, total);
    }

    public async Task<LinkView> GetAsync(Actor actor, int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await Project(db, Scope(db, actor).Where(l => l.Id == id)).FirstOrDefaultAsync() ?? throw new NotFoundException("The link");
    }

    public async Task<LinkView> CreateAsync(Actor actor, LinkInput input)
    {
        var subs = new[] { input.Sub1, input.Sub2, input.Sub3, input.Sub4, input.Sub5 };
        var validation = new Validation()
            .Check(input.Name is null || input.Name.Length <= 200, "name", "The name can have at most 200 characters.");
        for (var i = 0; i < subs.Length; i++)
            validation.Check(subs[i] is null || subs[i]!.Length <= MaxSubLength, $"sub{i + 1}", $"sub{i + 1} can have at most {MaxSubLength} characters.");
        validation.ThrowIfInvalid();

        await using var db = await dbFactory.CreateDbContextAsync();
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CampaignId) ?? throw new NotFoundException("The campaign");
        var merchantAsks = actor.MerchantId == campaign.MerchantId;
        var affiliateId = merchantAsks
            ? input.AffiliateId ?? throw ValidationException.For("affiliateId", "Choose the affiliate the link is for.")
            : actor.AffiliateId ?? throw new NotFoundException("The campaign");
        if (!await db.Memberships.AnyAsync(m => m.MerchantId == campaign.MerchantId && m.AffiliateId == affiliateId && m.Status == MembershipStatus.Approved))
            throw new NotFoundException(merchantAsks ? "The affiliate" : "The campaign");
        if (campaign.Status == CampaignStatus.Archived) throw new DomainException("The campaign is archived.");

        var link = NewLink(campaign.MerchantId, campaign.Id, affiliateId, clock.GetUtcNow().UtcDateTime);
        link.Name = Blank(input.Name);
        (link.Sub1, link.Sub2, link.Sub3, link.Sub4, link.Sub5) = (Blank(input.Sub1), Blank(input.Sub2), Blank(input.Sub3), Blank(input.Sub4), Blank(input.Sub5));
        db.Links.Add(link);
        await db.SaveChangesAsync();
        linkCache.Clear();
        return await Project(db, db.Links.Where(l => l.Id == link.Id)).FirstAsync();
    }

    /// <summary>Gives an affiliate one default link into each active campaign of the merchant it does not have yet.</summary>
    public async Task AddMissingLinksAsync(AppDbContext db, int merchantId, int affiliateId, DateTime now)
    {
        var missing = await db.Campaigns.Where(c => c.MerchantId == merchantId && c.Status == CampaignStatus.Active
                && !db.Links.Any(l => l.CampaignId == c.Id && l.AffiliateId == affiliateId))
            .Select(c => c.Id).ToListAsync();
        db.Links.AddRange(missing.Select(campaignId => NewLink(merchantId, campaignId, affiliateId, now)));
    }

    /// <summary>Gives every approved affiliate of the merchant a default link into a new campaign.</summary>
    public async Task AddLinksForCampaignAsync(AppDbContext db, Campaign campaign, DateTime now)
    {
        var affiliates = await db.Memberships.Where(m => m.MerchantId == campaign.MerchantId && m.Status == MembershipStatus.Approved)
            .Select(m => m.AffiliateId).ToListAsync();
        db.Links.AddRange(affiliates.Select(a => NewLink(campaign.MerchantId, campaign.Id, a, now)));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static TrackingLink NewLink(int merchantId, int campaignId, int affiliateId, DateTime now) => new()
    {
        MerchantId = merchantId, CampaignId = campaignId, AffiliateId = affiliateId, Code = Tokens.New(CodeLength), CreatedAt = now,
    };

    private static IQueryable<TrackingLink> Scope(AppDbContext db, Actor actor) =>
        actor.MerchantId is { } merchant ? db.Links.AsNoTracking().Where(l => l.MerchantId == merchant)
        : actor.AffiliateId is { } affiliate ? db.Links.AsNoTracking().Where(l => l.AffiliateId == affiliate
            && db.Memberships.Any(m => m.MerchantId == l.MerchantId && m.AffiliateId == affiliate && m.Status == MembershipStatus.Approved))
        : throw new NotFoundException("Your links");

    private static IQueryable<LinkView> Project(AppDbContext db, IQueryable<TrackingLink> links) =>
        links.Join(db.Affiliates, l => l.AffiliateId, a => a.Id, (l, a) => new LinkView(l.Id, l.Code, l.CampaignId, l.Campaign!.Name,
            l.AffiliateId, a.Name, l.Name, l.Sub1, l.Sub2, l.Sub3, l.Sub4, l.Sub5, l.Active, l.CreatedAt));
}
