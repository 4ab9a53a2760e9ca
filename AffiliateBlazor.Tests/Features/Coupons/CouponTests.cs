using System.Net;
using System.Text.Json.Nodes;
using AffiliateBlazor.Features.Coupons;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Coupons;

/// <summary>Coupons through /api/v1/coupons: creation rules, deactivation, and one merchant never touching another's.</summary>
public sealed class CouponTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_coupon_is_created_listed_and_deactivated()
    {
        var program = await app.ProgramAsync(CampaignBuilder.FixedCoupon(500));

        var coupon = await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "SPRING-10");

        Assert.Equal(("SPRING-10", program.Campaign.Id, program.Affiliate.AffiliateId, true), (coupon.Code, coupon.CampaignId, coupon.AffiliateId, coupon.Active));
        var listed = await program.Merchant.Api.GetJsonAsync<Page<CouponView>>("/api/v1/coupons");
        Assert.Equal(coupon.Id, Assert.Single(listed.Items).Id);

        var deactivated = await program.Merchant.Api.PostAsync($"/api/v1/coupons/{coupon.Id}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.ReadJsonAsync<CouponView>()).Active);
        Assert.Empty((await program.Merchant.Api.GetJsonAsync<Page<CouponView>>("/api/v1/coupons?active=true")).Items);
        Assert.False((await program.Merchant.Api.GetJsonAsync<CouponView>($"/api/v1/coupons/{coupon.Id}")).Active);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ÉTÉ")]
    [InlineData("semi;colon")]
    public async Task A_code_outside_letters_digits_dash_and_underscore_is_refused(string code)
    {
        var program = await app.ProgramAsync(CampaignBuilder.FixedCoupon(500));

        var response = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons", Body(program, code));

        Assert.Contains("code", (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task A_code_is_unique_in_its_campaign_whatever_its_case_even_once_deactivated()
    {
        var program = await app.ProgramAsync(CampaignBuilder.FixedCoupon(500));
        var first = await program.Merchant.CreateCouponAsync(program.Campaign.Id, program.Affiliate.AffiliateId, "Summer");
        var other = await app.JoinAndApproveAsync(program.Merchant);

        var sameCase = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons", Body(program, "Summer", other.AffiliateId));
        var otherCase = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons", Body(program, "SUMMER", other.AffiliateId));
        await program.Merchant.Api.PostAsync($"/api/v1/coupons/{first.Id}/deactivate", null);
        var afterDeactivation = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons", Body(program, "summer", other.AffiliateId));

        foreach (var refused in new[] { sameCase, otherCase, afterDeactivation })
            Assert.Contains("code", (await refused.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var another = await program.Merchant.CreateCampaignAsync(CampaignBuilder.FixedCoupon(300));
        Assert.Equal("SUMMER", (await program.Merchant.CreateCouponAsync(another.Id, other.AffiliateId, "SUMMER")).Code);
    }

    [Fact]
    public async Task Only_an_approved_member_of_the_program_gets_a_coupon()
    {
        var program = await app.ProgramAsync(CampaignBuilder.FixedCoupon(500));
        var stranger = await app.TrackedSaleAsync();
        var rejected = await app.JoinAndApproveAsync(program.Merchant);
        await program.Merchant.Api.PostAsync($"/api/v1/affiliates/{rejected.MembershipId}/reject", null);

        var forStranger = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons", Body(program, "STRANGER", stranger.Affiliate.AffiliateId));
        var missing = await program.Merchant.Api.PostJsonAsync("/api/v1/coupons", new JsonObject { ["campaignId"] = program.Campaign.Id, ["code"] = "NOBODY" });

        await forStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("affiliateId", (await missing.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Empty((await program.Merchant.Api.GetJsonAsync<Page<CouponView>>("/api/v1/coupons")).Items);
    }

    [Fact]
    public async Task Another_merchant_gets_404_for_the_coupons_and_campaigns_of_the_first_and_lists_none()
    {
        var a = await app.ProgramAsync(CampaignBuilder.FixedCoupon(500));
        var coupon = await a.Merchant.CreateCouponAsync(a.Campaign.Id, a.Affiliate.AffiliateId, "MINE");
        var b = await app.ProgramAsync(CampaignBuilder.FixedCoupon(500));

        await (await b.Merchant.Api.GetAsync($"/api/v1/coupons/{coupon.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await b.Merchant.Api.PostAsync($"/api/v1/coupons/{coupon.Id}/deactivate", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await b.Merchant.Api.PostJsonAsync("/api/v1/coupons", Body(a, "HIJACK", b.Affiliate.AffiliateId))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Affiliate.Api.GetAsync("/api/v1/coupons")).StatusCode);
        var use = await b.Merchant.Api.PostJsonAsync("/api/v1/coupons/uses", ConversionBuilder.CouponUse("MINE").Build());
        Assert.Contains("code", (await use.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());

        Assert.Empty((await b.Merchant.Api.GetJsonAsync<Page<CouponView>>("/api/v1/coupons")).Items);
        Assert.True((await a.Merchant.Api.GetJsonAsync<CouponView>($"/api/v1/coupons/{coupon.Id}")).Active);
        Assert.Equal(0, await app.ConversionCountAsync(a.Merchant.Id));
    }

    private static JsonObject Body(AffiliateProgram program, string code, int? affiliateId = null) => new()
    {
        ["campaignId"] = program.Campaign.Id, ["affiliateId"] = affiliateId ?? program.Affiliate.AffiliateId, ["code"] = code,
    };
}
