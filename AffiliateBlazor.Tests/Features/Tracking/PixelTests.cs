using System.Net;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>Browser conversions through /px/{campaignKey} and the /js/aff.js snippet that loads it.</summary>
public sealed class PixelTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int GifLength = 42;

    [Fact]
    public async Task A_pixel_with_the_click_id_records_a_pending_browser_conversion_and_answers_an_uncached_gif()
    {
        var clicked = await app.ClickedCampaignAsync();
        using var browser = app.NewClient();

        var response = await browser.GetAsync($"/px/{clicked.Campaign.PublicKey}?order_id=P-1001&amount=4999&currency=USD&click_id={clicked.ClickId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var gif = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(GifLength, gif.Length);
        Assert.Equal("GIF89a"u8.ToArray(), gif[..6]);
        var sale = Assert.Single((await clicked.Merchant.ConversionsAsync()).Items);
        Assert.Equal(ConversionSource.Pixel, sale.Source);
        Assert.Equal(ConversionStatus.Pending, sale.Status);
        Assert.Equal(clicked.Affiliate.AffiliateId, sale.AffiliateId);
        Assert.Equal(clicked.ClickId, sale.ClickId);
        Assert.Equal("click_id", sale.AttributionReason);
        Assert.Equal(500, sale.Commission);
    }

    [Fact]
    public async Task Without_a_click_id_the_tracking_cookie_of_the_click_names_it()
    {
        var clicked = await app.ClickedCampaignAsync();
        using var browser = app.NewClient();
        using var click = new HttpRequestMessage(HttpMethod.Get, $"/t/{clicked.Link.Code}");
        click.Headers.UserAgent.ParseAdd(AppFactory.BrowserAgent);
        var redirect = await browser.SendAsync(click);
        var clickId = System.Web.HttpUtility.ParseQueryString(redirect.Headers.Location!.Query)["click_id"];

        var response = await browser.GetAsync($"/px/{clicked.Campaign.PublicKey}?order_id=P-2002&amount=1000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sale = Assert.Single((await clicked.Merchant.ConversionsAsync()).Items);
        Assert.Equal("tracking cookie", sale.AttributionReason);
        Assert.Equal(clickId, sale.ClickId);
        Assert.Equal(100, sale.Commission);
    }

    [Fact]
    public async Task An_unknown_or_paused_campaign_key_answers_404_and_writes_nothing()
    {
        var merchant = await app.CreateMerchantAsync();
        var paused = await merchant.CreateCampaignAsync(CampaignBuilder.Cps().Status("Paused"));
        using var browser = app.NewClient();

        foreach (var key in new[] { paused.PublicKey, "NoSuchKey123", new string('k', 200) })
        {
            var response = await browser.GetAsync($"/px/{key}?order_id=P-3&amount=100");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore);
            Assert.Contains("No active campaign", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, (await merchant.ConversionsAsync()).Total);
    }

    [Theory]
    [InlineData("order_id=&amount=100", "order id is required")]
    [InlineData("amount=100", "order id is required")]
    [InlineData("order_id=X&amount=-1", "whole number")]
    [InlineData("order_id=X&amount=NaN", "whole number")]
    [InlineData("order_id=X&amount=12.5", "whole number")]
    [InlineData("order_id=X&amount=1e3", "whole number")]
    [InlineData("order_id=X&amount=99999999999999999999", "whole number")]
    [InlineData("order_id=X&amount=1000000000001", "whole number")]
    [InlineData("order_id=X", "needs its amount")]
    [InlineData("order_id=X&amount=100&currency=XYZ", "ISO 4217")]
    [InlineData("order_id=X&amount=100&currency=EUR", "campaign pays in USD")]
    [InlineData("order_id=%C3%28&amount=100", "UTF-8")]
    [InlineData("order_id=%FF%FE&amount=100", "UTF-8")]
    [InlineData("order_id=A%00B&amount=100", "UTF-8")]
    [InlineData("order_id=X&amount=100&order_id=Y", "more than once")]
    [InlineData("order_id=X&amount=100&type=refund", "sale, lead or custom")]
    [InlineData("order_id=X&amount=100&click_id=0123456789012345678901234567890123", "at most 32")]
    [InlineData("order_id=X&amount=100&coupon=LONG", "at most 64")]
    [InlineData("order_id=LONG&amount=100", "at most 128")]
    [InlineData("order_id=X&amount=100&note=HUGE", "longer than 4096")]
    public async Task Malformed_input_answers_400_with_the_reason_and_writes_nothing(string query, string reason)
    {
        var merchant = await app.CreateMerchantAsync();
        var campaign = await merchant.CreateCampaignAsync(CampaignBuilder.Cps());
        query = query.Replace("coupon=LONG", "coupon=" + new string('c', 65)).Replace("order_id=LONG", "order_id=" + new string('o', 129))
            .Replace("HUGE", new string('n', 5000));
        using var browser = app.NewClient();

        var response = await browser.GetAsync($"/px/{campaign.PublicKey}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await merchant.ConversionsAsync()).Total);
    }

    [Fact]
    public async Task The_same_order_five_times_in_a_row_and_fifty_at_once_is_one_conversion()
    {
        var clicked = await app.ClickedCampaignAsync();
        using var browser = app.NewClient();
        var pixel = $"/px/{clicked.Campaign.PublicKey}?order_id=P-REPEAT&amount=2500&click_id={clicked.ClickId}";
        var burst = $"/px/{clicked.Campaign.PublicKey}?order_id=P-BURST&amount=2500&click_id={clicked.ClickId}";

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(pixel)).StatusCode);
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => browser.GetAsync(burst)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var conversions = (await clicked.Merchant.ConversionsAsync()).Items;
        Assert.Equal(["P-BURST", "P-REPEAT"], conversions.Select(c => c.OrderId).Order());
        Assert.All(conversions, c => Assert.Equal(250, c.Commission));
    }

    [Fact]
    public async Task The_snippet_is_javascript_cached_for_a_day_and_revalidated_by_its_etag()
    {
        using var browser = app.NewClient();

        var response = await browser.GetAsync(PixelEndpoints.SnippetPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(1), response.Headers.CacheControl?.MaxAge);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("affiliateBlazor", script);
        Assert.Contains("/px/", script);

        using var again = new HttpRequestMessage(HttpMethod.Get, PixelEndpoints.SnippetPath);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await browser.SendAsync(again)).StatusCode);
    }

    [Theory]
    [InlineData("a=%ZZ")]
    [InlineData("a=%C3")]
    [InlineData("a=%C3%28")]
    [InlineData("a=%ED%A0%80")]
    [InlineData("a=1&a=2")]
    [InlineData("a=line%0Abreak")]
    [InlineData("%FF=1")]
    public void The_strict_reader_refuses_what_the_framework_would_repair(string query) =>
        Assert.Throws<ValidationException>(() => StrictQuery.Parse(query));

    [Fact]
    public void The_strict_reader_decodes_escapes_plus_signs_and_multibyte_text()
    {
        var query = StrictQuery.Parse("?order_id=A%2B1+2&coupon=%C3%A9t%C3%A9&empty=&flag&type=sale");

        Assert.Equal("A+1 2", query["order_id"]);
        Assert.Equal("été", query["coupon"]);
        Assert.Equal("", query["empty"]);
        Assert.Equal("", query["flag"]);
        Assert.Equal("sale", query["type"]);
    }

    [Theory]
    [InlineData("?merchant=s&sig=t=1,v1=ab&order_id=A%2B1&signature=x", "merchant=s&order_id=A%2B1&signature=x")]
    [InlineData("a=1&&b=2&sig=x", "a=1&&b=2")]
    [InlineData("sig=x", "")]
    public void Without_removes_only_the_named_parameter_and_keeps_the_rest_byte_for_byte(string query, string expected) =>
        Assert.Equal(expected, StrictQuery.Without(query, "sig"));
}
