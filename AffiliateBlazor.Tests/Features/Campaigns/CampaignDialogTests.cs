using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AffiliateBlazor.Tests.Features.Campaigns;

public class CampaignDialogTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();

    private async Task<(IRenderedComponent<MudProviders> Page, IDialogReference Dialog)> OpenAsync(Actor merchant, CampaignView? existing = null)
    {
        _ui.SignInAs(merchant);
        var page = _ui.RenderProviders();
        IDialogReference? dialog = null;
        await page.InvokeAsync(async () => dialog = await _ui.Services.GetRequiredService<IDialogService>()
            .ShowAsync<CampaignDialog>(null, new DialogParameters<CampaignDialog> { { d => d.Existing, existing } }));
        return (page, dialog!);
    }

    private async Task<int> CampaignCountAsync()
    {
        await using var db = await _ui.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Campaigns.CountAsync();
    }

    [Fact]
    public async Task Saving_an_empty_form_shows_what_is_missing_and_creates_nothing()
    {
        var (page, _) = await OpenAsync(await _ui.Data.MerchantAsync());

        page.Find("[data-action=save]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Enter a name of 2 to 200 characters.", page.Markup);
            Assert.Contains("The rate is more than 0 % and at most 100 %.", page.Markup);
            Assert.Contains("Enter the landing page as a full http(s) address.", page.Markup);
        });
        Assert.Equal(0, await CampaignCountAsync());
    }

    [Fact]
    public async Task A_valid_cps_campaign_is_saved_with_its_rate_in_basis_points_and_the_dialog_closes()
    {
        var (page, dialog) = await OpenAsync(await _ui.Data.MerchantAsync());

        page.Find("input[data-field=name]").Change("Winter sale");
        page.Find("input[data-field=rate]").Change("12.5");
        page.Find("input[data-field=landingUrl]").Change("https://shop.example/winter");
        page.Find("[data-action=save]").Click();

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var saved = Assert.IsType<CampaignView>(result!.Data);
        Assert.Equal(("Winter sale", CommissionType.Cps, 1250), (saved.Name, saved.Type, saved.PercentBasisPoints));
        Assert.Equal(1, await CampaignCountAsync());
    }

    [Fact]
    public async Task A_cpm_campaign_asks_for_an_amount_per_thousand_impressions_not_a_rate()
    {
        var merchant = await _ui.Data.MerchantAsync();
        var cpm = await _ui.Services.GetRequiredService<CampaignService>().CreateAsync(merchant, new CampaignInput
        {
            Name = "Banners", Type = CommissionType.Cpm, FixedAmount = 250, LandingUrl = "https://shop.example/",
        });

        var (page, _) = await OpenAsync(merchant, cpm);

        Assert.Contains("Amount per 1,000 impressions", page.Markup);
        Assert.Equal("2.50", page.Find("input[data-field=amount]").GetAttribute("value"));
        Assert.Empty(page.FindAll("input[data-field=rate]"));
    }

    [Fact]
    public async Task Over_the_free_plan_the_merchant_reads_why_and_nothing_is_added()
    {
        var merchant = await _ui.Data.MerchantAsync(plan: "Free");
        await _ui.Services.GetRequiredService<CampaignService>().CreateAsync(merchant, new CampaignInput
        {
            Name = "The one", PercentBasisPoints = 500, LandingUrl = "https://shop.example/",
        });
        var (page, _) = await OpenAsync(merchant);

        page.Find("input[data-field=name]").Change("A second one");
        page.Find("input[data-field=rate]").Change("5");
        page.Find("input[data-field=landingUrl]").Change("https://shop.example/2");
        page.Find("[data-action=save]").Click();

        page.WaitForAssertion(() => Assert.Contains("The Free plan allows 1 campaign(s).", page.Markup));
        Assert.Equal(1, await CampaignCountAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
