using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Creatives;
using AffiliateBlazor.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AffiliateBlazor.Tests.Features.Creatives;

public class CreativesDialogTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();

    private async Task<IRenderedComponent<MudProviders>> OpenAsync(Actor merchant, CampaignView campaign)
    {
        _ui.SignInAs(merchant);
        var page = _ui.RenderProviders();
        await page.InvokeAsync(() => _ui.Services.GetRequiredService<IDialogService>()
            .ShowAsync<CreativesDialog>(null, new DialogParameters<CreativesDialog> { { d => d.Campaign, campaign } }));
        return page;
    }

    private async Task<List<string>> StoredNamesAsync(int campaignId)
    {
        await using var db = await _ui.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Creatives.Where(c => c.CampaignId == campaignId).Select(c => c.Name).ToListAsync();
    }

    [Fact]
    public async Task The_merchant_sees_its_banners_with_previews_and_sizes()
    {
        var merchant = await _ui.Data.MerchantAsync();
        var campaign = await _ui.CampaignAsync(merchant);
        var banner = await _ui.BannerAsync(merchant, campaign.Id, "Skyscraper", TestBanners.WebpExtended);

        var page = await OpenAsync(merchant, campaign);

        page.WaitForAssertion(() => Assert.Equal("Skyscraper", page.Find("[data-creative-name]").TextContent));
        Assert.StartsWith("9 × 6 px", page.Find("[data-creative-size]").TextContent);
        Assert.Equal($"creatives/{banner.Id}/preview", page.Find("[data-table=creatives] img").GetAttribute("src"));
    }

    [Fact]
    public async Task An_uploaded_file_is_stored_under_its_name_and_listed()
    {
        var merchant = await _ui.Data.MerchantAsync();
        var campaign = await _ui.CampaignAsync(merchant);
        var page = await OpenAsync(merchant, campaign);

        page.WaitForAssertion(() => page.FindComponent<InputFile>());
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestBanners.Jpeg.Bytes, "summer-hero.jpg", contentType: "image/jpeg"));
        page.WaitForAssertion(() => Assert.Equal("summer-hero", page.Find("input[data-field=banner-name]").GetAttribute("value")));
        page.Find("[data-action=upload-banner]").Click();

        page.WaitForAssertion(() => Assert.Equal("summer-hero", page.Find("[data-creative-name]").TextContent));
        Assert.Equal(["summer-hero"], await StoredNamesAsync(campaign.Id));
    }

    [Fact]
    public async Task A_file_that_is_no_image_is_refused_with_the_reason()
    {
        var merchant = await _ui.Data.MerchantAsync();
        var campaign = await _ui.CampaignAsync(merchant);
        var page = await OpenAsync(merchant, campaign);

        page.WaitForAssertion(() => page.FindComponent<InputFile>());
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestBanners.Text, "notes.png", contentType: "image/png"));
        page.Find("[data-action=upload-banner]").Click();

        page.WaitForAssertion(() => Assert.Contains("The file is not a PNG, JPEG, GIF or WebP image.", page.Markup));
        Assert.Empty(await StoredNamesAsync(campaign.Id));
    }

    [Fact]
    public async Task Deleting_asks_first_and_then_removes_the_banner()
    {
        var merchant = await _ui.Data.MerchantAsync();
        var campaign = await _ui.CampaignAsync(merchant);
        await _ui.BannerAsync(merchant, campaign.Id, "Old banner");
        var page = await OpenAsync(merchant, campaign);

        page.WaitForElement("button[aria-label='Delete Old banner']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Delete"));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        page.WaitForAssertion(() => Assert.Contains("No banners yet", page.Markup));
        Assert.Empty(await StoredNamesAsync(campaign.Id));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
