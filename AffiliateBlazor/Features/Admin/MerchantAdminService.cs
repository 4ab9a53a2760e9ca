using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Admin;

public sealed record MerchantView(int Id, string Company, string Slug, string Website, string Plan, string Currency,
    string OwnerEmail, int Campaigns, int Affiliates, DateTime CreatedAt);

public sealed record CreateMerchantRequest(string Company, string Website, string OwnerEmail, string OwnerPassword, string? Currency, string? Plan);

public sealed record ChangePlanRequest(string Plan);

/// <summary>The operator's view of every merchant on the install.</summary>
public sealed class MerchantAdminService(IDbContextFactory<AppDbContext> dbFactory, SignUpService signUp, PlanCatalog plans, TimeProvider clock)
{
    public async Task<Page<MerchantView>> ListAsync(Actor actor, string? search, PageRequest page)
    {
        EnsureAdmin(actor);
        await using var db = await dbFactory.CreateDbContextAsync();
        var query = db.Merchants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(m => m.Company.Contains(search) || m.Slug.Contains(search));
        var total = await query.CountAsync();
        var items = await Project(db, query.OrderByDescending(m => m.Id).Skip(page.Skip).Take(page.Take)).ToListAsync();
        return new(items, total);
    }

    public async Task<MerchantView> CreateAsync(Actor actor, CreateMerchantRequest request)
    {
        EnsureAdmin(actor);
        if (request.Plan is { } plan && !plans.Exists(plan)) throw ValidationException.For("plan", $"There is no plan named {plan}.");
        var (_, merchant) = await signUp.SignUpMerchantAsync(new MerchantSignUp(request.Company, request.Website, request.OwnerEmail,
            request.OwnerPassword, request.Currency ?? "USD"));
        if (request.Plan is { } chosen && chosen != merchant.Plan) return await ChangePlanAsync(actor, merchant.Id, chosen);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await Project(db, db.Merchants.Where(m => m.Id == merchant.Id)).FirstAsync();
    }

    public async Task<MerchantView> ChangePlanAsync(Actor actor, int merchantId, string plan)
    {
        EnsureAdmin(actor);
        if (!plans.Exists(plan)) throw ValidationException.For("plan", $"There is no plan named {plan}. Plans: {string.Join(", ", plans.All.Select(p => p.Name))}.");
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.FirstOrDefaultAsync(m => m.Id == merchantId) ?? throw new NotFoundException("The merchant");
        db.AuditEntries.Add(new AuditEntry { MerchantId = merchantId, UserId = actor.UserId, Action = "merchant.plan", Subject = merchant.Company, Details = $"{merchant.Plan} → {plan}", At = clock.GetUtcNow().UtcDateTime });
        merchant.Plan = plan;
        await db.SaveChangesAsync();
        return await Project(db, db.Merchants.Where(m => m.Id == merchantId)).FirstAsync();
    }

    private static void EnsureAdmin(Actor actor)
    {
        if (!actor.IsAdmin) throw new NotFoundException("The merchant list");
    }

    private static IQueryable<MerchantView> Project(AppDbContext db, IQueryable<Merchant> merchants) =>
        from m in merchants
        join u in db.Users on m.OwnerUserId equals u.Id
        select new MerchantView(m.Id, m.Company, m.Slug, m.Website, m.Plan, m.Currency, u.Email!,
            db.Campaigns.Count(c => c.MerchantId == m.Id && c.Status != CampaignStatus.Archived),
            db.Memberships.Count(x => x.MerchantId == m.Id && x.Status == MembershipStatus.Approved), m.CreatedAt);
}
