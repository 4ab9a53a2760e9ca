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

    public ConversionBuilder Order(string orderId) => Set("orderId", orderId);

    public ConversionBuilder Amount(long minor) => Set("amount", minor);

    public ConversionBuilder Set(string field, JsonNode? value)
    {
        _body[field] = value;
        return this;
    }

    public JsonObject Build() => (JsonObject)_body.DeepClone();
}
