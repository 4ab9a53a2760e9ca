using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Coupons;
using AffiliateBlazor.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Affiliates;

public class PersonalPayoutsDialogTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();
    private Actor _merchant = default!;
    private Actor _affiliate = default!;

    public async Task InitializeAsync()
    {
        _merchant = await _ui.Data.MerchantAsync();
        _affiliate = await _ui.Data.ApprovedAffiliateAsync(_merchant, "Ada Partner");
        await _ui.Services.GetRequiredService<CampaignService>().CreateAsync(_merchant, new CampaignInput
        {
            Name = "Spring sale", PercentBasisPoints = 1000, LandingUrl = "https://shop.example/spring",
        });
        _ui.SignInAs(_merchant);
    }

    [Fact]
    public async Task From_the_affiliates_page_the_merchant_sets_a_personal_payout_with_a_new_coupon_and_deletes_it()
    {
        var page = _ui.RenderInProviders<AffiliatesPage>();
        page.WaitForElement("[data-action=personal-payout]").Click();
        page.WaitForAssertion(() => Assert.Contains("Personal payouts of Ada Partner", page.Markup));
        Assert.NotNull(page.Find("[data-empty]"));

        page.Find("input[data-field=couponCode]").Change("ADA20");
        page.Find("input[data-field=rate]").Change("20");
        page.Find("[data-action=add-personal-payout]").Click();

        page.WaitForAssertion(() => Assert.Contains("Personal payout saved: 20% of the sale with coupon ADA20.", page.Markup));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-personal-payout]")));
        var coupons = await _ui.Services.GetRequiredService<CouponService>().ListAsync(_merchant, new CouponFilter(), new());
        Assert.Equal(("ADA20", _affiliate.Affiliate), (Assert.Single(coupons.Items).Code, coupons.Items[0].AffiliateId));

        page.Find("[data-personal-payout] button").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-personal-payout]")));
        var membership = (await _ui.Services.GetRequiredService<AffiliateService>().ListAsync(_merchant, null, null, new())).Items.Single();
        Assert.Empty(await _ui.Services.GetRequiredService<PersonalPayoutService>().ListAsync(_merchant, membership.Id));
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
