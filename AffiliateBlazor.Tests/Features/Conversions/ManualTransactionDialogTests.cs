using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AffiliateBlazor.Tests.Features.Conversions;

public class ManualTransactionDialogTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();
    private Actor _merchant = default!;

    public async Task InitializeAsync()
    {
        _merchant = await _ui.Data.MerchantAsync();
        await _ui.Data.ApprovedAffiliateAsync(_merchant, "Ada Partner");
        await _ui.Data.ApprovedAffiliateAsync(_merchant, "Bob Rival");
        await _ui.Services.GetRequiredService<CampaignService>().CreateAsync(_merchant, new CampaignInput
        {
            Name = "Spring sale", PercentBasisPoints = 1000, LandingUrl = "https://shop.example/spring",
        });
        _ui.SignInAs(_merchant);
    }

    [Fact]
    public async Task The_merchant_picks_the_affiliate_and_the_purchase_is_added_pending_with_its_commission()
    {
        var (page, dialog) = await OpenAsync();

        page.WaitForElement("input[data-field=affiliate]").Input("Ada");
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-list-item"), item => item.TextContent.Contains("Ada Partner")));
        page.FindAll(".mud-list-item").First(item => item.TextContent.Contains("Ada Partner")).Click();
        page.Find("input[data-field=orderId]").Change("phone-7");
        page.Find("input[data-field=amount]").Change("80.00");
        page.Find("[data-action=save]").Click();

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var added = Assert.IsType<RecordedConversion>(result!.Data).Conversion;
        Assert.Equal(("Ada Partner", "phone-7", 8000L, 800L), (added.AffiliateName, added.OrderId, added.Amount, added.Commission));
        Assert.Equal((ConversionSource.Manual, ConversionStatus.Pending), (added.Source, added.Status));
    }

    [Fact]
    public async Task Without_an_affiliate_the_dialog_says_so_and_adds_nothing()
    {
        var (page, _) = await OpenAsync();

        page.WaitForElement("input[data-field=orderId]").Change("phone-8");
        page.Find("[data-action=save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Choose the affiliate who earns the transaction.", page.Markup));
        await using var db = await _ui.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Conversions.CountAsync());
    }

    private async Task<(IRenderedComponent<MudProviders> Page, IDialogReference Dialog)> OpenAsync()
    {
        var page = _ui.RenderProviders();
        IDialogReference? dialog = null;
        await page.InvokeAsync(async () => dialog = await _ui.Services.GetRequiredService<IDialogService>().ShowAsync<ManualTransactionDialog>());
        return (page, dialog!);
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
