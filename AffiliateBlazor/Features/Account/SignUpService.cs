using System.Net.Mail;
using System.Text.RegularExpressions;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Account;

public sealed record MerchantSignUp(string Company, string Website, string Email, string Password, string Currency = "USD");

public sealed record AffiliateSignUp(string Name, string Email, string Password, string? Website);

/// <summary>The temporary password is shown once, to the merchant who made the login.</summary>
public sealed record InvitedAffiliate(MemberView Member, string TemporaryPassword);

/// <summary>New logins: merchants sign up on their own; affiliates sign up on a merchant's /join page.</summary>
public sealed partial class SignUpService(
    AppDbContext db, UserManager<ApplicationUser> users, AffiliateService affiliates, TimeProvider clock)
{
    public async Task<(ApplicationUser User, Merchant Merchant)> SignUpMerchantAsync(MerchantSignUp input)
    {
        var website = Websites.Parse(input.Website);
        new Validation()
            .Check(input.Company?.Trim().Length is >= 2 and <= 200, "company", "Enter the company name (2 to 200 characters).")
            .Check(website is not null, "website", "Enter the website as a full address, such as https://shop.example.")
            .Check(Currencies.IsKnown(input.Currency), "currency", "Choose a known ISO currency, such as USD or EUR.")
            .ThrowIfInvalid();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = await CreateUserAsync(input.Email, input.Password, Roles.Merchant);
        var merchant = new Merchant
        {
            Company = input.Company!.Trim(), Website = website!.ToString(), Domain = website.Host,
            Slug = await UniqueSlugAsync(input.Company), Plan = PlanCatalog.Free, Currency = input.Currency,
            OwnerUserId = user.Id, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Merchants.Add(merchant);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (user, merchant);
    }

    public async Task<(ApplicationUser User, MembershipStatus Status)> SignUpAffiliateAsync(string merchantSlug, AffiliateSignUp input, string? ipHash)
    {
        var program = await affiliates.GetProgramAsync(merchantSlug);
        if (program.Policy == JoinPolicy.InviteOnly) throw new DomainException($"{program.Company} takes affiliates by invitation only.");
        var website = string.IsNullOrWhiteSpace(input.Website) ? null : Websites.Parse(input.Website);
        new Validation()
            .Check(input.Name?.Trim().Length is >= 2 and <= 200, "name", "Enter your name (2 to 200 characters).")
            .Check(string.IsNullOrWhiteSpace(input.Website) || website is not null, "website", "Enter the website as a full address, such as https://blog.example.")
            .ThrowIfInvalid();

        ApplicationUser user;
        Affiliate affiliate;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            user = await CreateUserAsync(input.Email, input.Password, Roles.Affiliate);
            affiliate = new Affiliate
            {
                UserId = user.Id, Name = input.Name!.Trim(), Email = user.Email!, Website = website?.ToString(),
                IpHash = ipHash, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Affiliates.Add(affiliate);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        return (user, await affiliates.JoinAsync(affiliate.Id, merchantSlug));
    }

    /// <summary>
    /// A merchant brings a new affiliate in directly: the affiliate's login is made, with a one-time password the
    /// merchant passes on, and its membership is approved at once, within the plan's limit.
    /// </summary>
    public async Task<InvitedAffiliate> InviteAffiliateAsync(Actor merchant, string? name, string? email)
    {
        new Validation().Check(name?.Trim().Length is >= 2 and <= 200, "name", "Enter the affiliate's name (2 to 200 characters).").ThrowIfInvalid();
        // An existing login is never pulled into a program without its owner's consent, and the answer does not say
        // what kind of account it is: the person is sent the program's join page instead.
        if (email is not null && await users.FindByEmailAsync(email.Trim()) is not null)
            throw ValidationException.For("email", "This e-mail already has an account: send its owner your program's join page instead.");
        var temporaryPassword = Tokens.New(14) + "-a1";
        ApplicationUser user;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            user = await CreateUserAsync(email, temporaryPassword, Roles.Affiliate);
            db.Affiliates.Add(new Affiliate { UserId = user.Id, Name = name!.Trim(), Email = user.Email!, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        var affiliateId = await db.Affiliates.Where(a => a.UserId == user.Id).Select(a => a.Id).FirstAsync();
        return new(await affiliates.InviteAsync(merchant, affiliateId), temporaryPassword);
    }

    private async Task<ApplicationUser> CreateUserAsync(string? email, string? password, string role)
    {
        email = email?.Trim();
        new Validation()
            .Check(email is { Length: <= 256 } && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email, "email", "Enter a valid e-mail address.")
            .Check(!string.IsNullOrEmpty(password), "password", "Choose a password.")
            .ThrowIfInvalid();
        if (await users.FindByEmailAsync(email!) is not null)
            throw ValidationException.For("email", "An account with this e-mail already exists. Sign in instead.");

        var user = new ApplicationUser { UserName = email, Email = email, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded) throw ValidationException.For("password", string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    private async Task<string> UniqueSlugAsync(string company)
    {
        var stem = NotSlug().Replace(company.Trim().ToLowerInvariant(), "-").Trim('-');
        if (stem.Length is 0) stem = "merchant";
        stem = stem[..Math.Min(stem.Length, 50)];
        var slug = stem;
        for (var n = 2; await db.Merchants.AnyAsync(m => m.Slug == slug); n++) slug = $"{stem}-{n}";
        return slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
