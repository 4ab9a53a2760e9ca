using System.Net;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Affiliates;
using AffiliateBlazor.Features.Coupons;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Affiliates;

/// <summary>/api/v1/affiliates/{membershipId}/personal-payouts: custom rates that outrank the campaign's, optionally bound to a coupon.</summary>
public sealed class PersonalPayoutTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Personal_payouts_are_created_listed_and_deleted()
    {
        var program = await app.ProgramAsync(CampaignBuilder.Cps(1000));
        var url = PayoutsUrl(program.Affiliate);

        var plain = await CreateAsync(program, PersonalPayoutBuilder.Fixed(program.Campaign.Id, 300));
        var bound = await CreateAsync(program, PersonalPayoutBuilder.Percent(program.Campaign.Id, 2000, "VIP20"));

        Assert.Equal((PayoutBasis.Fixed, 300L, (string?)null, "3.00 USD per conversion"), (plain.Basis, plain.FixedAmount, plain.CouponCode, plain.Terms));
        Assert.Equal((PayoutBasis.Percent, 2000, "VIP20"), (bound.Basis, bound.PercentBasisPoints, bound.CouponCode));
        Assert.Equal([plain.Id, bound.Id], (await program.Merchant.Api.GetJsonAsync<List<PersonalPayoutView>>(url)).Select(p => p.Id).Order());

        Assert.Equal(HttpStatusCode.NoContent, (await program.Merchant.Api.DeleteAsync($"{url}/{plain.Id}")).StatusCode);
        Assert.Equal(bound.Id, Assert.Single(await program.Merchant.Api.GetJsonAsync<List<PersonalPayoutView>>(url)).Id);
        await (await program.Merchant.Api.DeleteAsync($"{url}/{plain.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_coupon_code_is_given_to_the_affiliate_and_another_affiliates_code_is_refused()
    {
        var program = await app.ProgramAsync(CampaignBuilder.PercentCoupon(500));
        var rival = await app.JoinAndApproveAsync(program.Merchant);
        await program.Merchant.CreateCouponAsync(program.Campaign.Id, rival.AffiliateId, "RIVAL");

        await CreateAsync(program, PersonalPayoutBuilder.Percent(program.Campaign.Id, 1500, "mine15"));
        var taken = await program.Merchant.Api.PostJsonAsync(PayoutsUrl(program.Affiliate), PersonalPayoutBuilder.Percent(program.Campaign.Id, 1500, "rival"));

        var coupons = await program.Merchant.Api.GetJsonAsync<Page<CouponView>>($"/api/v1/coupons?affiliateId={program.Affiliate.AffiliateId}");
        Assert.Equal(("mine15", true), (Assert.Single(coupons.Items).Code, coupons.Items[0].Active));
        Assert.Contains("belongs to another affiliate", (await taken.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_or_repeated_rates_are_refused_and_nothing_is_saved()
    {
        var program = await app.ProgramAsync(CampaignBuilder.Cps(1000));
        var traffic = await program.Merchant.CreateCampaignAsync(new CampaignBuilder().Set("type", "Ppc").Set("fixedAmount", 5));
        await CreateAsync(program, PersonalPayoutBuilder.Percent(program.Campaign.Id, 1500));
        var url = PayoutsUrl(program.Affiliate);

        var zero = await program.Merchant.Api.PostJsonAsync(url, PersonalPayoutBuilder.Percent(program.Campaign.Id, 0));
        var overFull = await program.Merchant.Api.PostJsonAsync(url, PersonalPayoutBuilder.Percent(program.Campaign.Id, 10_001));
        var noAmount = await program.Merchant.Api.PostJsonAsync(url, PersonalPayoutBuilder.Fixed(program.Campaign.Id, 0));
        var badCode = await program.Merchant.Api.PostJsonAsync(url, PersonalPayoutBuilder.Fixed(program.Campaign.Id, 100, "no spaces"));
        var second = await program.Merchant.Api.PostJsonAsync(url, PersonalPayoutBuilder.Fixed(program.Campaign.Id, 100));
        var perClick = await program.Merchant.Api.PostJsonAsync(url, PersonalPayoutBuilder.Fixed(traffic.Id, 100));

        Assert.Contains("percentBasisPoints", (await zero.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("percentBasisPoints", (await overFull.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("fixedAmount", (await noAmount.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("couponCode", (await badCode.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("already has a personal payout", (await second.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());
        Assert.Contains("campaignId", (await perClick.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Single(await program.Merchant.Api.GetJsonAsync<List<PersonalPayoutView>>(url));
    }

    [Fact]
    public async Task The_personal_payout_for_the_coupon_used_beats_the_plain_one_which_beats_the_campaign()
    {
        var program = await app.ProgramAsync(CampaignBuilder.PercentCoupon(500));
        var colleague = await app.JoinAndApproveAsync(program.Merchant);
        await program.Merchant.CreateCouponAsync(program.Campaign.Id, colleague.AffiliateId, "TEAM");
        await CreateAsync(program, PersonalPayoutBuilder.Fixed(program.Campaign.Id, 300));
        await CreateAsync(program, PersonalPayoutBuilder.Percent(program.Campaign.Id, 2000, "VIP"));
        await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "PLAIN");

        var withVip = await program.Merchant.Api.RecordCouponUseAsync(ConversionBuilder.CouponUse("vip").Amount(10_000));
        var withPlainCode = await program.Merchant.Api.RecordCouponUseAsync(ConversionBuilder.CouponUse("PLAIN").Amount(10_000));
        var colleagues = await program.Merchant.Api.RecordCouponUseAsync(ConversionBuilder.CouponUse("TEAM").Amount(10_000));

        Assert.Equal((program.Affiliate.AffiliateId, 2000L), (withVip.Conversion.AffiliateId, withVip.Conversion.Commission));
        Assert.Equal("personal payout for coupon VIP: 20% of 100.00 USD", withVip.Conversion.CommissionBasis);
        Assert.Equal((program.Affiliate.AffiliateId, 300L), (withPlainCode.Conversion.AffiliateId, withPlainCode.Conversion.Commission));
        Assert.Equal((colleague.AffiliateId, 500L), (colleagues.Conversion.AffiliateId, colleagues.Conversion.Commission));
    }

    [Fact]
    public async Task Another_merchant_cannot_see_add_or_delete_personal_payouts_of_the_first()
    {
        var a = await app.ProgramAsync(CampaignBuilder.Cps(1000));
        var payout = await CreateAsync(a, PersonalPayoutBuilder.Fixed(a.Campaign.Id, 300));
        var b = await app.ProgramAsync(CampaignBuilder.Cps(1000));
        var url = PayoutsUrl(a.Affiliate);

        await (await b.Merchant.Api.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await b.Merchant.Api.PostJsonAsync(url, PersonalPayoutBuilder.Fixed(b.Campaign.Id, 900))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await b.Merchant.Api.PostJsonAsync(PayoutsUrl(b.Affiliate), PersonalPayoutBuilder.Fixed(a.Campaign.Id, 900))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await b.Merchant.Api.DeleteAsync($"{url}/{payout.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await b.Merchant.Api.DeleteAsync($"{PayoutsUrl(b.Affiliate)}/{payout.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Single(await a.Merchant.Api.GetJsonAsync<List<PersonalPayoutView>>(url));
        Assert.Empty(await b.Merchant.Api.GetJsonAsync<List<PersonalPayoutView>>(PayoutsUrl(b.Affiliate)));
    }

    private static string PayoutsUrl(TestAffiliate affiliate) => $"/api/v1/affiliates/{affiliate.MembershipId}/personal-payouts";

    private static async Task<PersonalPayoutView> CreateAsync(AffiliateProgram program, System.Text.Json.Nodes.JsonObject body)
    {
        var response = await program.Merchant.Api.PostJsonAsync(PayoutsUrl(program.Affiliate), body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync<PersonalPayoutView>();
    }
}
