using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class PersonalPayoutConfiguration : IEntityTypeConfiguration<PersonalPayout>
{
    public void Configure(EntityTypeBuilder<PersonalPayout> payout)
    {
        payout.Property(p => p.CouponCode).HasMaxLength(64);
        payout.HasIndex(p => new { p.CampaignId, p.AffiliateId, p.CouponCode }).IsUnique();
        payout.Ignore(p => p.Rate);
        payout.HasOne<Campaign>().WithMany().HasForeignKey(p => p.CampaignId);
        payout.HasOne<Affiliate>().WithMany().HasForeignKey(p => p.AffiliateId);
    }
}
