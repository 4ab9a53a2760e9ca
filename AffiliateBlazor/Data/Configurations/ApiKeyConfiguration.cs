using AffiliateBlazor.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AffiliateBlazor.Data.Configurations;

public class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.Hash).HasMaxLength(64);
        key.HasIndex(k => k.Hash).IsUnique();
        key.HasIndex(k => k.UserId);
        key.Ignore(k => k.IsActive);
        key.HasOne<ApplicationUser>().WithMany().HasForeignKey(k => k.UserId);
    }
}

public class SmtpSettingsConfiguration : IEntityTypeConfiguration<SmtpSettings>
{
    public void Configure(EntityTypeBuilder<SmtpSettings> smtp)
    {
        smtp.HasIndex(s => s.MerchantId).IsUnique();
        smtp.Property(s => s.Host).HasMaxLength(253);
        smtp.Property(s => s.Username).HasMaxLength(256);
        smtp.Property(s => s.ProtectedPassword).HasMaxLength(2048);
        smtp.Property(s => s.FromAddress).HasMaxLength(256);
        smtp.Property(s => s.FromName).HasMaxLength(200);
        smtp.HasOne<Merchant>().WithMany().HasForeignKey(s => s.MerchantId);
    }
}

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Subject).HasMaxLength(200);
        entry.Property(e => e.Details).HasMaxLength(2000);
        entry.HasIndex(e => new { e.MerchantId, e.At });
    }
}
