using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class TrackingLinkConfiguration : IEntityTypeConfiguration<TrackingLink>
{
    public void Configure(EntityTypeBuilder<TrackingLink> link)
    {
        link.Property(l => l.Code).HasMaxLength(32);
        link.HasIndex(l => l.Code).IsUnique();
        link.HasIndex(l => new { l.MerchantId, l.AffiliateId });
        link.Property(l => l.Name).HasMaxLength(200);
        foreach (var sub in new[] { "Sub1", "Sub2", "Sub3", "Sub4", "Sub5" }) link.Property(sub).HasMaxLength(100);
        link.HasOne(l => l.Campaign).WithMany().HasForeignKey(l => l.CampaignId);
        link.HasOne<Affiliate>().WithMany().HasForeignKey(l => l.AffiliateId);
    }
}
