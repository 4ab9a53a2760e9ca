using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Payouts;

/// <summary>The queries the payout services share: filtering, projecting payouts and their lines, unpaid lines.</summary>
internal static class PayoutQueries
{
    public static IQueryable<Payout> Filtered(this IQueryable<Payout> payouts, PayoutFilter filter)
    {
        if (filter.MerchantId is { } merchantId) payouts = payouts.Where(p => p.MerchantId == merchantId);
        if (filter.Status is { } status) payouts = payouts.Where(p => p.Status == status);
        if (filter.AffiliateId is { } affiliateId) payouts = payouts.Where(p => p.AffiliateId == affiliateId);
        if (!string.IsNullOrWhiteSpace(filter.Currency)) payouts = payouts.Where(p => p.Currency == filter.Currency.Trim().ToUpperInvariant());
        if (filter.From is { } from) payouts = payouts.Where(p => p.CreatedAt >= from);
        if (filter.To is { } to) payouts = payouts.Where(p => p.CreatedAt < to);
        if (filter.Ids is { Count: > 0 } ids) payouts = payouts.Where(p => ids.Contains(p.Id));
        return payouts;
    }

    public static IQueryable<PayoutView> Project(AppDbContext db, IQueryable<Payout> payouts) =>
        from p in payouts
        join m in db.Merchants on p.MerchantId equals m.Id
        join a in db.Affiliates on p.AffiliateId equals a.Id
        from method in db.PayoutMethods.Where(x => x.MerchantId == p.MerchantId && x.AffiliateId == p.AffiliateId).DefaultIfEmpty()
        select new PayoutView(p.Id, p.MerchantId, m.Company, p.AffiliateId, a.Name, a.Email, p.Amount, p.Currency, p.LineCount, p.Status,
            p.CutOff, p.Reference, p.PaidAt, p.ReturnReason, p.CreatedAt, p.DecidedAt,
            method == null ? null : new PayoutMethodView(method.Kind, method.Email, method.Iban, method.AccountHolder, method.Details, "", method.UpdatedAt));

    /// <summary>Projections cannot call the entity's Summary; it is filled in once the rows are read.</summary>
    public static PayoutView WithSummary(this PayoutView view) =>
        view.Method is null ? view : view with { Method = view.Method.WithSummary() };

    public static PayoutMethodView WithSummary(this PayoutMethodView method) => method with
    {
        Summary = new PayoutMethod { Kind = method.Kind, Email = method.Email, Iban = method.Iban, AccountHolder = method.AccountHolder, Details = method.Details }.Summary,
    };

    public static PayoutMethodView ToView(this PayoutMethod method) =>
        new(method.Kind, method.Email, method.Iban, method.AccountHolder, method.Details, method.Summary, method.UpdatedAt);

    /// <summary>The lines of the given payouts (released or not: a cancelled or returned payout keeps its history).</summary>
    public static IQueryable<PayoutLineView> Lines(AppDbContext db, IQueryable<int> payoutIds) =>
        from i in db.PayoutItems
        where payoutIds.Contains(i.PayoutId)
        join l in db.CommissionLines on i.CommissionLineId equals l.Id
        join c in db.Campaigns on l.CampaignId equals c.Id
        from conversion in db.Conversions.Where(x => x.Id == l.ConversionId).DefaultIfEmpty()
        orderby i.PayoutId, l.Id
        select new PayoutLineView(l.Id, i.PayoutId, l.Kind, l.Amount, l.Currency, l.ConversionId, conversion == null ? null : conversion.OrderId,
            l.CampaignId, c.Name, l.Day, l.CreatedAt);

    /// <summary>Approved lines that no live payout holds: what a payout run may gather.</summary>
    public static IQueryable<CommissionLine> Unpaid(AppDbContext db, int merchantId, DateTime cutOff) =>
        db.CommissionLines.Where(l => l.MerchantId == merchantId && l.Status == CommissionLineStatus.Approved && l.CreatedAt <= cutOff
                                      && !db.PayoutItems.Any(i => i.CommissionLineId == l.Id && i.ReleasedAt == null));
}
