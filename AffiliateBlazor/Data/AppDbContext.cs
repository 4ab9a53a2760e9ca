using AffiliateBlazor.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>Data Protection keys live with the data, so cookies and encrypted secrets survive restarts and new containers.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Merchant> Merchants => Set<Merchant>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Affiliate> Affiliates => Set<Affiliate>();
    public DbSet<ProgramMembership> Memberships => Set<ProgramMembership>();
    public DbSet<PersonalPayout> PersonalPayouts => Set<PersonalPayout>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    public DbSet<TrackingLink> Links => Set<TrackingLink>();
    public DbSet<Creative> Creatives => Set<Creative>();
    public DbSet<Click> Clicks => Set<Click>();
    public DbSet<TrafficRollup> TrafficRollups => Set<TrafficRollup>();
    public DbSet<Conversion> Conversions => Set<Conversion>();
    public DbSet<CommissionLine> CommissionLines => Set<CommissionLine>();
    public DbSet<Payout> Payouts => Set<Payout>();
    public DbSet<PayoutItem> PayoutItems => Set<PayoutItem>();
    public DbSet<PayoutMethod> PayoutMethods => Set<PayoutMethod>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<SmtpSettings> SmtpSettings => Set<SmtpSettings>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Enums are stored by name: the database stays readable and reordering an enum cannot corrupt rows. A [Flags]
        // enum stores its set names joined ("Bot, SelfReferral"), so its property sets a wider column of its own;
        // EnumColumnTests checks every enum column against the longest text it can hold.
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configuration.Properties<string>().HaveMaxLength(512);
    }
}
