using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Conversions;

/// <summary>The click a conversion was attributed to, as far as it is kept (raw clicks expire; their sub-ids with them).</summary>
public sealed record ClickDetails(DateTime At, string? Sub1, string? Sub2, string? Sub3, string? Sub4, string? Sub5, string? Referrer, bool IsUnique, bool IsBillable);

/// <summary>A ledger line of the conversion; PayoutId names the live payout holding it, if any.</summary>
public sealed record LedgerLineView(long Id, CommissionLineKind Kind, CommissionLineStatus Status, long Amount, string Currency, int? PayoutId, DateTime CreatedAt);

public sealed record AuditLine(DateTime At, string Action, string? Details, string? By);

public sealed record ConversionDetails(ConversionView Conversion, ClickDetails? Click, IReadOnlyList<LedgerLineView> Lines, IReadOnlyList<AuditLine> Audit);

/// <summary>Everything the merchant needs to judge one conversion: its click, how it was priced, its ledger lines and its history.</summary>
public sealed class ConversionDetailsService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<ConversionDetails> GetAsync(Actor actor, long id, CancellationToken cancellation = default)
    {
        var merchantId = actor.Merchant;
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var scoped = ConversionService.Scope(db, actor).Where(c => c.Id == id);
        var view = await ConversionService.Project(db, scoped).FirstOrDefaultAsync(cancellation) ?? throw new NotFoundException("The conversion");
        var click = await (from c in scoped
                           join k in db.Clicks on c.ClickId equals k.Id
                           select new ClickDetails(k.At, k.Sub1, k.Sub2, k.Sub3, k.Sub4, k.Sub5, k.Referrer, k.IsUnique, k.IsBillable)).FirstOrDefaultAsync(cancellation);
        var lines = await db.CommissionLines.AsNoTracking().Where(l => l.ConversionId == id && l.MerchantId == merchantId).OrderBy(l => l.Id)
            .Select(l => new LedgerLineView(l.Id, l.Kind, l.Status, l.Amount, l.Currency,
                db.PayoutItems.Where(i => i.CommissionLineId == l.Id && i.ReleasedAt == null).Select(i => (int?)i.PayoutId).FirstOrDefault(), l.CreatedAt))
            .ToListAsync(cancellation);
        var subject = $"conversion {id}";
        var audit = await (from e in db.AuditEntries.AsNoTracking()
                           where e.MerchantId == merchantId && e.Subject == subject
                           from u in db.Users.Where(u => u.Id == e.UserId).DefaultIfEmpty()
                           orderby e.Id
                           select new AuditLine(e.At, e.Action, e.Details, u == null ? null : u.Email)).ToListAsync(cancellation);
        return new(view, click, lines, audit);
    }
}
