using System.Net;
using System.Security.Cryptography;
using System.Text;
using AffiliateBlazor.Features.Tracking;

namespace AffiliateBlazor.Tests.Support;

/// <summary>Signs server-to-server calls as the tracking page tells merchants to, independently of the app's own code.</summary>
public static class Signing
{
    public static string Signature(string secret, string payload, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds();
        var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}")));
        return $"t={t},v1={v1}";
    }

    /// <summary>The merchant makes (or rotates) its signing secret through the API and gets it once.</summary>
    public static async Task<string> CreateSigningSecretAsync(this TestMerchant merchant)
    {
        var response = await merchant.Api.PostAsync("/api/v1/settings/signing-secret", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var created = await response.ReadJsonAsync<NewSigningSecret>();
        Assert.Equal(merchant.Slug, created.Merchant);
        return created.Secret;
    }

    /// <summary>A complete postback query for the clicked campaign; the extra parameters come last and may override nothing.</summary>
    public static string PostbackQuery(ClickedCampaign clicked, string extra) =>
        $"merchant={clicked.Merchant.Slug}&campaign={clicked.Campaign.Id}&click_id={clicked.ClickId}&amount=4999&currency=USD&{extra}";

    /// <summary>GET /postback?query signed over the query exactly as sent, in X-Signature or as a trailing sig parameter.</summary>
    public static HttpRequestMessage SignedPostback(string secret, string query, DateTimeOffset? at = null, bool signatureInQuery = false)
    {
        var signature = Signature(secret, query, at ?? DateTimeOffset.UtcNow);
        var request = new HttpRequestMessage(HttpMethod.Get, "/postback?" + query + (signatureInQuery ? "&sig=" + signature : ""));
        if (!signatureInQuery) request.Headers.Add("X-Signature", signature);
        return request;
    }

    /// <summary>POST /api/v1/conversions signed over the JSON body, for the merchant named by its slug.</summary>
    public static HttpRequestMessage SignedPost(string secret, string merchantSlug, string json, DateTimeOffset? at = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/conversions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Merchant", merchantSlug);
        request.Headers.Add("X-Signature", Signature(secret, json, at ?? DateTimeOffset.UtcNow));
        return request;
    }
}
