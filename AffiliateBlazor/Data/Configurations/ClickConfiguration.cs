using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class ClickConfiguration : IEntityTypeConfiguration<Click>
{
    public void Configure(EntityTypeBuilder<Click> click)
    {
        click.Property(c => c.PublicId).HasMaxLength(32);
        // No secondary index: each would slow the hot path's inserts. Click ids decode to the primary key (ClickIds),
        // and reports read the rollups.
        click.Property(c => c.Id).ValueGeneratedNever();
        click.Property(c => c.IpHash).HasMaxLength(64);
        click.Property(c => c.UserAgent).HasMaxLength(256);
        click.Property(c => c.Referrer).HasMaxLength(512);
        foreach (var sub in new[] { "Sub1", "Sub2", "Sub3", "Sub4", "Sub5" }) click.Property(sub).HasMaxLength(100);
    }
}

public class TrafficRollupConfiguration : IEntityTypeConfiguration<TrafficRollup>
{
    public void Configure(EntityTypeBuilder<TrafficRollup> rollup)
    {
        rollup.HasIndex(r => new { r.LinkId, r.BucketStart }).IsUnique();
        rollup.HasIndex(r => new { r.MerchantId, r.BucketStart });
        rollup.HasIndex(r => new { r.AffiliateId, r.BucketStart });
    }
}
