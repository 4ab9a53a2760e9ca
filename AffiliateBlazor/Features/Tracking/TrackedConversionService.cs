using System.Globalization;
using System.Net;
using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>The answer to a postback: as POST /api/v1/conversions, plus the network's status as it was noted.</summary>
public sealed record PostbackAnswer(long Id, bool Duplicate, NetworkStatus? NetworkStatus, ConversionView Conversion);

/// <summary>A test conversion from the tracking page; the click id and coupon are what the merchant wants to try.</summary>
public sealed record TestConversion(int CampaignId, long Amount, string? ClickId, string? Coupon);

/// <summary>
/// Conversions arriving at the public tracking addresses: browser pixels and network postbacks. Both go through
/// <see cref="ConversionService"/>, so validation, attribution, fraud flags and idempotency are the API's.
/// </summary>
public sealed class TrackedConversionService(IDbContextFactory<AppDbContext> dbFactory, ConversionService conversions, TimeProvider clock)
{
    public const string TestOrderPrefix = "TEST-";

    /// <summary>A conversion reported by the visitor's browser; null when the key names no active campaign.</summary>
    public async Task<RecordedConversion?> RecordPixelAsync(
        string campaignKey, IReadOnlyDictionary<string, string> query, IPAddress? visitorIp, string? cookieClickId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.PublicKey == campaignKey && c.Status == CampaignStatus.Active)
            .Join(db.Merchants, c => c.MerchantId, m => m.Id, (c, m) => new { c.Id, c.MerchantId, m.OwnerUserId })
            .FirstOrDefaultAsync();
        if (campaign is null) return null;

        var request = ConversionQuery.ForPixel(query, campaign.Id, visitorIp?.ToString());
        // The pixel is the merchant's own integration, so it records on the owner's behalf; the tracking cookie is a
        // weaker witness than an explicit click_id and only stands in for a missing one.
        var owner = new Actor(campaign.OwnerUserId, IsAdmin: false, campaign.MerchantId, AffiliateId: null);
        return await conversions.RecordAsync(owner, request, ConversionSource.Pixel, request.ClickId is null ? cookieClickId : null);
    }

    /// <summary>
    /// A server-to-server report. The network's status is noted in the audit log for the reviewer; the conversion
    /// still starts pending, because approving moves money and stays the merchant's decision (review, hold period).
    /// </summary>
    public async Task<PostbackAnswer> RecordPostbackAsync(Actor actor, PostbackReport report, ConversionSource source = ConversionSource.Postback)
    {
        var recorded = await conversions.RecordAsync(actor, report.Conversion, source);
        if (!recorded.Duplicate && report.NetworkStatus is { } status)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.AuditEntries.Add(new AuditEntry
            {
                MerchantId = actor.Merchant, UserId = actor.UserId, Action = "conversion.network-status", Subject = recorded.Conversion.OrderId,
                Details = $"The network reported conversion {recorded.Conversion.Id} as {status.ToString().ToLowerInvariant()}.",
                At = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }
        return new(recorded.Conversion.Id, recorded.Duplicate, report.NetworkStatus, recorded.Conversion);
    }

    /// <summary>
    /// A real conversion with an order id that says it is a test, sent through the postback's own reading of
    /// parameters, so the merchant sees exactly how a postback with this click id or coupon is attributed and priced.
    /// It is flagged as a test, so it waits for the merchant's decision and is never approved by the hold period.
    /// </summary>
    public Task<PostbackAnswer> SendTestConversionAsync(Actor actor, TestConversion test)
    {
        var query = new Dictionary<string, string>
        {
            ["campaign"] = test.CampaignId.ToString(CultureInfo.InvariantCulture),
            ["order_id"] = TestOrderPrefix + Tokens.New(10),
            ["amount"] = test.Amount.ToString(CultureInfo.InvariantCulture),
            ["click_id"] = test.ClickId?.Trim() ?? "",
            ["coupon"] = test.Coupon?.Trim() ?? "",
        };
        return RecordPostbackAsync(actor, ConversionQuery.ForPostback(query), ConversionSource.Test);
    }
}
