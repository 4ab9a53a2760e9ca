using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> payout)
    {
        payout.Property(p => p.Currency).HasMaxLength(3);
        payout.Property(p => p.Reference).HasMaxLength(Payout.MaxReferenceLength);
        payout.Property(p => p.ReturnReason).HasMaxLength(Payout.MaxReasonLength);
        // Every change is conditional on the status it was read in: of two approvals at once, the second finds none.
        payout.Property(p => p.Status).IsConcurrencyToken();
        payout.HasIndex(p => new { p.MerchantId, p.Status, p.CreatedAt });
        payout.HasIndex(p => new { p.AffiliateId, p.MerchantId });
    }
}

public class PayoutItemConfiguration : IEntityTypeConfiguration<PayoutItem>
{
    public void Configure(EntityTypeBuilder<PayoutItem> item)
    {
        // The database itself keeps a line in at most one live payout, whatever two payout runs do at once.
        item.HasIndex(i => i.CommissionLineId).IsUnique().HasFilter("\"ReleasedAt\" IS NULL");
        item.HasIndex(i => i.PayoutId);
        item.HasOne<Payout>().WithMany().HasForeignKey(i => i.PayoutId).OnDelete(DeleteBehavior.Restrict);
        item.HasOne<CommissionLine>().WithMany().HasForeignKey(i => i.CommissionLineId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class PayoutMethodConfiguration : IEntityTypeConfiguration<PayoutMethod>
{
    public void Configure(EntityTypeBuilder<PayoutMethod> method)
    {
        method.HasIndex(m => new { m.MerchantId, m.AffiliateId }).IsUnique();
        method.Property(m => m.Email).HasMaxLength(254);
        method.Property(m => m.Iban).HasMaxLength(34);
        method.Property(m => m.AccountHolder).HasMaxLength(PayoutMethod.MaxHolderLength);
        method.Property(m => m.Details).HasMaxLength(PayoutMethod.MaxDetailsLength);
        method.HasOne<Merchant>().WithMany().HasForeignKey(m => m.MerchantId);
        method.HasOne<Affiliate>().WithMany().HasForeignKey(m => m.AffiliateId);
    }
}
