using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Data;
using Microsoft.AspNetCore.Identity;

namespace AffiliateBlazor.Features.Account;

/// <summary>Creates the roles and the operator's admin login on first start.</summary>
public sealed class AdminSeeder(
    RoleManager<IdentityRole> roles, UserManager<ApplicationUser> users, IConfiguration configuration,
    TimeProvider clock, ILogger<AdminSeeder> log)
{
    public async Task SeedAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return;

        var email = configuration["Admin:Email"] is { Length: > 0 } configured ? configured : "admin@localhost";
        var password = configuration["Admin:Password"];
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = Tokens.New(16) + "!7a";

        var admin = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(admin, password!);
        if (!created.Succeeded)
            throw new InvalidOperationException("Cannot create the admin: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.Admin);
        if (generated)
            // Printed once, on the console only: it is not stored anywhere in clear.
            Console.WriteLine($"""

                ==== AffiliateBlazor admin created ====
                  e-mail:   {email}
                  password: {password}
                Set Admin:Password in appsettings.json to choose your own. This is shown only once.
                =======================================

                """);
        else
            log.LogInformation("Admin {Email} created from configuration", email);
    }
}
