namespace AffiliateBlazor.Domain;

/// <summary>A seller running an affiliate program. Every merchant-owned row carries its MerchantId.</summary>
public class Merchant
{
    public int Id { get; set; }
    public required string Company { get; set; }
    /// <summary>Public, URL-safe name used by the affiliate sign-up page /join/{slug}.</summary>
    public required string Slug { get; set; }
    public required string Website { get; set; }
    /// <summary>The host of <see cref="Website"/>, where the merchant's pixel and cookie live.</summary>
    public required string Domain { get; set; }
    public string Plan { get; set; } = "Free";
    public string Currency { get; set; } = "USD";
    /// <summary>IANA time-zone id; reports cut the merchant's days in this zone.</summary>
    public string TimeZone { get; set; } = "UTC";
    public required string OwnerUserId { get; set; }
    /// <summary>The key server-to-server calls are signed with (HMAC-SHA256), encrypted at rest with Data Protection.</summary>
    public string? ProtectedSigningSecret { get; set; }
    /// <summary>The secret replaced by the last rotation, still accepted until <see cref="PreviousSigningSecretExpiresAt"/>.</summary>
    public string? ProtectedPreviousSigningSecret { get; set; }
    public DateTime? PreviousSigningSecretExpiresAt { get; set; }
    /// <summary>Balances below this (minor units of each payout's currency) wait for the next payout run.</summary>
    public long MinimumPayout { get; set; }
    /// <summary>The account payouts leave from, named in SEPA credit-transfer files: its IBAN and holder.</summary>
    public string? PayoutIban { get; set; }
    public string? PayoutAccountName { get; set; }
    public DateTime CreatedAt { get; set; }
}
