using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class CouponConfiguration : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> coupon)
    {
        coupon.Property(c => c.Code).HasMaxLength(64).UseCollation("NOCASE");
        coupon.HasIndex(c => new { c.CampaignId, c.Code }).IsUnique();
        coupon.HasOne<Campaign>().WithMany().HasForeignKey(c => c.CampaignId);
        coupon.HasOne<Affiliate>().WithMany().HasForeignKey(c => c.AffiliateId);
    }
}
