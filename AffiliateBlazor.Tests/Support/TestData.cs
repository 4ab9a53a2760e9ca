using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Tracking;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Tests.Support;

/// <summary>Builds rows straight into the test database for tests that start from an existing state.</summary>
public sealed class TestData(IDbContextFactory<AppDbContext> dbFactory, ClickIds clickIds)
{
    private int _next;

    public async Task<Actor> MerchantAsync(string plan = "Free", string currency = "USD")
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var n = Interlocked.Increment(ref _next);
        var user = new ApplicationUser { UserName = $"merchant{n}@test.example", Email = $"merchant{n}@test.example" };
        db.Users.Add(user);
        var merchant = new Merchant
        {
            Company = $"Shop {n}", Slug = $"shop-{n}", Website = "https://shop.example/", Domain = "shop.example", Plan = plan,
            Currency = currency, OwnerUserId = user.Id, CreatedAt = DateTime.UtcNow,
        };
        db.Merchants.Add(merchant);
        await db.SaveChangesAsync();
        return new Actor(user.Id, false, merchant.Id, null);
    }

    public async Task<Actor> ApprovedAffiliateAsync(Actor merchant, string name = "Ada Partner")
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var n = Interlocked.Increment(ref _next);
        var user = new ApplicationUser { UserName = $"affiliate{n}@test.example", Email = $"affiliate{n}@test.example" };
        db.Users.Add(user);
        var affiliate = new Affiliate { UserId = user.Id, Name = name, Email = user.Email, CreatedAt = DateTime.UtcNow };
        db.Affiliates.Add(affiliate);
        await db.SaveChangesAsync();
        db.Memberships.Add(new ProgramMembership
        {
            MerchantId = merchant.Merchant, AffiliateId = affiliate.Id, Status = MembershipStatus.Approved, AppliedAt = DateTime.UtcNow, DecidedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return new Actor(user.Id, false, null, affiliate.Id);
    }

    /// <summary>A billable click on the link, as the tracking writer would store it; answers its public click id.</summary>
    public async Task<string> ClickAsync(int linkId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var link = await db.Links.FindAsync(linkId) ?? throw new InvalidOperationException($"No link {linkId}.");
        var id = clickIds.Next();
        var click = new Click
        {
            Id = id, PublicId = clickIds.Encode(id), MerchantId = link.MerchantId, CampaignId = link.CampaignId,
            AffiliateId = link.AffiliateId, LinkId = link.Id, At = DateTime.UtcNow.AddMinutes(-5),
        };
        db.Clicks.Add(click);
        await db.SaveChangesAsync();
        return click.PublicId;
    }
}
