using AffiliateBlazor.Data;
using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Tests.Support;
using Bunit;
using MudBlazor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Conversions;

public class ConversionsPageTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();
    private Actor _merchant = default!;
    private Actor _affiliate = default!;
    private readonly List<long> _ids = [];

    public async Task InitializeAsync()
    {
        _merchant = await _ui.Data.MerchantAsync();
        _affiliate = await _ui.Data.ApprovedAffiliateAsync(_merchant, "Ada Partner");
        var campaign = await _ui.Services.GetRequiredService<CampaignService>().CreateAsync(_merchant, new CampaignInput
        {
            Name = "Spring sale", PercentBasisPoints = 1000, LandingUrl = "https://shop.example/spring",
        });
        var review = _ui.Services.GetRequiredService<ConversionReviewService>();
        foreach (var order in new[] { "A-1", "A-2", "A-3" })
            _ids.Add((await review.AddManualAsync(_merchant, new ManualTransactionRequest(campaign.Id, _affiliate.Affiliate, order, 10_000))).Conversion.Id);
        await using var db = await DbAsync();
        var flagged = await db.Conversions.SingleAsync(c => c.Id == _ids[0]);
        (flagged.Flags, flagged.FlagReason) = (FraudFlags.SelfReferral, "the customer's e-mail is the affiliate's");
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_merchant_sees_why_a_conversion_is_held_and_approves_it_from_its_row()
    {
        _ui.SignInAs(_merchant);
        var page = _ui.RenderInProviders<ConversionsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-action=approve]").Count));

        Assert.Contains("Held: the customer's e-mail is the affiliate's", page.Find("[data-flag]").TextContent);
        page.FindAll("tr").Single(row => row.TextContent.Contains("A-1")).QuerySelector("[data-action=approve]")!.Click();

        page.WaitForAssertion(() => Assert.Contains("Order A-1: approved.", page.Markup));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=reverse]")));
        Assert.Equal(ConversionStatus.Approved, await StatusAsync(_ids[0]));
    }

    [Fact]
    public async Task The_merchant_declines_selected_conversions_in_one_go()
    {
        _ui.SignInAs(_merchant);
        var page = _ui.RenderInProviders<ConversionsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-action=decline]").Count));

        foreach (var order in new[] { "A-2", "A-3" })
            page.FindAll("tbody tr").Single(row => row.TextContent.Contains(order)).QuerySelector("input[type=checkbox]")!.Change(true);
        page.WaitForAssertion(() => Assert.Contains("Approve selected (2)", page.Markup));
        page.Find("[data-action=bulk-decline]").Click();

        page.WaitForAssertion(() => Assert.Contains("2 conversion(s) declined.", page.Markup));
        Assert.Equal([ConversionStatus.Pending, ConversionStatus.Declined, ConversionStatus.Declined], [await StatusAsync(_ids[0]), await StatusAsync(_ids[1]), await StatusAsync(_ids[2])]);
    }

    [Fact]
    public void The_affiliate_reads_its_conversions_without_review_actions_or_fraud_reasons()
    {
        _ui.SignInAs(_affiliate);
        var page = _ui.RenderInProviders<ConversionsPage>();

        page.WaitForAssertion(() => Assert.Contains("A-3", page.Markup));
        Assert.Empty(page.FindAll("[data-action]"));
        Assert.Empty(page.FindAll("[data-flag]"));
    }

    [Fact]
    public async Task The_details_panel_explains_a_conversion_and_shows_its_history_after_a_decision()
    {
        _ui.SignInAs(_merchant);
        var page = _ui.RenderInProviders<ConversionsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-action=details]").Count));
        page.FindAll("tbody tr").Single(row => row.TextContent.Contains("A-2")).QuerySelector("[data-action=approve]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("Order A-2: approved.", page.Markup));

        page.FindAll("tbody tr").Single(row => row.TextContent.Contains("A-2")).QuerySelector("[data-action=details]")!.Click();

        page.WaitForAssertion(() => Assert.Contains("added by hand by the merchant", page.Find("[data-panel=conversion] [data-attribution]").TextContent));
        var panel = page.Find("[data-panel=conversion]");
        Assert.Contains("10.00 USD: CPS: 10% of 100.00 USD", panel.QuerySelector("[data-commission-rule]")!.TextContent);
        Assert.Contains("Approved", panel.QuerySelector("[data-table=ledger]")!.TextContent);
        Assert.Contains("unpaid", panel.QuerySelector("[data-table=ledger]")!.TextContent);
        Assert.Contains(panel.QuerySelectorAll("[data-audit]"), entry => entry.TextContent.Contains("conversion.approved") && entry.TextContent.Contains("Pending → Approved"));
    }

    [Fact]
    public async Task Filtering_to_conversions_held_for_review_leaves_the_others_out()
    {
        _ui.SignInAs(_merchant);
        var page = _ui.RenderInProviders<ConversionsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-action=details]").Count));

        await page.InvokeAsync(() => page.FindComponent<MudSelect<bool?>>().Instance.ValueChanged.InvokeAsync(true));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=details]")));
        Assert.Contains("A-1", page.Find("tbody").TextContent);
    }

    private async Task<ConversionStatus> StatusAsync(long id)
    {
        await using var db = await DbAsync();
        return (await db.Conversions.SingleAsync(c => c.Id == id)).Status;
    }

    private Task<AppDbContext> DbAsync() => _ui.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
