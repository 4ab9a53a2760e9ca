using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> campaign)
    {
        campaign.Property(c => c.Name).HasMaxLength(200);
        campaign.Property(c => c.Currency).HasMaxLength(3);
        campaign.Property(c => c.PublicKey).HasMaxLength(32);
        campaign.Property(c => c.LandingUrl).HasMaxLength(2048);
        campaign.Property(c => c.ClickIdParameter).HasMaxLength(64);
        campaign.Property(c => c.CustomActionName).HasMaxLength(100);
        campaign.HasIndex(c => c.PublicKey).IsUnique();
        campaign.HasIndex(c => new { c.MerchantId, c.Status });
        campaign.Ignore(c => c.Rule);
        campaign.HasOne<Merchant>().WithMany().HasForeignKey(c => c.MerchantId);
    }
}
