using System.Text.Json.Nodes;

namespace AffiliateBlazor.Tests.Support;

/// <summary>A valid CampaignInput body (CPS 10 % into https://shop.example/landing?x=1) that tests bend one field at a time.</summary>
public sealed class CampaignBuilder
{
    public const string DefaultLanding = "https://shop.example/landing?x=1";

    private readonly JsonObject _body = new()
    {
        ["name"] = AppFactory.Unique("Spring sale "),
        ["type"] = "Cps",
        ["currency"] = "USD",
        ["percentBasisPoints"] = 1000,
        ["landingUrl"] = DefaultLanding,
        ["cookieWindowDays"] = 30,
        ["holdDays"] = 30,
        ["joinPolicy"] = "ApprovalRequired",
        ["status"] = "Active",
    };

    public static CampaignBuilder Cps(int basisPoints = 1000) => new CampaignBuilder().Set("percentBasisPoints", basisPoints);

    /// <summary>An offline-coupon campaign paying a fixed amount (minor units) per use.</summary>
    public static CampaignBuilder FixedCoupon(long perUse) =>
        new CampaignBuilder().Set("type", "Coupon").Set("couponBasis", "Fixed").Set("fixedAmount", perUse).Set("percentBasisPoints", 0);

    /// <summary>An offline-coupon campaign paying a share of the sale, in basis points, per use.</summary>
    public static CampaignBuilder PercentCoupon(int basisPoints) =>
        new CampaignBuilder().Set("type", "Coupon").Set("couponBasis", "Percent").Set("percentBasisPoints", basisPoints);

    public CampaignBuilder Landing(string url) => Set("landingUrl", url);

    public CampaignBuilder Currency(string code) => Set("currency", code);

    public CampaignBuilder Status(string status) => Set("status", status);

    public CampaignBuilder Set(string field, JsonNode? value)
    {
        _body[field] = value;
        return this;
    }

    public JsonObject Build() => (JsonObject)_body.DeepClone();
}

/// <summary>A server-to-server conversion body: a fresh order id, 123.45 USD, unless told otherwise.</summary>
public sealed class ConversionBuilder
{
    private readonly JsonObject _body = new() { ["orderId"] = AppFactory.Unique("order-"), ["amount"] = 12345, ["currency"] = "USD" };

    public static ConversionBuilder ForClick(string clickId) => new ConversionBuilder().Set("clickId", clickId);

    public static ConversionBuilder ForCampaign(int campaignId) => new ConversionBuilder().Set("campaignId", campaignId);

    /// <summary>The body of POST /api/v1/coupons/uses: the same order, amount and currency, and the coupon's code.</summary>
    public static ConversionBuilder CouponUse(string code) => new ConversionBuilder().Set("code", code);

    /// <summary>The body of POST /api/v1/conversions/manual: a purchase the merchant adds for an affiliate.</summary>
    public static ConversionBuilder Manual(int campaignId, int affiliateId) =>
        new ConversionBuilder().Set("campaignId", campaignId).Set("affiliateId", affiliateId);

    public ConversionBuilder Order(string orderId) => Set("orderId", orderId);

    public ConversionBuilder Amount(long minor) => Set("amount", minor);

    public ConversionBuilder Set(string field, JsonNode? value)
    {
        _body[field] = value;
        return this;
    }

    public JsonObject Build() => (JsonObject)_body.DeepClone();
}

/// <summary>A personal payout body: a percentage (basis points) or a fixed amount (minor units), optionally bound to a coupon.</summary>
public static class PersonalPayoutBuilder
{
    public static JsonObject Percent(int campaignId, int basisPoints, string? couponCode = null) =>
        new() { ["campaignId"] = campaignId, ["basis"] = "Percent", ["percentBasisPoints"] = basisPoints, ["couponCode"] = couponCode };

    public static JsonObject Fixed(int campaignId, long amount, string? couponCode = null) =>
        new() { ["campaignId"] = campaignId, ["basis"] = "Fixed", ["fixedAmount"] = amount, ["couponCode"] = couponCode };
}

/// <summary>A CSV of coupon uses, header included; rows are written as given, so tests can break one cell at a time.</summary>
public sealed class CouponCsvBuilder
{
    private readonly List<string> _lines = ["code,order_id,amount,currency,date"];

    public CouponCsvBuilder Row(string code, string orderId, string amount, string currency = "USD", string date = "")
    {
        _lines.Add($"{code},{orderId},{amount},{currency},{date}");
        return this;
    }

    public CouponCsvBuilder Line(string raw)
    {
        _lines.Add(raw);
        return this;
    }

    public string Build() => string.Join("\r\n", _lines) + "\r\n";
}
