using System.Net;
using System.Text.Json.Nodes;
using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Conversions;

/// <summary>A shop that retries its postback must never pay an affiliate twice for one order.</summary>
public sealed class ConversionIdempotencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_same_order_posted_five_times_in_a_row_is_one_conversion()
    {
        var sale = await app.TrackedSaleAsync();
        var again = ConversionBuilder.ForClick(sale.ClickId).Order(sale.Sale.Conversion.OrderId);

        for (var i = 0; i < 4; i++)
        {
            var repeat = await sale.Merchant.Api.RecordConversionAsync(again);
            Assert.True(repeat.Duplicate);
            Assert.Equal(sale.Sale.Id, repeat.Id);
            Assert.Equal(sale.Sale.Conversion.Commission, repeat.Conversion.Commission);
        }

        Assert.False(sale.Sale.Duplicate);
        await AssertOneConversionAsync(sale, sale.Sale.Conversion.OrderId);
    }

    [Fact]
    public async Task The_same_order_posted_twenty_times_at_once_is_one_conversion()
    {
        var sale = await app.TrackedSaleAsync();
        var (api, _) = await app.ApiKeyClientAsync(sale.Merchant.Api);
        var body = ConversionBuilder.ForClick(sale.ClickId).Order("burst-1").Amount(5000);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.RecordConversionAsync(body)));

        Assert.Single(answers, a => !a.Duplicate);
        Assert.Single(answers.Select(a => a.Id).Distinct());
        Assert.All(answers, a => Assert.Equal(500, a.Conversion.Commission));
        await AssertOneConversionAsync(sale, "burst-1");
    }

    [Fact]
    public async Task A_repeat_with_different_figures_changes_nothing()
    {
        var sale = await app.TrackedSaleAsync();

        var repeat = await sale.Merchant.Api.RecordConversionAsync(
            ConversionBuilder.ForClick(sale.ClickId).Order(sale.Sale.Conversion.OrderId).Amount(999_999));

        Assert.True(repeat.Duplicate);
        Assert.Equal(sale.Sale.Conversion.Amount, repeat.Conversion.Amount);
        Assert.Equal(sale.Sale.Conversion.Commission, repeat.Conversion.Commission);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_conversion_without_an_order_id_is_refused_and_nothing_is_written(string? orderId)
    {
        var sale = await app.TrackedSaleAsync();

        var response = await sale.Merchant.Api.PostJsonAsync("/api/v1/conversions",
            ConversionBuilder.ForClick(sale.ClickId).Set("orderId", orderId is null ? null : JsonValue.Create(orderId)).Build());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("orderId", problem.ErrorFields());
        var all = await sale.Merchant.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/conversions");
        Assert.Equal(sale.Sale.Id, Assert.Single(all.Items).Id);
    }

    /// <summary>One row for the order and one commission line for it: the affiliate is paid once.</summary>
    private async Task AssertOneConversionAsync(TrackedSale sale, string orderId)
    {
        var list = await sale.Merchant.Api.GetJsonAsync<Page<ConversionView>>($"/api/v1/conversions?campaignId={sale.Campaign.Id}");
        var conversion = Assert.Single(list.Items, c => c.OrderId == orderId);
        var mine = await sale.Affiliate.Api.GetJsonAsync<Page<ConversionView>>("/api/v1/me/conversions");
        Assert.Single(mine.Items, c => c.OrderId == orderId);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.CommissionLines.CountAsync(l => l.ConversionId == conversion.Id));
    }
}
