using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Demo;
using AffiliateBlazor.Features.Payouts;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Demo;

/// <summary>Demo mode shows the money cycle too: payout methods, paid payouts with references, and payouts waiting to be paid.</summary>
public sealed class DemoPayoutsTests : IDisposable
{
    private readonly AppFactory _app = new() { Settings = { ["Demo:Enabled"] = "true" } };

    [Fact]
    public async Task The_demo_merchant_has_paid_and_pending_payouts_and_its_affiliates_see_what_they_were_paid()
    {
        var merchant = await _app.SignedInAsync(DemoSeeder.MerchantEmail, "Demo-pass-1");
        var affiliate = await _app.SignedInAsync(string.Format(DemoSeeder.AffiliateEmailPattern, 1), "Demo-pass-1");

        var payouts = (await merchant.GetJsonAsync<Page<PayoutView>>("/api/v1/payouts?pageSize=200")).Items;
        var balances = await affiliate.GetJsonAsync<List<Balance>>("/api/v1/me/balances");

        Assert.Contains(payouts, p => p.Status == PayoutStatus.Approved && p.Reference!.StartsWith("DEMO-BATCH-"));
        Assert.Contains(payouts, p => p.Status == PayoutStatus.Pending);
        Assert.All(payouts, p => Assert.NotNull(p.Method));
        Assert.True(balances.Sum(b => b.Paid) > 0);
        Assert.All(payouts, p => Assert.True(p.CreatedAt <= DateTime.UtcNow));
    }

    public void Dispose() => _app.Dispose();
}
