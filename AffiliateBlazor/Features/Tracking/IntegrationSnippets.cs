using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Campaigns;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// The copy-paste integration code for one campaign, filled in with this install's address, the campaign and the
/// merchant's name. Placeholders a shop replaces are in capitals.
/// </summary>
public sealed record IntegrationSnippets(
    string ImagePixel, string ScriptTags, string CheckoutCall, string ApiKeyPost, string ApiKeyPostback,
    string SignedPost, string SignedPostback, string SigningCode)
{
    public static IntegrationSnippets For(string baseUrl, CampaignView campaign, string merchantSlug)
    {
        var tracker = baseUrl.TrimEnd('/');
        var key = campaign.PublicKey;
        var currency = campaign.Currency;
        var firstClick = campaign.Attribution == AttributionModel.FirstClick ? " data-attribution=\"first\"" : "";
        var body = $$"""{"campaignId":{{campaign.Id}},"clickId":"CLICK_ID","orderId":"ORDER_ID","amount":4999,"currency":"{{currency}}","customerIp":"BUYER_IP"}""";
        var query = $"campaign={campaign.Id}&click_id=CLICK_ID&order_id=ORDER_ID&amount=4999&currency={currency}&status=approved";
        const string hmac = """openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //'""";

        return new(
            ImagePixel: $"""<img src="{tracker}/px/{key}?order_id=ORDER_ID&amount=AMOUNT_IN_CENTS&currency={currency}&click_id=CLICK_ID" width="1" height="1" alt="" style="display:none">""",
            ScriptTags: $$$"""
                <script>window.affiliateBlazor=window.affiliateBlazor||{q:[],conversion:function(d){this.q.push(d)}};</script>
                <script src="{{{tracker}}}/js/aff.js" data-campaign="{{{key}}}" data-param="{{{campaign.ClickIdParameter}}}" data-days="{{{campaign.CookieWindowDays}}}"{{{firstClick}}} async></script>
                """,
            CheckoutCall: $$"""
                <script>
                  affiliateBlazor.conversion({ orderId: "ORDER_ID", amount: AMOUNT_IN_CENTS, currency: "{{currency}}", coupon: "COUPON_OR_EMPTY", type: "sale" });
                </script>
                """,
            ApiKeyPost: $"""
                curl -X POST {tracker}/api/v1/conversions \
                  -H "X-Api-Key: YOUR_API_KEY" -H "Content-Type: application/json" \
                  -d '{body}'
                """,
            ApiKeyPostback: $"""curl -H "X-Api-Key: YOUR_API_KEY" "{tracker}/postback?{query}" """.TrimEnd(),
            SignedPost: $"""
                SECRET='YOUR_SIGNING_SECRET'
                BODY='{body}'
                T=$(date +%s)
                SIG=$(printf '%s.%s' "$T" "$BODY" | {hmac})
                curl -X POST {tracker}/api/v1/conversions -H "Content-Type: application/json" \
                  -H "X-Merchant: {merchantSlug}" -H "X-Signature: t=$T,v1=$SIG" -d "$BODY"
                """,
            SignedPostback: $"""
                SECRET='YOUR_SIGNING_SECRET'
                QUERY='merchant={merchantSlug}&{query}'
                T=$(date +%s)
                SIG=$(printf '%s.%s' "$T" "$QUERY" | {hmac})
                curl "{tracker}/postback?$QUERY&sig=t=$T,v1=$SIG"
                """,
            SigningCode: $$"""
                // Node.js: body is the exact JSON text you send (for GET: the query string without sig)
                const t = Math.floor(Date.now() / 1000);
                const v1 = require("crypto").createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
                headers["X-Signature"] = `t=${t},v1=${v1}`; headers["X-Merchant"] = "{{merchantSlug}}";

                # Python
                t = int(time.time())
                v1 = hmac.new(secret.encode(), f"{t}.{body}".encode(), hashlib.sha256).hexdigest()
                headers = {"X-Signature": f"t={t},v1={v1}", "X-Merchant": "{{merchantSlug}}"}

                // C#
                var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
                request.Headers.Add("X-Signature", $"t={t},v1={v1}"); request.Headers.Add("X-Merchant", "{{merchantSlug}}");
                """);
    }
}
