using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AffiliateBlazor.Features.Creatives;

public sealed record CreativeView(int Id, int CampaignId, string Name, string ContentType, int Width, int Height, int SizeBytes, DateTime CreatedAt);

/// <summary>
/// One uploaded file as the caller received it. <see cref="DeclaredType"/> is the client's claim and is only compared
/// with what the bytes are. <see cref="OpenContent"/> is called only once the declared length is within the limit.
/// </summary>
public sealed record BannerUpload(string? Name, string? DeclaredType, long Length, Func<Stream> OpenContent);

/// <summary>
/// Banners (creatives) of a merchant's campaigns. Merchants manage their own; affiliates approved in the merchant's
/// program may list them for embed code. Anything outside the caller's reach answers 404.
/// </summary>
public sealed class CreativeService(IDbContextFactory<AppDbContext> dbFactory, BannerCache banners, IOptions<CreativeOptions> options, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    public int MaxBytes => options.Value.MaxBytes;

    public async Task<IReadOnlyList<CreativeView>> ListAsync(Actor actor, int campaignId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await VisibleCampaigns(db, actor).AnyAsync(c => c.Id == campaignId)) throw new NotFoundException("The campaign");
        return await Project(db.Creatives.Where(c => c.CampaignId == campaignId)).ToListAsync();
    }

    /// <summary>Every banner the affiliate may embed: those of all campaigns of the programs it is approved in.</summary>
    public async Task<IReadOnlyList<CreativeView>> ListForAffiliateAsync(Actor actor)
    {
        var affiliate = actor.Affiliate;
        await using var db = await dbFactory.CreateDbContextAsync();
        var campaigns = CampaignsOfPrograms(db, affiliate).Select(c => c.Id);
        return await Project(db.Creatives.Where(c => campaigns.Contains(c.CampaignId))).ToListAsync();
    }

    public async Task<CreativeView> GetAsync(Actor actor, int campaignId, int creativeId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await Project(Visible(db, actor).Where(c => c.Id == creativeId && c.CampaignId == campaignId)).FirstOrDefaultAsync()
            ?? throw new NotFoundException("The banner");
    }

    /// <summary>The image for a signed-in preview; unlike /b/{code}/{id}, looking at it counts no impression.</summary>
    public async Task<Banner> GetContentAsync(Actor actor, int creativeId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await Visible(db, actor).AnyAsync(c => c.Id == creativeId)) throw new NotFoundException("The banner");
        return await banners.GetAsync(creativeId) ?? throw new NotFoundException("The banner");
    }

    public async Task<CreativeView> UploadAsync(Actor actor, int campaignId, BannerUpload upload)
    {
        var name = upload.Name?.Trim() ?? "";
        new Validation()
            .Check(name.Length is >= 1 and <= MaxNameLength && !name.Any(char.IsControl), "name", $"Enter a name of 1 to {MaxNameLength} characters.")
            .Check(upload.Length > 0, "file", "The file is empty.")
            .Check(upload.Length <= MaxBytes, "file", TooLargeMessage)
            .ThrowIfInvalid();

        var merchantId = actor.Merchant;
        await using var db = await dbFactory.CreateDbContextAsync();
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId && c.MerchantId == merchantId)
            ?? throw new NotFoundException("The campaign");
        var content = await ReadAsync(upload);
        if (!BannerImage.TryRead(content, out var contentType, out var width, out var height))
            throw ValidationException.For("file", "The file is not a PNG, JPEG, GIF or WebP image.");
        var declared = MediaType(upload.DeclaredType);
        if (Contradicts(declared, contentType))
            throw ValidationException.For("file", $"The file is {BannerImage.Describe(contentType)} image but was sent as {declared}. Send it as {contentType}.");

        var now = clock.GetUtcNow().UtcDateTime;
        var creative = new Creative
        {
            MerchantId = campaign.MerchantId, CampaignId = campaign.Id, Name = name, ContentType = contentType, Width = width, Height = height,
            Content = content, CreatedAt = now,
        };
        db.Creatives.Add(creative);
        db.AuditEntries.Add(new AuditEntry { MerchantId = campaign.MerchantId, UserId = actor.UserId, Action = "creative.uploaded", Subject = name, At = now });
        await db.SaveChangesAsync();
        return new(creative.Id, creative.CampaignId, name, contentType, width, height, content.Length, now);
    }

    public async Task DeleteAsync(Actor actor, int campaignId, int creativeId)
    {
        var merchantId = actor.Merchant;
        await using var db = await dbFactory.CreateDbContextAsync();
        var creative = db.Creatives.Where(c => c.Id == creativeId && c.CampaignId == campaignId && c.MerchantId == merchantId);
        var name = await creative.Select(c => c.Name).FirstOrDefaultAsync() ?? throw new NotFoundException("The banner");
        await using var transaction = await db.Database.BeginTransactionAsync();
        await creative.ExecuteDeleteAsync();
        db.AuditEntries.Add(new AuditEntry { MerchantId = merchantId, UserId = actor.UserId, Action = "creative.deleted", Subject = name, At = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        banners.Evict(creativeId);
    }

    private string TooLargeMessage => $"The file is larger than {MaxBytes / 1024.0:0.#} KiB.";

    /// <summary>Reads at most one byte past the limit, so a client that understated the length cannot fill the memory.</summary>
    private async Task<byte[]> ReadAsync(BannerUpload upload)
    {
        await using var stream = upload.OpenContent();
        using var copy = new MemoryStream((int)upload.Length);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            if (copy.Length + read > MaxBytes) throw ValidationException.For("file", TooLargeMessage);
            copy.Write(buffer, 0, read);
        }
        if (copy.Length == 0) throw ValidationException.For("file", "The file is empty.");
        return copy.ToArray();
    }

    /// <summary>
    /// A missing or generic type claims nothing (curl and some browsers send application/octet-stream), so only a
    /// specific type that disagrees with the bytes is refused: it means the file is not what the sender thinks it is.
    /// </summary>
    private static bool Contradicts(string declared, string actual) => declared switch
    {
        "" or "application/octet-stream" => false,
        "image/jpg" or "image/pjpeg" => actual != BannerImage.Jpeg,
        _ => declared != actual,
    };

    /// <summary>The type without parameters, in lower case, and short enough to quote back in a message.</summary>
    private static string MediaType(string? declared)
    {
        var type = (declared ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return type.Length <= 100 ? type : type[..100];
    }

    /// <summary>A merchant's own campaigns, or an affiliate's approved programs' campaigns.</summary>
    private static IQueryable<Campaign> VisibleCampaigns(AppDbContext db, Actor actor) =>
        actor.MerchantId is { } merchant ? db.Campaigns.AsNoTracking().Where(c => c.MerchantId == merchant)
        : actor.AffiliateId is { } affiliate ? CampaignsOfPrograms(db, affiliate)
        : throw new NotFoundException("The campaign");

    private static IQueryable<Campaign> CampaignsOfPrograms(AppDbContext db, int affiliateId) =>
        db.Campaigns.AsNoTracking().Where(c =>
            db.Memberships.Any(m => m.MerchantId == c.MerchantId && m.AffiliateId == affiliateId && m.Status == MembershipStatus.Approved));

    private static IQueryable<Creative> Visible(AppDbContext db, Actor actor)
    {
        var campaigns = VisibleCampaigns(db, actor).Select(c => c.Id);
        return db.Creatives.AsNoTracking().Where(c => campaigns.Contains(c.CampaignId));
    }

    private static IQueryable<CreativeView> Project(IQueryable<Creative> creatives) =>
        creatives.OrderByDescending(c => c.Id)
            .Select(c => new CreativeView(c.Id, c.CampaignId, c.Name, c.ContentType, c.Width, c.Height, c.Content.Length, c.CreatedAt));
}
