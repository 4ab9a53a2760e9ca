using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class ConversionConfiguration : IEntityTypeConfiguration<Conversion>
{
    public void Configure(EntityTypeBuilder<Conversion> conversion)
    {
        conversion.Property(c => c.OrderId).HasMaxLength(128);
        conversion.Property(c => c.Currency).HasMaxLength(3);
        // Idempotency lives in the database: a repeated order id cannot make a second row, whatever the timing.
        conversion.HasIndex(c => new { c.CampaignId, c.OrderId }).IsUnique();
        conversion.HasIndex(c => new { c.MerchantId, c.CreatedAt });
        conversion.HasIndex(c => new { c.AffiliateId, c.CreatedAt });
        // Click retention keeps the clicks conversions name, and asks for each one it would delete.
        conversion.HasIndex(c => c.ClickId);
        conversion.Property(c => c.CustomerEmailHash).HasMaxLength(64);
        conversion.Property(c => c.IpHash).HasMaxLength(64);
        conversion.Ignore(c => c.IsFlagged);
        // Stored by name like every enum, but flags combine: "Bot, SelfReferral, TooFastAfterClick, Test" needs 42.
        conversion.Property(c => c.Flags).HasMaxLength(64);
        conversion.HasOne<Campaign>().WithMany().HasForeignKey(c => c.CampaignId);
    }
}

public class CommissionLineConfiguration : IEntityTypeConfiguration<CommissionLine>
{
    public void Configure(EntityTypeBuilder<CommissionLine> line)
    {
        line.Property(l => l.Currency).HasMaxLength(3);
        // Payout runs sum a merchant's approved lines per affiliate and currency up to a cut-off.
        line.HasIndex(l => new { l.MerchantId, l.Status, l.AffiliateId, l.Currency, l.CreatedAt });
        line.HasIndex(l => new { l.AffiliateId, l.Status });
        line.HasIndex(l => l.ConversionId);
        // One accrual line per affiliate, campaign, kind and day: closing a day twice pays once.
        line.HasIndex(l => new { l.CampaignId, l.AffiliateId, l.Kind, l.Day }).IsUnique().HasFilter("\"Day\" IS NOT NULL");
    }
}
