using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Payouts;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Tracking;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Demo;

/// <summary>
/// `--demo`: a merchant with a campaign of each type, approved affiliates with links and coupons, and four weeks of
/// clicks and conversions, so a newcomer sees full dashboards at once. Runs once; later starts leave the data alone.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<AppDbContext> dbFactory, SignUpService signUp, CampaignService campaigns, AffiliateService affiliateService,
    PayoutRun payoutRun, PayoutService payouts, PayoutMethodService payoutMethods, ClickIds clickIds, IConfiguration configuration,
    TimeProvider clock, ILogger<DemoSeeder> log)
{
    public const string MerchantEmail = "merchant@demo.example";
    public const string AffiliateEmailPattern = "affiliate{0}@demo.example";
    private const int Days = 29;

    public async Task SeedAsync()
    {
        var password = configuration["Demo:Password"] is { Length: > 0 } p ? p : "Demo-pass-1";
        await using (var check = await dbFactory.CreateDbContextAsync())
            if (await check.Users.AnyAsync(u => u.Email == MerchantEmail)) return;

        var (owner, merchant) = await signUp.SignUpMerchantAsync(new MerchantSignUp("Demo Outfitters", "https://shop.demo.example", MerchantEmail, password));
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Merchants.Where(m => m.Id == merchant.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Plan, "Business"));
        var actor = new Actor(owner.Id, false, merchant.Id, null);
        var made = new List<CampaignView>();
        foreach (var input in CampaignInputs()) made.Add(await campaigns.CreateAsync(actor, input));

        var random = new Random(42);
        var now = clock.GetUtcNow().UtcDateTime;
        var affiliates = new List<Affiliate>();
        for (var i = 1; i <= 6; i++)
        {
            var (user, _) = await signUp.SignUpAffiliateAsync(merchant.Slug,
                new AffiliateSignUp($"Demo Partner {i}", string.Format(AffiliateEmailPattern, i), password, $"https://partner{i}.demo.example"), null);
            affiliates.Add(await db.Affiliates.FirstAsync(a => a.UserId == user.Id));
        }
        // The demo campaigns ask for approval, as a merchant would give it on the Affiliates page.
        foreach (var membershipId in await db.Memberships.Where(m => m.MerchantId == merchant.Id).Select(m => m.Id).ToListAsync())
            await affiliateService.ApproveAsync(actor, membershipId);

        var coupon = made.First(c => c.Type == CommissionType.Coupon);
        db.Coupons.AddRange(affiliates.Select((a, i) => new Coupon { MerchantId = merchant.Id, CampaignId = coupon.Id, AffiliateId = a.Id, Code = $"PARTNER{i + 1}", CreatedAt = now }));
        var cps = made.First(c => c.Type == CommissionType.Cps);
        db.PersonalPayouts.Add(new PersonalPayout { MerchantId = merchant.Id, CampaignId = cps.Id, AffiliateId = affiliates[0].Id, Basis = PayoutBasis.Percent, PercentBasisPoints = 1500, CreatedAt = now });
        await db.SaveChangesAsync();

        await TrafficAsync(merchant.Id, made, random, now);
        await PayoutsAsync(actor, affiliates, now);
        log.LogInformation("Demo data ready: sign in as {Email} (or affiliate1@demo.example) with password {Password}", MerchantEmail, password);
    }

    /// <summary>
    /// The affiliates' payout methods, last month's approved commission paid (with references), and what was approved
    /// since prepared and waiting to be paid, as a merchant's payouts page looks after a payout run or two.
    /// </summary>
    private async Task PayoutsAsync(Actor merchant, IReadOnlyList<Affiliate> affiliates, DateTime now)
    {
        for (var i = 0; i < affiliates.Count; i++)
        {
            var affiliate = new Actor(affiliates[i].UserId, false, null, affiliates[i].Id);
            await payoutMethods.SetAsync(affiliate, i % 3 == 2
                ? new PayoutMethodInput(merchant.MerchantId, PayoutMethodKind.BankTransfer, Iban: "DE89370400440532013000", AccountHolder: affiliates[i].Name)
                : new PayoutMethodInput(merchant.MerchantId, i % 3 == 0 ? PayoutMethodKind.PayPal : PayoutMethodKind.Wise, Email: affiliates[i].Email));
        }
        var paid = await payoutRun.PrepareAsync(merchant, new PreparePayoutsRequest(CutOff: now.Date.AddDays(-25)));
        if (paid.Payouts.Count > 0)
            await payouts.ApproveManyAsync(merchant, new BulkApprovePayoutsRequest(paid.Payouts.Select(p => p.Id).ToList(), $"DEMO-BATCH-{now:yyyyMM}"));
        await payoutRun.PrepareAsync(merchant, new PreparePayoutsRequest());
    }

    private async Task TrafficAsync(int merchantId, List<CampaignView> made, Random random, DateTime now)
    {
        List<TrackingLink> links;
        await using (var read = await dbFactory.CreateDbContextAsync())
            links = await read.Links.AsNoTracking().Where(l => l.MerchantId == merchantId).ToListAsync();
        var byId = made.ToDictionary(c => c.Id);
        long order = 1000;
        foreach (var link in links)
        {
            // A context per link keeps change tracking small; one transaction per link keeps it fast.
            await using var db = await dbFactory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var campaign = byId[link.CampaignId];
            for (var day = Days; day >= 0; day--)
            {
                var clicks = random.Next(3, 25);
                for (var n = 0; n < clicks; n++)
                {
                    var at = now.Date.AddDays(-day).AddMinutes(random.Next(0, day == 0 ? (int)now.TimeOfDay.TotalMinutes + 1 : 1440));
                    var clickId = clickIds.Next();
                    var click = new Click
                    {
                        Id = clickId, PublicId = clickIds.Encode(clickId), MerchantId = merchantId, CampaignId = campaign.Id, AffiliateId = link.AffiliateId, LinkId = link.Id,
                        At = at, IpHash = Tokens.New(32), UserAgent = "Mozilla/5.0 (demo)",
                    };
                    db.Clicks.Add(click);
                    // A banner campaign's clicks come from banners that were seen dozens of times each.
                    AddToRollup(db, link, at, impressions: campaign.Type == CommissionType.Cpm ? random.Next(20, 60) : 0);
                    if (random.Next(0, 12) != 0 || campaign.Type is CommissionType.Ppc or CommissionType.Cpm) continue;
                    var amount = random.Next(1500, 25000);
                    var commission = campaign.Type == CommissionType.Cps ? MoneyMath.ApplyBasisPoints(amount, campaign.PercentBasisPoints) : campaign.FixedAmount;
                    var status = day > 20 ? ConversionStatus.Approved : ConversionStatus.Pending;
                    var conversion = new Conversion
                    {
                        MerchantId = merchantId, CampaignId = campaign.Id, AffiliateId = link.AffiliateId, LinkId = link.Id, Source = ConversionSource.Api,
                        Type = campaign.Type == CommissionType.Cpa ? campaign.CpaAction : ConversionType.Sale, OrderId = $"DEMO-{order++}",
                        Amount = amount, Currency = campaign.Currency, Commission = commission, CommissionBasis = "demo data: " + campaign.Terms,
                        AttributionReason = "click_id", Status = status, CreatedAt = at.AddMinutes(random.Next(2, 90)),
                    };
                    db.Conversions.Add(conversion);
                    await db.SaveChangesAsync();
                    db.CommissionLines.Add(new CommissionLine
                    {
                        MerchantId = merchantId, CampaignId = campaign.Id, AffiliateId = link.AffiliateId, ConversionId = conversion.Id, Kind = CommissionLineKind.Conversion,
                        Status = status == ConversionStatus.Approved ? CommissionLineStatus.Approved : CommissionLineStatus.Pending,
                        Amount = commission, Currency = campaign.Currency, CreatedAt = conversion.CreatedAt,
                    });
                }
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }

    private static void AddToRollup(AppDbContext db, TrackingLink link, DateTime at, int impressions)
    {
        var bucket = TrafficRollup.BucketOf(at);
        var rollup = db.TrafficRollups.Local.FirstOrDefault(r => r.LinkId == link.Id && r.BucketStart == bucket);
        if (rollup is null)
            db.TrafficRollups.Add(rollup = new TrafficRollup { MerchantId = link.MerchantId, CampaignId = link.CampaignId, AffiliateId = link.AffiliateId, LinkId = link.Id, BucketStart = bucket });
        rollup.Clicks++;
        rollup.UniqueClicks++;
        rollup.BillableClicks++;
        rollup.Impressions += impressions;
    }

    private static IEnumerable<CampaignInput> CampaignInputs()
    {
        const string shop = "https://shop.demo.example/";
        yield return new() { Name = "Summer sale (CPS 10%)", Type = CommissionType.Cps, PercentBasisPoints = 1000, LandingUrl = shop + "summer" };
        yield return new() { Name = "Newsletter sign-ups (CPA)", Type = CommissionType.Cpa, CpaAction = ConversionType.Lead, FixedAmount = 250, LandingUrl = shop + "newsletter" };
        yield return new() { Name = "Podcast coupons", Type = CommissionType.Coupon, CouponBasis = PayoutBasis.Fixed, FixedAmount = 500, LandingUrl = shop };
        yield return new() { Name = "Brand clicks (PPC)", Type = CommissionType.Ppc, FixedAmount = 5, LandingUrl = shop + "brand" };
        yield return new() { Name = "Banner reach (CPM)", Type = CommissionType.Cpm, FixedAmount = 200, LandingUrl = shop + "banners" };
    }
}
