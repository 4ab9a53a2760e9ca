using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Payouts;

/// <summary>The merchant's payout settings: the minimum a balance must reach, and the account SEPA files pay from.</summary>
public sealed class PayoutSettingsService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<PayoutSettings> GetAsync(Actor actor, CancellationToken cancellation = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellation);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == actor.Merchant, cancellation) ?? throw new NotFoundException("Your merchant account");
        return new(merchant.MinimumPayout, merchant.PayoutIban, merchant.PayoutAccountName);
    }

    /// <summary>The IBAN and its holder go together: both, or neither (no SEPA files then).</summary>
    public async Task<PayoutSettings> UpdateAsync(Actor actor, PayoutSettings input)
    {
        var minimum = PayoutPolicy.ValidMinimum(input.MinimumPayout);
        var holder = PlainText.Optional(input.PayoutAccountName, "payoutAccountName", "The account holder's name", PayoutMethod.MaxHolderLength);
        var iban = string.IsNullOrWhiteSpace(input.PayoutIban) ? null
            : Iban.Normalize(input.PayoutIban) ?? throw new DomainFieldException("payoutIban", "This IBAN is not valid: check its letters and digits (the check digits do not match).");
        if ((iban is null) != (holder is null))
            throw new DomainFieldException(iban is null ? "payoutIban" : "payoutAccountName", "Give both the IBAN and the account holder's name, or neither.");

        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Merchants.FirstOrDefaultAsync(m => m.Id == actor.Merchant) ?? throw new NotFoundException("Your merchant account");
        var before = new PayoutSettings(merchant.MinimumPayout, merchant.PayoutIban, merchant.PayoutAccountName);
        (merchant.MinimumPayout, merchant.PayoutIban, merchant.PayoutAccountName) = (minimum, iban, holder);
        var after = new PayoutSettings(minimum, iban, holder);
        if (after != before)
            db.Audit(actor.UserId, merchant.Id, "payout.settings", merchant.Company,
                $"minimum {before.MinimumPayout} → {minimum}; paying account {before.PayoutIban ?? "none"} → {iban ?? "none"}", clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return after;
    }
}
