using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class CreativeConfiguration : IEntityTypeConfiguration<Creative>
{
    public void Configure(EntityTypeBuilder<Creative> creative)
    {
        creative.Property(c => c.Name).HasMaxLength(200);
        creative.Property(c => c.ContentType).HasMaxLength(32);
        creative.HasIndex(c => c.CampaignId);
        creative.HasOne<Campaign>().WithMany().HasForeignKey(c => c.CampaignId);
    }
}
