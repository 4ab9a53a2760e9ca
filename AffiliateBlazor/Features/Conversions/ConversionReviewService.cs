using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Conversions;

public enum ReviewAction { Approve, Decline, Reverse }

public static class ReviewActionNames
{
    /// <summary>"approved", "declined", "reversed": for messages and audit entries.</summary>
    public static string PastTense(this ReviewAction action) => action switch
    {
        ReviewAction.Approve => "approved",
        ReviewAction.Decline => "declined",
        _ => "reversed",
    };
}

public sealed record BulkReviewRequest(IReadOnlyList<long>? Ids, ReviewAction? Action);

public sealed record BulkReviewResult(ReviewAction Action, IReadOnlyList<long> Ids);

/// <summary>A purchase the merchant adds by hand for an affiliate. Amount in minor units; currency defaults to the campaign's.</summary>
public sealed record ManualTransactionRequest(int? CampaignId, int? AffiliateId, string? OrderId, long? Amount, string? Currency = null, string? Type = null);

/// <summary>
/// The merchant's review of conversions: approve, decline, reverse (refund), singly or in bulk, and transactions added by
/// hand. The commission ledger follows each decision; a line in a payout is never edited, a clawback line corrects it.
/// </summary>
public sealed class ConversionReviewService(IDbContextFactory<AppDbContext> dbFactory, ConversionService conversions, TimeProvider clock)
{
    public const int MaxBulk = 500;

    public Task<ConversionView> ApproveAsync(Actor actor, long id) => ReviewOneAsync(actor, id, ReviewAction.Approve);

    public Task<ConversionView> DeclineAsync(Actor actor, long id) => ReviewOneAsync(actor, id, ReviewAction.Decline);

    public Task<ConversionView> ReverseAsync(Actor actor, long id) => ReviewOneAsync(actor, id, ReviewAction.Reverse);

    /// <summary>All or nothing: one conversion that cannot make the move and none of them changes.</summary>
    public async Task<BulkReviewResult> BulkAsync(Actor actor, BulkReviewRequest request)
    {
        var ids = request.Ids?.Distinct().ToList() ?? [];
        new Validation()
            .Check(ids.Count is > 0 and <= MaxBulk, "ids", $"Send 1 to {MaxBulk} conversion ids.")
            .Check(request.Action is ReviewAction.Approve or ReviewAction.Decline, "action", "The bulk action is approve or decline; reverse refunds one at a time.")
            .ThrowIfInvalid();
        await ApplyAsync(actor, ids, request.Action!.Value);
        return new(request.Action.Value, ids);
    }

    /// <summary>Pending, Source = Manual, attributed to the chosen affiliate and priced like any conversion (personal payout first).</summary>
    public async Task<RecordedConversion> AddManualAsync(Actor actor, ManualTransactionRequest request)
    {
        new Validation()
            .Check(request.CampaignId is not null, "campaignId", "Choose the campaign.")
            .Check(request.AffiliateId is not null, "affiliateId", "Choose the affiliate who earns the transaction.")
            .ThrowIfInvalid();
        var asReported = new ConversionRequest(request.OrderId, request.Amount, request.Currency, request.CampaignId, request.Type);
        asReported.Validate();

        await using var db = await dbFactory.CreateDbContextAsync();
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CampaignId && c.MerchantId == actor.Merchant)
            ?? throw new NotFoundException("The campaign");
        var affiliateId = (await ApprovedMembers.RequireAsync(db, campaign.MerchantId, request.AffiliateId!.Value)).AffiliateId;
        var orderId = asReported.OrderId!.Trim();
        if (await FindIdAsync(db, campaign.Id, orderId) is { } existing) return new(await conversions.GetAsync(actor, existing), true);

        var now = clock.GetUtcNow().UtcDateTime;
        var currency = asReported.Currency ?? campaign.Currency;
        var personal = await db.PersonalPayouts.AsNoTracking().Where(p => p.CampaignId == campaign.Id && p.AffiliateId == affiliateId).ToListAsync();
        var quote = CommissionCalculator.ForConversion(campaign.Rule, personal.Select(p => p.Rate),
            new ConversionFacts(affiliateId, asReported.ParsedType, asReported.Amount ?? 0, currency, CouponCode: null));
        var conversion = new Conversion
        {
            MerchantId = campaign.MerchantId, CampaignId = campaign.Id, AffiliateId = affiliateId, Source = ConversionSource.Manual,
            Type = asReported.ParsedType, OrderId = orderId, Amount = asReported.Amount ?? 0, Currency = currency, Commission = quote.Amount,
            CommissionBasis = quote.Basis, AttributionReason = "added by hand by the merchant", Status = ConversionStatus.Pending, CreatedAt = now,
        };
        db.Conversions.Add(conversion);
        try
        {
            // The conversion and its ledger line commit together, as recorded conversions do.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            if (quote.Amount != 0)
            {
                db.CommissionLines.Add(new CommissionLine
                {
                    MerchantId = campaign.MerchantId, CampaignId = campaign.Id, AffiliateId = affiliateId, ConversionId = conversion.Id,
                    Kind = CommissionLineKind.Conversion, Status = CommissionLineStatus.Pending, Amount = quote.Amount, Currency = quote.Currency, CreatedAt = now,
                });
            }
            Audit(db, actor, "conversion.added", conversion, null, now);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch (DbUpdateException) when (conversion.Id == 0)
        {
            // The same order arrived another way in the meantime; the unique index kept it to one row.
            db.ChangeTracker.Clear();
            return new(await conversions.GetAsync(actor, await FindIdAsync(db, campaign.Id, orderId) ?? throw new DomainException("The transaction could not be saved; try again.")), true);
        }
        return new(await conversions.GetAsync(actor, conversion.Id), false);
    }

    private async Task<ConversionView> ReviewOneAsync(Actor actor, long id, ReviewAction action)
    {
        await ApplyAsync(actor, [id], action);
        return await conversions.GetAsync(actor, id);
    }

    private async Task ApplyAsync(Actor actor, IReadOnlyList<long> ids, ReviewAction action)
    {
        var merchantId = actor.Merchant;
        await using var db = await dbFactory.CreateDbContextAsync();
        // On SQLite this takes the write lock before reading: a payout being generated cannot take a line between the
        // check "is it in a payout?" and the decision that relies on it.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var found = await db.Conversions.Where(c => c.MerchantId == merchantId && ids.Contains(c.Id)).ToListAsync();
        var missing = ids.Except(found.Select(c => c.Id)).ToList();
        if (missing.Count > 0)
            throw new NotFoundException(ids.Count == 1 ? "The conversion" : missing.Count == 1 ? $"Conversion {missing[0]}" : $"Each of conversions {string.Join(", ", missing)}");

        var now = clock.GetUtcNow().UtcDateTime;
        var before = found.ToDictionary(c => c.Id, c => c.Status);
        var refused = new List<string>();
        foreach (var conversion in found)
        {
            try
            {
                Move(conversion, action, now);
            }
            catch (DomainException e)
            {
                refused.Add(ids.Count == 1 ? e.Message : $"#{conversion.Id}: {e.Message}");
            }
        }
        if (refused.Count > 0)
            throw new DomainException(ids.Count == 1 ? refused[0] : $"Nothing was changed. {string.Join(" ", refused)}");

        var lines = await db.CommissionLines
            .Where(l => l.MerchantId == merchantId && l.Kind == CommissionLineKind.Conversion && l.ConversionId != null && ids.Contains(l.ConversionId.Value))
            .ToListAsync();
        var lineIds = lines.Select(l => l.Id).ToList();
        var inPayout = (await db.PayoutItems.Where(i => lineIds.Contains(i.CommissionLineId) && i.ReleasedAt == null)
            .Select(i => i.CommissionLineId).ToListAsync()).ToHashSet();
        foreach (var line in lines) FollowDecision(db, line, action, inPayout.Contains(line.Id), now);
        foreach (var conversion in found) Audit(db, actor, $"conversion.{action.PastTense()}", conversion, before[conversion.Id], now);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static void Move(Conversion conversion, ReviewAction action, DateTime now)
    {
        switch (action)
        {
            case ReviewAction.Approve: conversion.Approve(now); break;
            case ReviewAction.Decline: conversion.Decline(now); break;
            default: conversion.Reverse(now); break;
        }
    }

    /// <summary>
    /// A line's status follows its conversion. A refund of a line already in a payout (whatever its state) adds a negative
    /// approved line instead, which the next payout deducts; an unpaid one is simply declined.
    /// </summary>
    private static void FollowDecision(AppDbContext db, CommissionLine line, ReviewAction action, bool inPayout, DateTime now)
    {
        if (action == ReviewAction.Reverse && inPayout)
        {
            db.CommissionLines.Add(new CommissionLine
            {
                MerchantId = line.MerchantId, CampaignId = line.CampaignId, AffiliateId = line.AffiliateId, ConversionId = line.ConversionId,
                Kind = CommissionLineKind.Reversal, Status = CommissionLineStatus.Approved, Amount = -line.Amount, Currency = line.Currency, CreatedAt = now,
            });
            return;
        }
        line.Status = action == ReviewAction.Approve ? CommissionLineStatus.Approved : CommissionLineStatus.Declined;
    }

    private static Task<long?> FindIdAsync(AppDbContext db, int campaignId, string orderId) =>
        db.Conversions.Where(c => c.CampaignId == campaignId && c.OrderId == orderId).Select(c => (long?)c.Id).FirstOrDefaultAsync();

    /// <summary>The entry says the move ("Pending → Approved", or "→ Pending" for a new one) and what it was worth.</summary>
    private static void Audit(AppDbContext db, Actor actor, string action, Conversion conversion, ConversionStatus? before, DateTime now) =>
        db.Audit(actor.UserId, conversion.MerchantId, action, $"conversion {conversion.Id}",
            $"{before} → {conversion.Status}: order {conversion.OrderId}, {MoneyFormat.Display(conversion.Amount, conversion.Currency)}, "
            + $"commission {MoneyFormat.Display(conversion.Commission, conversion.Currency)}", now);
}
