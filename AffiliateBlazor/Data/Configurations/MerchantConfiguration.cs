using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> merchant)
    {
        merchant.Property(m => m.Company).HasMaxLength(200);
        merchant.Property(m => m.Slug).HasMaxLength(64);
        merchant.HasIndex(m => m.Slug).IsUnique();
        merchant.HasIndex(m => m.OwnerUserId).IsUnique();
        merchant.Property(m => m.Currency).HasMaxLength(3);
        merchant.Property(m => m.Plan).HasMaxLength(64);
        merchant.Property(m => m.TimeZone).HasMaxLength(64);
        merchant.Property(m => m.ProtectedSigningSecret).HasMaxLength(1024);
        merchant.Property(m => m.ProtectedPreviousSigningSecret).HasMaxLength(1024);
        merchant.Property(m => m.PayoutIban).HasMaxLength(34);
        merchant.Property(m => m.PayoutAccountName).HasMaxLength(PayoutMethod.MaxHolderLength);
    }
}
