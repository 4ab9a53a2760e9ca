using System.Net;
using System.Text.Json.Nodes;
using AffiliateBlazor.Features.Payouts;

namespace AffiliateBlazor.Tests.Support;

/// <summary>The merchant's payout steps through the API, each asserting that it succeeded.</summary>
public static class PayoutJourneys
{
    public static async Task<PreparedPayouts> PreparePayoutsAsync(this TestMerchant merchant, JsonObject? body = null)
    {
        var response = await merchant.Api.PostJsonAsync("/api/v1/payouts/generate", body ?? new JsonObject());
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync<PreparedPayouts>();
    }

    public static async Task<PayoutView> ApprovePayoutAsync(this TestMerchant merchant, int payoutId, string reference = "TRX-1")
    {
        var response = await merchant.Api.PostJsonAsync($"/api/v1/payouts/{payoutId}/approve", new JsonObject { ["reference"] = reference });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync<PayoutView>();
    }

    /// <summary>Prepares payouts of everything approved so far and marks each paid, as a merchant settling up does.</summary>
    public static async Task<IReadOnlyList<PayoutView>> PayEverythingAsync(this TestMerchant merchant)
    {
        var prepared = await merchant.PreparePayoutsAsync();
        Assert.NotEmpty(prepared.Payouts);
        var paid = new List<PayoutView>();
        foreach (var payout in prepared.Payouts) paid.Add(await merchant.ApprovePayoutAsync(payout.Id));
        return paid;
    }

    /// <summary>Approves a conversion through the API; answers nothing, the test asserts what it needs.</summary>
    public static async Task ApproveConversionAsync(this TestMerchant merchant, long conversionId)
    {
        var response = await merchant.Api.ReviewAsync(conversionId, "approve");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
