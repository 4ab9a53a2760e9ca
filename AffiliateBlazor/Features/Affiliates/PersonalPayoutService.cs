using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Coupons;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Affiliates;

public sealed record PersonalPayoutView(int Id, int CampaignId, string CampaignName, int AffiliateId, PayoutBasis Basis,
    int PercentBasisPoints, long FixedAmount, string Currency, string? CouponCode, DateTime CreatedAt)
{
    public string Terms => Basis == PayoutBasis.Percent
        ? $"{PercentBasisPoints / 100m:0.##}% of the sale"
        : $"{MoneyFormat.Display(FixedAmount, Currency)} per conversion";
}

/// <summary>A custom rate: PercentBasisPoints for Percent (1 250 = 12.5 %), FixedAmount in minor units for Fixed.</summary>
public sealed record PersonalPayoutInput(int? CampaignId, PayoutBasis? Basis, int? PercentBasisPoints = null, long? FixedAmount = null, string? CouponCode = null);

/// <summary>
/// Per-affiliate rates that outrank the campaign's ("set up a PERSONAL PAYOUT, enter the desired coupon code, and select
/// the affiliate"). A rate bound to a coupon applies to conversions that used it; a plain one to the affiliate's others.
/// </summary>
public sealed class PersonalPayoutService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<PersonalPayoutView>> ListAsync(Actor actor, int membershipId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var membership = await FindMembershipAsync(db, actor, membershipId);
        var payouts = await Project(db, db.PersonalPayouts.AsNoTracking()
            .Where(p => p.MerchantId == membership.MerchantId && p.AffiliateId == membership.AffiliateId)).ToListAsync();
        return payouts.OrderBy(p => p.CampaignName).ThenBy(p => p.CouponCode).ToList();
    }

    /// <summary>A new coupon code is given to the affiliate on the way; a code of another affiliate is refused.</summary>
    public async Task<PersonalPayoutView> CreateAsync(Actor actor, int membershipId, PersonalPayoutInput input)
    {
        var couponCode = CouponCodes.Normalize(input.CouponCode);
        Validate(input, couponCode);
        await using var db = await dbFactory.CreateDbContextAsync();
        // On SQLite this takes the write lock before the checks: two plain rates for one affiliate cannot slip in side by
        // side (the unique index treats their NULL coupon codes as different).
        await using var transaction = await db.Database.BeginTransactionAsync();
        var membership = await ApprovedMembers.RequireByMembershipAsync(db, actor.Merchant, membershipId);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CampaignId && c.MerchantId == actor.Merchant)
            ?? throw new NotFoundException("The campaign");
        if (campaign.Type is CommissionType.Ppc or CommissionType.Cpm)
            throw ValidationException.For("campaignId", "PPC and CPM campaigns pay for traffic: personal payouts apply to conversions.");

        var now = clock.GetUtcNow().UtcDateTime;
        var coupon = couponCode is null ? null : await CouponForAsync(db, campaign, membership, couponCode, now);
        var storedCode = coupon?.Code;
        var taken = await db.PersonalPayouts.AsNoTracking()
            .Where(p => p.CampaignId == campaign.Id && p.AffiliateId == membership.AffiliateId).Select(p => p.CouponCode).ToListAsync();
        if (taken.Any(code => string.Equals(code, storedCode, StringComparison.OrdinalIgnoreCase)))
            throw ValidationException.For(storedCode is null ? "campaignId" : "couponCode", storedCode is null
                ? $"{membership.Affiliate!.Name} already has a personal payout in {campaign.Name}; delete it to set another."
                : $"{membership.Affiliate!.Name} already has a personal payout for coupon {storedCode}; delete it to set another.");

        var payout = new PersonalPayout
        {
            MerchantId = campaign.MerchantId, CampaignId = campaign.Id, AffiliateId = membership.AffiliateId, Basis = input.Basis!.Value,
            PercentBasisPoints = input.Basis == PayoutBasis.Percent ? input.PercentBasisPoints!.Value : 0,
            FixedAmount = input.Basis == PayoutBasis.Fixed ? input.FixedAmount!.Value : 0, CouponCode = storedCode, CreatedAt = now,
        };
        db.PersonalPayouts.Add(payout);
        Audit(db, actor, "personal-payout.created", payout, now);
        if (coupon is { Id: 0 }) await CouponService.SaveAsync(db, coupon);
        else await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return await Project(db, db.PersonalPayouts.AsNoTracking().Where(p => p.Id == payout.Id)).FirstAsync();
    }

    /// <summary>Conversions already recorded keep their commission; later ones fall back to the next rule.</summary>
    public async Task DeleteAsync(Actor actor, int membershipId, int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var membership = await FindMembershipAsync(db, actor, membershipId);
        var payout = await db.PersonalPayouts.FirstOrDefaultAsync(p => p.Id == id && p.MerchantId == membership.MerchantId && p.AffiliateId == membership.AffiliateId)
            ?? throw new NotFoundException("The personal payout");
        db.PersonalPayouts.Remove(payout);
        Audit(db, actor, "personal-payout.deleted", payout, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    private static void Validate(PersonalPayoutInput input, string? couponCode) => new Validation()
        .Check(input.CampaignId is not null, "campaignId", "Choose the campaign the rate applies to.")
        .Check(input.Basis is not null, "basis", "Choose Fixed (an amount per conversion) or Percent (a share of the sale).")
        .Check(input.Basis != PayoutBasis.Percent || input.PercentBasisPoints is > 0 and <= MoneyMath.BasisPointsPerWhole,
            "percentBasisPoints", "The rate is more than 0 % and at most 100 %, in basis points (1250 = 12.5 %).")
        .Check(input.Basis != PayoutBasis.Fixed || input.FixedAmount is > 0 and <= CampaignInput.MaxFixedAmount,
            "fixedAmount", "The amount is more than zero, in minor units (cents).")
        .Check(couponCode is null || CouponCodes.IsValid(couponCode), "couponCode", CouponCodes.Rule)
        .ThrowIfInvalid();

    /// <summary>The affiliate's coupon with this code in the campaign, or a new one (unsaved) when nobody has the code yet.</summary>
    private static async Task<Coupon> CouponForAsync(AppDbContext db, Campaign campaign, ProgramMembership membership, string code, DateTime now)
    {
        var existing = await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.CampaignId == campaign.Id && c.Code == code);
        if (existing is null) return await CouponService.AddAsync(db, campaign, membership.AffiliateId, code, now);
        if (existing.AffiliateId != membership.AffiliateId)
            throw ValidationException.For("couponCode", $"The coupon {existing.Code} belongs to another affiliate in this campaign.");
        if (!existing.Active) throw ValidationException.For("couponCode", $"The coupon {existing.Code} is deactivated.");
        return existing;
    }

    private static async Task<ProgramMembership> FindMembershipAsync(AppDbContext db, Actor actor, int membershipId) =>
        await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.Id == membershipId && m.MerchantId == actor.Merchant)
        ?? throw new NotFoundException("The affiliate");

    /// <summary>A created rate is "→ rate", a deleted one "rate → none": the entry reads as the change it was.</summary>
    private static void Audit(AppDbContext db, Actor actor, string action, PersonalPayout payout, DateTime now)
    {
        var rate = $"campaign {payout.CampaignId}, {payout.Basis} {(payout.Basis == PayoutBasis.Percent ? payout.PercentBasisPoints + " bp" : payout.FixedAmount + " minor")}"
                   + (payout.CouponCode is null ? "" : $", coupon {payout.CouponCode}");
        db.Audit(actor.UserId, payout.MerchantId, action, $"affiliate {payout.AffiliateId}", action.EndsWith("deleted") ? $"{rate} → none" : $"→ {rate}", now);
    }

    private static IQueryable<PersonalPayoutView> Project(AppDbContext db, IQueryable<PersonalPayout> payouts) =>
        from p in payouts
        join campaign in db.Campaigns on p.CampaignId equals campaign.Id
        select new PersonalPayoutView(p.Id, p.CampaignId, campaign.Name, p.AffiliateId, p.Basis, p.PercentBasisPoints, p.FixedAmount,
            campaign.Currency, p.CouponCode, p.CreatedAt);
}
