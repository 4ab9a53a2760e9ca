using AffiliateBlazor.Features.Creatives;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Creatives;

/// <summary>The signed-in preview behind the thumbnails: the owner and its approved affiliates see it, nobody else.</summary>
public class CreativeServiceTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();

    [Fact]
    public async Task The_preview_is_for_the_owner_and_its_approved_affiliates_only()
    {
        var owner = await _ui.Data.MerchantAsync();
        var partner = await _ui.Data.ApprovedAffiliateAsync(owner);
        var campaign = await _ui.CampaignAsync(owner);
        var banner = await _ui.BannerAsync(owner, campaign.Id, "Square", TestBanners.WebpLossy);
        var strangerMerchant = await _ui.Data.MerchantAsync();
        var strangerAffiliate = await _ui.Data.ApprovedAffiliateAsync(strangerMerchant);
        var service = _ui.Services.GetRequiredService<CreativeService>();

        foreach (var allowed in new[] { owner, partner })
        {
            var content = await service.GetContentAsync(allowed, banner.Id);
            Assert.Equal("image/webp", content.ContentType);
            Assert.Equal(TestBanners.WebpLossy.Bytes, content.Content);
        }
        foreach (var stranger in new[] { strangerMerchant, strangerAffiliate })
            await Assert.ThrowsAsync<NotFoundException>(() => service.GetContentAsync(stranger, banner.Id));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
