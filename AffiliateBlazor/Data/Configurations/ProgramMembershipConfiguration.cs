using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class ProgramMembershipConfiguration : IEntityTypeConfiguration<ProgramMembership>
{
    public void Configure(EntityTypeBuilder<ProgramMembership> membership)
    {
        membership.HasIndex(m => new { m.MerchantId, m.AffiliateId }).IsUnique();
        membership.HasIndex(m => new { m.MerchantId, m.Status });
        membership.HasOne(m => m.Affiliate).WithMany().HasForeignKey(m => m.AffiliateId);
        membership.HasOne<Merchant>().WithMany().HasForeignKey(m => m.MerchantId);
    }
}
