using System.Net;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Conversions;

/// <summary>A conversion as the merchant's shop reports it. Amounts are integer minor units (1999 = 19.99).</summary>
public sealed record ConversionRequest(
    string? OrderId, long? Amount, string? Currency = null, int? CampaignId = null, string? Type = null,
    string? ClickId = null, string? Coupon = null, string? CustomerEmail = null, string? CustomerIp = null)
{
    public const long MaxAmount = 1_000_000_000_000;

    public ConversionType ParsedType => Type?.Trim().ToLowerInvariant() switch
    {
        "lead" => ConversionType.Lead,
        "custom" or "action" => ConversionType.Custom,
        _ => ConversionType.Sale,
    };

    /// <summary>The buyer's address as the shop saw it; only its keyed hash is stored, for the self-referral rule.</summary>
    public IPAddress? CustomerIpAddress() =>
        CustomerIp is { Length: > 0 and <= 45 } && IPAddress.TryParse(CustomerIp, out var ip) ? ip : null;

    public void Validate() => new Validation()
        .Check(!string.IsNullOrWhiteSpace(OrderId), "orderId", "The order id is required: it makes repeated reports of one order count once.")
        .Check(OrderId is null || (OrderId.Length <= 128 && !OrderId.Any(char.IsControl)), "orderId", "The order id has at most 128 printable characters.")
        .Check(Amount is not null || ParsedType != ConversionType.Sale, "amount", "A sale needs its amount, in minor units (cents).")
        .Check(Amount is null or (>= 0 and <= MaxAmount), "amount", "The amount is a whole number of minor units (cents) from 0 up.")
        .Check(Currency is null || Currencies.IsKnown(Currency), "currency", "The currency is not a known ISO 4217 code.")
        .Check(Type is null || Type.Trim().ToLowerInvariant() is "sale" or "lead" or "custom" or "action", "type", "The type is sale, lead or custom.")
        .Check(ClickId is null || ClickId.Length <= 32, "clickId", "The click id is at most 32 characters.")
        .Check(Coupon is null || Coupon.Length <= 64, "coupon", "The coupon code is at most 64 characters.")
        .Check(CustomerEmail is null || CustomerEmail.Length <= 256, "customerEmail", "The e-mail is at most 256 characters.")
        .Check(CustomerIp is null || CustomerIpAddress() is not null, "customerIp", "The customer's IP is an IPv4 or IPv6 address.")
        .ThrowIfInvalid();
}

public sealed record ConversionView(long Id, int CampaignId, string CampaignName, int? AffiliateId, string? AffiliateName,
    string OrderId, ConversionType Type, ConversionSource Source, long Amount, string Currency, long Commission,
    ConversionStatus Status, FraudFlags Flags, string? FlagReason, string? CommissionBasis, string? AttributionReason,
    string? ClickId, DateTime CreatedAt);

public sealed record RecordedConversion(ConversionView Conversion, bool Duplicate);

/// <summary>A conversion reported after the fact (an offline coupon use): the request, and when it happened (now when null).</summary>
public sealed record ReportedConversion(ConversionRequest Request, DateTime? OccurredAt);

/// <summary>List filters; From and To bound when the conversion was recorded (UTC, To exclusive); Flagged: held for review or not.</summary>
public sealed record ConversionFilter(int? CampaignId = null, ConversionStatus? Status = null, DateTime? From = null, DateTime? To = null,
    int? AffiliateId = null, ConversionSource? Source = null, bool? Flagged = null)
{
    public IQueryable<Conversion> Apply(IQueryable<Conversion> conversions)
    {
        if (CampaignId is { } campaignId) conversions = conversions.Where(c => c.CampaignId == campaignId);
        if (Status is { } status) conversions = conversions.Where(c => c.Status == status);
        if (From is { } from) conversions = conversions.Where(c => c.CreatedAt >= from);
        if (To is { } to) conversions = conversions.Where(c => c.CreatedAt < to);
        if (AffiliateId is { } affiliateId) conversions = conversions.Where(c => c.AffiliateId == affiliateId);
        if (Source is { } source) conversions = conversions.Where(c => c.Source == source);
        if (Flagged is { } flagged) conversions = flagged ? conversions.Where(c => c.Flags != FraudFlags.None) : conversions.Where(c => c.Flags == FraudFlags.None);
        return conversions;
    }
}
