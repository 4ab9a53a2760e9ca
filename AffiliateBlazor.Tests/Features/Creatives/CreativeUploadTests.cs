using System.Net;
using AffiliateBlazor.Features.Creatives;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Creatives;

public sealed class CreativeUploadTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int MaxBytes = 512 * 1024;

    [Theory]
    [MemberData(nameof(TestBanners.Names), MemberType = typeof(TestBanners))]
    public async Task An_uploaded_banner_is_listed_with_the_type_and_size_read_from_the_file(string format)
    {
        var banner = TestBanners.ByName[format];
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var response = await merchant.Api.PostBannerAsync(campaign.Id, banner.Bytes, banner.ContentType, "Leaderboard 728");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync<CreativeView>();
        Assert.Equal($"/api/v1/campaigns/{campaign.Id}/creatives/{created.Id}", response.Headers.Location?.OriginalString);
        var listed = Assert.Single(await merchant.Api.GetJsonAsync<List<CreativeView>>($"/api/v1/campaigns/{campaign.Id}/creatives"));
        Assert.Equal((created.Id, campaign.Id, "Leaderboard 728", banner.ContentType, banner.Width, banner.Height, banner.Bytes.Length),
            (listed.Id, listed.CampaignId, listed.Name, listed.ContentType, listed.Width, listed.Height, listed.SizeBytes));
        Assert.Equal(listed, await merchant.Api.GetJsonAsync<CreativeView>($"/api/v1/campaigns/{campaign.Id}/creatives/{created.Id}"));
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task A_file_sent_without_a_specific_type_gets_the_type_of_its_bytes(string? declaredType)
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var response = await merchant.Api.PostBannerAsync(campaign.Id, TestBanners.Gif.Bytes, declaredType, fileName: "banner.bin");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("image/gif", (await response.ReadJsonAsync<CreativeView>()).ContentType);
    }

    public static TheoryData<string> Refusals => ["a text file renamed .png", "a PNG sent as image/gif", "a file over the limit", "an empty file", "no file at all"];

    /// <summary>
    /// A declared type that contradicts the bytes is refused rather than corrected: the sender has the wrong file or
    /// the wrong idea of it, and saying so beats silently serving something else under its name.
    /// </summary>
    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_file_that_is_not_an_acceptable_image_is_refused_clearly_and_nothing_is_stored(string refusal)
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var (bytes, declared, fileName, message) = refusal switch
        {
            "a text file renamed .png" => (TestBanners.Text, "image/png", "banner.png", "The file is not a PNG, JPEG, GIF or WebP image."),
            "a PNG sent as image/gif" => (TestBanners.Png.Bytes, "image/gif", "banner.gif", "The file is a PNG image but was sent as image/gif. Send it as image/png."),
            "a file over the limit" => (TestBanners.Png.PaddedTo(MaxBytes + 1), "image/png", "banner.png", "The file is larger than 512 KiB."),
            "an empty file" => ([], "image/png", "banner.png", "The file is empty."),
            _ => (null, null, "", "Attach the image as the form field 'file'."),
        };

        var response = bytes is null
            ? await merchant.Api.PostAsync($"/api/v1/campaigns/{campaign.Id}/creatives", new MultipartFormDataContent { { new StringContent("Leaderboard"), "name" } })
            : await merchant.Api.PostBannerAsync(campaign.Id, bytes, declared, fileName: fileName);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["file"], problem.ErrorFields());
        Assert.Equal(message, problem["detail"]?.GetValue<string>());
        Assert.Equal(0, await app.StoredBannersAsync(campaign.Id));
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_accepted()
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var response = await merchant.Api.PostBannerAsync(campaign.Id, TestBanners.Png.PaddedTo(MaxBytes), "image/png");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(MaxBytes, (await response.ReadJsonAsync<CreativeView>()).SizeBytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("tab\tinside")]
    public async Task A_banner_needs_a_name_of_1_to_200_printable_characters(string? name)
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());

        var refused = await merchant.Api.PostBannerAsync(campaign.Id, TestBanners.Png.Bytes, "image/png", name);
        var tooLong = await merchant.Api.PostBannerAsync(campaign.Id, TestBanners.Png.Bytes, "image/png", new string('n', 201));

        Assert.Equal(["name"], (await refused.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["name"], (await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(0, await app.StoredBannersAsync(campaign.Id));
        Assert.Equal(HttpStatusCode.Created, (await merchant.Api.PostBannerAsync(campaign.Id, TestBanners.Png.Bytes, "image/png", new string('n', 200))).StatusCode);
    }

    [Fact]
    public async Task Another_merchant_gets_404_for_the_first_merchants_banners_and_changes_nothing()
    {
        var owner = await app.BannerOnLinkAsync();
        var stranger = await app.CreateMerchantAsync();
        var (strangerByKey, _) = await app.ApiKeyClientAsync(stranger.Api);
        var campaignId = owner.Campaign.Id;

        foreach (var api in new[] { stranger.Api, strangerByKey })
        {
            await (await api.PostBannerAsync(campaignId, TestBanners.Png.Bytes, "image/png")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await api.GetAsync($"/api/v1/campaigns/{campaignId}/creatives")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await api.GetAsync($"/api/v1/campaigns/{campaignId}/creatives/{owner.Creative.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await api.DeleteAsync($"/api/v1/campaigns/{campaignId}/creatives/{owner.Creative.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Equal(1, await app.StoredBannersAsync(campaignId));
        Assert.Equal(owner.Creative.Id, Assert.Single(await owner.Merchant.Api.GetJsonAsync<List<CreativeView>>($"/api/v1/campaigns/{campaignId}/creatives")).Id);
    }

    [Fact]
    public async Task A_banner_is_deleted_only_through_its_own_campaign()
    {
        var merchant = await app.CreateMerchantAsync("Pro");
        var first = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var second = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        var banner = await merchant.UploadBannerAsync(first.Id, TestBanners.Png);

        await (await merchant.Api.DeleteAsync($"/api/v1/campaigns/{second.Id}/creatives/{banner.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(1, await app.StoredBannersAsync(first.Id));
    }

    [Fact]
    public async Task An_approved_affiliate_lists_the_banners_of_its_programs_and_no_one_elses()
    {
        var mine = await app.BannerOnLinkAsync();
        var theirs = await app.BannerOnLinkAsync(TestBanners.Jpeg);

        var all = await mine.Affiliate.Api.GetJsonAsync<List<CreativeView>>("/api/v1/me/creatives");
        var ofCampaign = await mine.Affiliate.Api.GetJsonAsync<List<CreativeView>>($"/api/v1/me/creatives?campaignId={mine.Campaign.Id}");

        Assert.Equal(mine.Creative, Assert.Single(all));
        Assert.Equal(mine.Creative, Assert.Single(ofCampaign));
        await (await mine.Affiliate.Api.GetAsync($"/api/v1/me/creatives?campaignId={theirs.Campaign.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.Affiliate.Api.PostBannerAsync(mine.Campaign.Id, TestBanners.Png.Bytes, "image/png")).StatusCode);
        Assert.Equal(1, await app.StoredBannersAsync(mine.Campaign.Id));
    }

    [Fact]
    public async Task A_deleted_banner_leaves_the_list_and_its_public_address()
    {
        var banner = await app.BannerOnLinkAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.ViewBannerAsync(banner.Link.Code, banner.Creative.Id)).StatusCode);

        var deleted = await banner.Merchant.Api.DeleteAsync($"/api/v1/campaigns/{banner.Campaign.Id}/creatives/{banner.Creative.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await banner.Merchant.Api.GetJsonAsync<List<CreativeView>>($"/api/v1/campaigns/{banner.Campaign.Id}/creatives"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ViewBannerAsync(banner.Link.Code, banner.Creative.Id)).StatusCode);
        Assert.Equal(1, await app.ImpressionsAsync(banner.Link.Id));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_banner_upload_as_a_form()
    {
        using var client = app.NewClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/campaigns/{id}/creatives", document);
        Assert.Contains("multipart/form-data", document);
        Assert.Contains("/api/v1/me/creatives", document);
    }
}
