using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Tracking;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Conversions;

/// <summary>Records conversions (idempotent per campaign and order id), attributes them and prices their commission.</summary>
public sealed class ConversionService(
    IDbContextFactory<AppDbContext> dbFactory, ClickIds clickIds, WriteGate writeGate, TimeProvider clock, VisitorPrivacy privacy,
    IConfiguration configuration)
{
    private readonly TimeSpan _minimumDelayAfterClick = TimeSpan.FromSeconds(configuration.GetValue("Tracking:MinSecondsAfterClick", 10));

    /// <param name="cookieClickId">The click named by the visitor's tracking cookie; only browser conversions have one.</param>
    /// <param name="occurredAt">When the sale happened, for sales reported after the fact (imported coupon uses); now when omitted.</param>
    public async Task<RecordedConversion> RecordAsync(Actor actor, ConversionRequest request, ConversionSource source,
        string? cookieClickId = null, DateTime? occurredAt = null)
    {
        request.Validate();
        var merchantId = actor.Merchant;
        var orderId = request.OrderId!.Trim();
        await using var db = await dbFactory.CreateDbContextAsync();

        var click = clickIds.Decode(request.ClickId) is { } clickRowId
            ? await db.Clicks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clickRowId && c.MerchantId == merchantId)
            : null;
        var cookieClick = clickIds.Decode(cookieClickId) is { } cookieRowId
            ? await db.Clicks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cookieRowId && c.MerchantId == merchantId)
            : null;
        var campaign = await ResolveCampaignAsync(db, merchantId, request, click);
        if (await FindExistingAsync(db, campaign.Id, orderId) is { } existing) return new(existing, true);

        var coupon = string.IsNullOrWhiteSpace(request.Coupon) ? null
            : await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.CampaignId == campaign.Id && c.Code == request.Coupon.Trim() && c.Active);
        var now = occurredAt ?? clock.GetUtcNow().UtcDateTime;
        var attribution = Attribution.Decide(
            new AttributionSettings(campaign.Id, campaign.CookieWindowDays, campaign.CouponBeatsClick),
            ClickFactOf(click), coupon is null ? null : new CouponFact(coupon.Id, coupon.AffiliateId, coupon.CampaignId),
            ClickFactOf(cookieClick), now);

        var currency = request.Currency ?? campaign.Currency;
        var conversion = new Conversion
        {
            MerchantId = merchantId, CampaignId = campaign.Id, AffiliateId = attribution.AffiliateId, LinkId = attribution.LinkId,
            ClickId = attribution.ClickId, CouponId = attribution.CouponId, Source = source, Type = request.ParsedType,
            OrderId = orderId, Amount = request.Amount ?? 0, Currency = currency, Status = ConversionStatus.Pending,
            AttributionReason = attribution.Reason, CreatedAt = now,
            CustomerEmailHash = string.IsNullOrWhiteSpace(request.CustomerEmail) ? null : Tokens.Sha256Hex(request.CustomerEmail.Trim().ToLowerInvariant()),
            IpHash = privacy.HashIp(request.CustomerIpAddress()),
        };
        var attributedClick = new[] { click, cookieClick }.FirstOrDefault(c => c is not null && c.Id == attribution.ClickId);
        (conversion.Flags, conversion.FlagReason) = await AssessFraudAsync(db, conversion, attributedClick, now);
        if (attribution.AffiliateId is { } affiliateId)
        {
            var personal = await db.PersonalPayouts.AsNoTracking().Where(p => p.CampaignId == campaign.Id && p.AffiliateId == affiliateId).ToListAsync();
            var quote = CommissionCalculator.ForConversion(campaign.Rule, personal.Select(p => p.Rate),
                new ConversionFacts(affiliateId, conversion.Type, conversion.Amount, currency, attribution.CouponId is null ? null : coupon?.Code));
            (conversion.Commission, conversion.CommissionBasis) = (quote.Amount, quote.Basis);
        }
        else if (currency != campaign.Currency)
            throw new CurrencyMismatchException(campaign.Currency, currency);

        db.Conversions.Add(conversion);
        try
        {
            // The conversion and its ledger line commit together: a crash between them cannot leave one without the other.
            using var turn = await writeGate.EnterAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            if (conversion.AffiliateId is { } earner && conversion.Commission != 0)
            {
                db.CommissionLines.Add(new CommissionLine
                {
                    MerchantId = merchantId, CampaignId = campaign.Id, AffiliateId = earner, ConversionId = conversion.Id,
                    Kind = CommissionLineKind.Conversion, Status = CommissionLineStatus.Pending, Amount = conversion.Commission,
                    Currency = campaign.Currency, CreatedAt = now,
                });
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
        }
        catch (DbUpdateException) when (conversion.Id == 0)
        {
            // Another request recorded the same order first; the unique index kept it to one row.
            return new(await FindExistingAsync(db, campaign.Id, orderId) ?? throw new DomainException("The conversion could not be saved; send it again."), true);
        }
        return new(await ViewAsync(db, conversion.Id), false);
    }

    public async Task<Page<ConversionView>> ListAsync(Actor actor, ConversionFilter filter, PageRequest page)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var query = Scope(db, actor);
        if (filter.CampaignId is { } campaignId) query = query.Where(c => c.CampaignId == campaignId);
        if (filter.Status is { } status) query = query.Where(c => c.Status == status);
        if (filter.From is { } from) query = query.Where(c => c.CreatedAt >= from);
        if (filter.To is { } to) query = query.Where(c => c.CreatedAt < to);
        var total = await query.CountAsync();
        var items = await Project(db, query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip(page.Skip).Take(page.Take)).ToListAsync();
        return new(items, total);
    }

    public async Task<ConversionView> GetAsync(Actor actor, long id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await Project(db, Scope(db, actor).Where(c => c.Id == id)).FirstOrDefaultAsync() ?? throw new NotFoundException("The conversion");
    }

    private async Task<FraudVerdict> AssessFraudAsync(AppDbContext db, Conversion conversion, Click? click, DateTime now)
    {
        var affiliate = conversion.AffiliateId is { } id
            ? await db.Affiliates.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Email, a.IpHash }).FirstOrDefaultAsync()
            : null;
        return FraudRules.Assess(new ConversionEvidence(
            click is null ? null : new ClickEvidence(click.At, click.IsBillable), now, _minimumDelayAfterClick,
            conversion.CustomerEmailHash, conversion.IpHash,
            affiliate is null ? null : Tokens.Sha256Hex(affiliate.Email.Trim().ToLowerInvariant()), affiliate?.IpHash,
            IsTest: conversion.Source == ConversionSource.Test));
    }

    private static ClickFact? ClickFactOf(Click? click) =>
        click is null ? null : new ClickFact(click.Id, click.AffiliateId, click.LinkId, click.CampaignId, click.At);

    private static async Task<Campaign> ResolveCampaignAsync(AppDbContext db, int merchantId, ConversionRequest request, Click? click)
    {
        var campaignId = request.CampaignId ?? click?.CampaignId
            ?? throw ValidationException.For("campaignId", "Name the campaign, or send the click_id the landing page received.");
        return await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId && c.MerchantId == merchantId)
            ?? throw new NotFoundException("The campaign");
    }

    /// <summary>The idempotency check reads the (campaign, order id) index alone; the joined view only for a repeat.</summary>
    private static async Task<ConversionView?> FindExistingAsync(AppDbContext db, int campaignId, string orderId) =>
        await db.Conversions.Where(c => c.CampaignId == campaignId && c.OrderId == orderId).Select(c => (long?)c.Id).FirstOrDefaultAsync()
            is { } id ? await ViewAsync(db, id) : null;

    private static Task<ConversionView> ViewAsync(AppDbContext db, long id) =>
        Project(db, db.Conversions.AsNoTracking().Where(c => c.Id == id)).FirstAsync();

    private static IQueryable<Conversion> Scope(AppDbContext db, Actor actor) =>
        actor.MerchantId is { } merchant ? db.Conversions.AsNoTracking().Where(c => c.MerchantId == merchant)
        : actor.AffiliateId is { } affiliate ? db.Conversions.AsNoTracking().Where(c => c.AffiliateId == affiliate)
        : throw new NotFoundException("Your conversions");

    private static IQueryable<ConversionView> Project(AppDbContext db, IQueryable<Conversion> conversions) =>
        from c in conversions
        join campaign in db.Campaigns on c.CampaignId equals campaign.Id
        from a in db.Affiliates.Where(a => a.Id == c.AffiliateId).DefaultIfEmpty()
        from k in db.Clicks.Where(k => k.Id == c.ClickId).DefaultIfEmpty()
        select new ConversionView(c.Id, c.CampaignId, campaign.Name, c.AffiliateId, a == null ? null : a.Name, c.OrderId, c.Type,
            c.Source, c.Amount, c.Currency, c.Commission, c.Status, c.Flags, c.FlagReason, c.CommissionBasis, c.AttributionReason,
            k == null ? null : k.PublicId, c.CreatedAt);
}
