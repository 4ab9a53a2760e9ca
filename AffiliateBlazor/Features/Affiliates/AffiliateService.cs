using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Links;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Affiliates;

public sealed record ProgramInfo(int MerchantId, string Company, string Slug, string Website, JoinPolicy Policy);

public sealed record MemberView(int Id, int AffiliateId, string Name, string Email, string? Website, MembershipStatus Status, DateTime AppliedAt, DateTime? DecidedAt);

public sealed record MyProgramView(int MerchantId, string Company, string Slug, string Website, MembershipStatus Status, DateTime AppliedAt);

/// <summary>Affiliates in merchants' programs: joining, approval, rejection.</summary>
public sealed class AffiliateService(IDbContextFactory<AppDbContext> dbFactory, PlanCatalog plans, LinkService links, TimeProvider clock)
{
    /// <summary>
    /// A program is as open as its most open active campaign: any Open campaign approves at once, any
    /// approval-required campaign takes applications, and a program of invite-only campaigns takes none.
    /// </summary>
    public async Task<ProgramInfo> GetProgramAsync(string slug)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Slug == slug) ?? throw new NotFoundException("The program");
        var policies = await db.Campaigns.Where(c => c.MerchantId == merchant.Id && c.Status == CampaignStatus.Active)
            .Select(c => c.JoinPolicy).Distinct().ToListAsync();
        var policy = policies.Contains(JoinPolicy.Open) ? JoinPolicy.Open
            : policies.Contains(JoinPolicy.ApprovalRequired) || policies.Count == 0 ? JoinPolicy.ApprovalRequired
            : JoinPolicy.InviteOnly;
        return new(merchant.Id, merchant.Company, merchant.Slug, merchant.Website, policy);
    }

    public async Task<MembershipStatus> JoinAsync(int affiliateId, string slug)
    {
        var program = await GetProgramAsync(slug);
        await using var db = await dbFactory.CreateDbContextAsync();
        var existing = await db.Memberships.FirstOrDefaultAsync(m => m.MerchantId == program.MerchantId && m.AffiliateId == affiliateId);
        if (existing is not null) return existing.Status;
        if (program.Policy == JoinPolicy.InviteOnly) throw new DomainException($"{program.Company} takes affiliates by invitation only.");

        var now = clock.GetUtcNow().UtcDateTime;
        var membership = new ProgramMembership { MerchantId = program.MerchantId, AffiliateId = affiliateId, Status = MembershipStatus.Pending, AppliedAt = now };
        db.Memberships.Add(membership);
        if (program.Policy == JoinPolicy.Open && await HasRoomAsync(db, program.MerchantId))
            await ApproveAsync(db, membership, now);
        await db.SaveChangesAsync();
        return membership.Status;
    }

    public async Task<Page<MemberView>> ListAsync(Actor actor, MembershipStatus? status, string? search, PageRequest page)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var query = db.Memberships.AsNoTracking().Where(m => m.MerchantId == actor.Merchant);
        if (status is not null) query = query.Where(m => m.Status == status);
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(m => m.Affiliate!.Name.Contains(search) || m.Affiliate.Email.Contains(search));
        var total = await query.CountAsync();
        var items = await query.OrderBy(m => m.Status == MembershipStatus.Pending ? 0 : 1).ThenByDescending(m => m.Id)
            .Skip(page.Skip).Take(page.Take)
            .Select(m => new MemberView(m.Id, m.AffiliateId, m.Affiliate!.Name, m.Affiliate.Email, m.Affiliate.Website, m.Status, m.AppliedAt, m.DecidedAt))
            .ToListAsync();
        return new(items, total);
    }

    public async Task<IReadOnlyList<MyProgramView>> MyProgramsAsync(Actor actor)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Memberships.AsNoTracking().Where(m => m.AffiliateId == actor.Affiliate)
            .Join(db.Merchants, m => m.MerchantId, x => x.Id, (m, x) => new MyProgramView(x.Id, x.Company, x.Slug, x.Website, m.Status, m.AppliedAt))
            .ToListAsync();
    }

    public async Task<MemberView> ApproveAsync(Actor actor, int membershipId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var membership = await FindAsync(db, actor, membershipId);
        if (membership.Status != MembershipStatus.Approved)
        {
            var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == membership.MerchantId);
            plans.Get(merchant.Plan).EnsureCanAddAffiliate(await ApprovedCountAsync(db, merchant.Id));
            await ApproveAsync(db, membership, clock.GetUtcNow().UtcDateTime);
            Audit(db, actor, "affiliate.approved", membership);
            await db.SaveChangesAsync();
        }
        return View(membership);
    }

    /// <summary>The merchant's own invitation: the membership is made if needed and approved within the plan.</summary>
    public async Task<MemberView> InviteAsync(Actor actor, int affiliateId)
    {
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            if (!await db.Memberships.AnyAsync(m => m.MerchantId == actor.Merchant && m.AffiliateId == affiliateId))
            {
                db.Memberships.Add(new ProgramMembership
                {
                    MerchantId = actor.Merchant, AffiliateId = affiliateId, Status = MembershipStatus.Pending, Invited = true,
                    AppliedAt = clock.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync();
            }
        }
        await using var read = await dbFactory.CreateDbContextAsync();
        var id = await read.Memberships.Where(m => m.MerchantId == actor.Merchant && m.AffiliateId == affiliateId).Select(m => m.Id).FirstAsync();
        return await ApproveAsync(actor, id);
    }

    public async Task<MemberView> RejectAsync(Actor actor, int membershipId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var membership = await FindAsync(db, actor, membershipId);
        membership.Reject(clock.GetUtcNow().UtcDateTime);
        Audit(db, actor, "affiliate.rejected", membership);
        await db.SaveChangesAsync();
        return View(membership);
    }

    private async Task ApproveAsync(AppDbContext db, ProgramMembership membership, DateTime now)
    {
        membership.Approve(now);
        await links.AddMissingLinksAsync(db, membership.MerchantId, membership.AffiliateId, now);
    }

    private static Task<int> ApprovedCountAsync(AppDbContext db, int merchantId) =>
        db.Memberships.CountAsync(m => m.MerchantId == merchantId && m.Status == MembershipStatus.Approved);

    private async Task<bool> HasRoomAsync(AppDbContext db, int merchantId)
    {
        var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == merchantId);
        return plans.Get(merchant.Plan).MaxAffiliates is not { } max || await ApprovedCountAsync(db, merchantId) < max;
    }

    private static async Task<ProgramMembership> FindAsync(AppDbContext db, Actor actor, int id) =>
        await db.Memberships.Include(m => m.Affiliate).FirstOrDefaultAsync(m => m.Id == id && m.MerchantId == actor.Merchant)
        ?? throw new NotFoundException("The affiliate");

    private void Audit(AppDbContext db, Actor actor, string action, ProgramMembership membership) =>
        db.AuditEntries.Add(new AuditEntry
        {
            MerchantId = membership.MerchantId, UserId = actor.UserId, Action = action,
            Subject = $"affiliate {membership.AffiliateId}", At = clock.GetUtcNow().UtcDateTime,
        });

    private static MemberView View(ProgramMembership m) =>
        new(m.Id, m.AffiliateId, m.Affiliate?.Name ?? "", m.Affiliate?.Email ?? "", m.Affiliate?.Website, m.Status, m.AppliedAt, m.DecidedAt);
}
