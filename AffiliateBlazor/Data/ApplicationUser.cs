using Microsoft.AspNetCore.Identity;

namespace AffiliateBlazor.Data;

/// <summary>A login. What it may see follows from its role and the merchant or affiliate row that names it.</summary>
public class ApplicationUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
}
