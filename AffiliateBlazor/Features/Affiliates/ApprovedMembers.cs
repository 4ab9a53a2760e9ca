using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Affiliates;

/// <summary>Wherever a merchant names an affiliate (coupons, personal payouts, manual transactions), only approved members earn.</summary>
public static class ApprovedMembers
{
    /// <summary>The approved membership of the affiliate in the merchant's program; a stranger is a 404, as for any row that is not the merchant's.</summary>
    public static async Task<ProgramMembership> RequireAsync(AppDbContext db, int merchantId, int affiliateId) =>
        EnsureApproved(await db.Memberships.AsNoTracking().Include(m => m.Affiliate)
            .FirstOrDefaultAsync(m => m.MerchantId == merchantId && m.AffiliateId == affiliateId)
            ?? throw new NotFoundException("The affiliate"));

    public static async Task<ProgramMembership> RequireByMembershipAsync(AppDbContext db, int merchantId, int membershipId) =>
        EnsureApproved(await db.Memberships.AsNoTracking().Include(m => m.Affiliate)
            .FirstOrDefaultAsync(m => m.MerchantId == merchantId && m.Id == membershipId)
            ?? throw new NotFoundException("The affiliate"));

    private static ProgramMembership EnsureApproved(ProgramMembership membership) =>
        membership.Status == MembershipStatus.Approved ? membership
            : throw new DomainException($"{membership.Affiliate!.Name} is {membership.Status.ToString().ToLowerInvariant()} in your program: approve the affiliate first.");
}
