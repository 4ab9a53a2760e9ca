using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Creatives;
using AffiliateBlazor.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Creatives;

/// <summary>Banner set-up for tests that render components over the services of <see cref="MudComponentContext"/>.</summary>
public static class UiBanners
{
    public static Task<CampaignView> CampaignAsync(this MudComponentContext ui, Actor merchant, string name = "Spring sale") =>
        ui.Services.GetRequiredService<CampaignService>().CreateAsync(merchant, new CampaignInput
        {
            Name = name, PercentBasisPoints = 1000, LandingUrl = "https://shop.example/spring",
        });

    public static Task<CreativeView> BannerAsync(this MudComponentContext ui, Actor merchant, int campaignId, string name, TestBanner? banner = null)
    {
        var file = banner ?? TestBanners.Png;
        return ui.Services.GetRequiredService<CreativeService>().UploadAsync(merchant, campaignId,
            new BannerUpload(name, file.ContentType, file.Bytes.Length, () => new MemoryStream(file.Bytes)));
    }
}
