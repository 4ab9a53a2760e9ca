using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Coupons;
using AffiliateBlazor.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Coupons;

public class CouponsPageTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();
    private Actor _merchant = default!;
    private CouponView _coupon = default!;

    public async Task InitializeAsync()
    {
        _merchant = await _ui.Data.MerchantAsync(plan: "Business");
        var affiliate = await _ui.Data.ApprovedAffiliateAsync(_merchant, "Ada Partner");
        var campaign = await _ui.Services.GetRequiredService<CampaignService>().CreateAsync(_merchant, new CampaignInput
        {
            Name = "In-store", Type = CommissionType.Coupon, CouponBasis = PayoutBasis.Fixed, FixedAmount = 500, LandingUrl = "https://shop.example/",
        });
        _coupon = await _ui.Services.GetRequiredService<CouponService>().CreateAsync(_merchant, new CouponInput(campaign.Id, affiliate.AffiliateId, "ADA-5"));
        _ui.SignInAs(_merchant);
    }

    [Fact]
    public async Task The_merchant_sees_its_coupons_and_deactivates_one()
    {
        var page = _ui.RenderInProviders<CouponsPage>();
        page.WaitForAssertion(() => Assert.Contains("ADA-5", page.Markup));
        Assert.Contains("Ada Partner", page.Markup);

        page.Find("[data-action=deactivate]").Click();

        page.WaitForAssertion(() => Assert.Contains("Coupon ADA-5 is deactivated.", page.Markup));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-action=deactivate]")));
        await using var db = await DbAsync();
        Assert.False((await db.Coupons.SingleAsync(c => c.Id == _coupon.Id)).Active);
    }

    [Fact]
    public async Task A_use_recorded_by_hand_pays_the_coupons_affiliate()
    {
        var page = _ui.RenderInProviders<CouponsPage>();
        page.WaitForAssertion(() => Assert.Contains("ADA-5", page.Markup));

        page.Find("[data-action=record-use]").Click();
        page.WaitForElement("input[data-field=orderId]").Change("till-9");
        page.Find("input[data-field=amount]").Change("42.50");
        page.Find("[data-action=save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Recorded for Ada Partner: commission 5.00 USD.", page.Markup));
        await using var db = await DbAsync();
        var conversion = await db.Conversions.SingleAsync();
        Assert.Equal(("till-9", 4250L, ConversionSource.Coupon, _coupon.AffiliateId), (conversion.OrderId, conversion.Amount, conversion.Source, conversion.AffiliateId!.Value));
    }

    [Fact]
    public async Task An_uploaded_csv_of_uses_becomes_conversions_of_the_coupons_affiliate()
    {
        var page = _ui.RenderInProviders<CouponsPage>();
        page.WaitForAssertion(() => Assert.Contains("ADA-5", page.Markup));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            new CouponCsvBuilder().Row("ada-5", "till-1", "20.00").Row("ADA-5", "till-2", "7.5").Build(), "uses.csv"));

        page.WaitForAssertion(() => Assert.Contains("2 coupon uses imported, 0 already recorded.", page.Markup));
        await using var db = await DbAsync();
        var conversions = await db.Conversions.Where(c => c.MerchantId == _merchant.Merchant).OrderBy(c => c.OrderId).ToListAsync();
        Assert.Equal([2000L, 750L], conversions.Select(c => c.Amount));
        Assert.All(conversions, c => Assert.Equal((_coupon.AffiliateId, ConversionSource.Coupon, 500L), (c.AffiliateId!.Value, c.Source, c.Commission)));
    }

    [Fact]
    public async Task A_csv_with_a_bad_row_lists_the_row_and_imports_nothing()
    {
        var page = _ui.RenderInProviders<CouponsPage>();
        page.WaitForAssertion(() => Assert.Contains("ADA-5", page.Markup));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            new CouponCsvBuilder().Row("ADA-5", "till-1", "20.00").Row("ADA-5", "till-2", "7.505").Build(), "uses.csv"));

        page.WaitForAssertion(() => Assert.Contains("Nothing was imported", page.Find("[data-import-problems]").TextContent));
        Assert.Contains("Row 3: The amount 7.505 has more decimals than USD has (2).", page.Markup);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.Conversions.CountAsync());
    }

    private Task<AppDbContext> DbAsync() => _ui.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
