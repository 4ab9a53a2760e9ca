using System.Globalization;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Shared;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>What an affiliate network says about the order; recorded as a note, it does not decide the status.</summary>
public enum NetworkStatus { Pending, Approved, Declined }

/// <summary>A network-style postback: the conversion, plus the status the network gave it.</summary>
public sealed record PostbackReport(ConversionRequest Conversion, NetworkStatus? NetworkStatus);

/// <summary>
/// The snake_case query parameters of the public conversion addresses (merchants paste them into shops, so their names
/// stay as they are), read into a conversion request.
/// Numbers are digits only: "12.5", "-1", "1e3" and "NaN" are refused, not rounded or guessed.
/// </summary>
public static class ConversionQuery
{
    /// <summary>/px/{campaignKey}: the campaign comes from the address, the buyer's IP from the request.</summary>
    public static ConversionRequest ForPixel(IReadOnlyDictionary<string, string> query, int campaignId, string? visitorIp) =>
        Read(query, campaignId) with { CustomerIp = visitorIp };

    /// <summary>/postback: the campaign id is a parameter; the shop's server passes the buyer's IP and e-mail when it has them.</summary>
    public static PostbackReport ForPostback(IReadOnlyDictionary<string, string> query)
    {
        int? campaignId = Text(query, "campaign") is { } campaign
            ? int.TryParse(campaign, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id
                : throw ValidationException.For("campaign", "The campaign is the campaign's number, as the tracking page shows it.")
            : null;
        NetworkStatus? status = Text(query, "status")?.ToLowerInvariant() switch
        {
            null => null,
            "pending" => NetworkStatus.Pending,
            "approved" => NetworkStatus.Approved,
            "declined" => NetworkStatus.Declined,
            _ => throw ValidationException.For("status", "The status is approved, declined or pending."),
        };
        var conversion = Read(query, campaignId) with { CustomerIp = Text(query, "customer_ip"), CustomerEmail = Text(query, "customer_email") };
        return new(conversion, status);
    }

    private static ConversionRequest Read(IReadOnlyDictionary<string, string> query, int? campaignId)
    {
        long? amount = Text(query, "amount") is { } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor
                : throw ValidationException.For("amount", "The amount is a whole number of minor units (cents) from 0 up, such as 4999 for 49.99.")
            : null;
        return new ConversionRequest(
            OrderId: Text(query, "order_id"), Amount: amount, Currency: Text(query, "currency")?.ToUpperInvariant(), CampaignId: campaignId,
            Type: Text(query, "type"), ClickId: Text(query, "click_id"), Coupon: Text(query, "coupon"));
    }

    /// <summary>An absent or empty parameter is no value: templates often leave placeholders such as coupon= blank.</summary>
    private static string? Text(IReadOnlyDictionary<string, string> query, string name) =>
        query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
