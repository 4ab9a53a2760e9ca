namespace AffiliateBlazor.Domain;

/// <summary>A key for the API. Only its SHA-256 hash is kept; the key itself is shown once.</summary>
public class ApiKey
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public int? MerchantId { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the key, so its owner can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}

/// <summary>The merchant's own mail server: all mail to its affiliates goes out from its address.</summary>
public class SmtpSettings
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public required string Host { get; set; }
    public int Port { get; set; } = 587;
    public bool UseStartTls { get; set; } = true;
    public string? Username { get; set; }
    /// <summary>Encrypted with Data Protection; never stored or shown in clear.</summary>
    public string? ProtectedPassword { get; set; }
    public required string FromAddress { get; set; }
    public string? FromName { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Who did what, when: approvals, payouts, keys, settings.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public int? MerchantId { get; set; }
    public string? UserId { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Details { get; set; }
    public DateTime At { get; set; }
}
