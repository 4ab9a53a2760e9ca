using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class AffiliateConfiguration : IEntityTypeConfiguration<Affiliate>
{
    public void Configure(EntityTypeBuilder<Affiliate> affiliate)
    {
        affiliate.Property(a => a.Name).HasMaxLength(200);
        affiliate.Property(a => a.Email).HasMaxLength(256);
        affiliate.Property(a => a.Website).HasMaxLength(2048);
        affiliate.Property(a => a.IpHash).HasMaxLength(64);
        affiliate.HasIndex(a => a.UserId).IsUnique();
        affiliate.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId);
    }
}
