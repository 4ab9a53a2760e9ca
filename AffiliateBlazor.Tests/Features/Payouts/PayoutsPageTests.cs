using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Account;
using AffiliateBlazor.Features.Campaigns;
using AffiliateBlazor.Features.Conversions;
using AffiliateBlazor.Features.Payouts;
using AffiliateBlazor.Features.Shared;
using AffiliateBlazor.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AffiliateBlazor.Tests.Features.Payouts;

/// <summary>The payouts page and its dialogs, rendered with the real services over a SQLite file.</summary>
public class PayoutsPageTests : IAsyncLifetime
{
    private readonly MudComponentContext _ui = new();
    private Actor _merchant = default!;
    private Actor _ada = default!, _bob = default!;

    public async Task InitializeAsync()
    {
        _merchant = await _ui.Data.MerchantAsync(plan: "Business");
        _ada = await _ui.Data.ApprovedAffiliateAsync(_merchant, "Ada Partner");
        _bob = await _ui.Data.ApprovedAffiliateAsync(_merchant, "Bob Rival");
        var campaign = await _ui.Services.GetRequiredService<CampaignService>().CreateAsync(_merchant, new CampaignInput
        {
            Name = "Spring sale", PercentBasisPoints = 1000, LandingUrl = "https://shop.example/spring",
        });
        await ApprovedSaleAsync(campaign.Id, _ada, 50_000);
        await ApprovedSaleAsync(campaign.Id, _bob, 8_000);
        _ui.SignInAs(_merchant);
    }

    private async Task ApprovedSaleAsync(int campaignId, Actor affiliate, long amount)
    {
        var review = _ui.Services.GetRequiredService<ConversionReviewService>();
        var added = await review.AddManualAsync(_merchant, new ManualTransactionRequest(campaignId, affiliate.AffiliateId, AppFactory.Unique("o-"), amount));
        await review.ApproveAsync(_merchant, added.Conversion.Id);
    }

    [Fact]
    public async Task The_prepare_dialog_previews_who_is_paid_and_prepares_only_those_still_ticked()
    {
        var (page, dialog) = await ShowAsync<PreparePayoutsDialog>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-table=candidates] tbody tr").Count));
        Assert.Contains("50.00 USD", page.Find($"[data-candidate='{_ada.AffiliateId}']").TextContent);
        page.Find("input[data-field=minimum]").Change("1000");
        page.WaitForAssertion(() => Assert.Contains("below the minimum", page.Find($"[data-candidate='{_bob.AffiliateId}']").TextContent));
        page.Find("input[data-field=minimum]").Change("0");
        page.WaitForAssertion(() => Assert.DoesNotContain("below the minimum", page.Find($"[data-candidate='{_bob.AffiliateId}']").TextContent));
        page.Find($"[data-candidate='{_bob.AffiliateId}'] input[type=checkbox]").Change(false);
        page.WaitForAssertion(() => Assert.Contains("Prepare 1 payout(s)", page.Find("[data-action=save]").TextContent));
        page.Find("[data-action=save]").Click();

        var prepared = Assert.IsType<PreparedPayouts>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(20)))!.Data);
        Assert.Equal((_ada.AffiliateId, 5_000L), (prepared.Payouts.Single().AffiliateId, prepared.Payouts.Single().Amount));
        Assert.Equal(PayoutDecision.LeftOut, prepared.NotPaid.Single().Decision);
    }

    [Fact]
    public async Task Marking_paid_without_a_reference_shows_the_error_under_the_field_and_changes_nothing()
    {
        var payout = await PrepareAsync();
        var (page, dialog) = await ShowAsync<MarkPaidDialog>(new DialogParameters<MarkPaidDialog> { { d => d.Payouts, [payout] } });

        page.WaitForElement("[data-action=save]").Click();
        page.WaitForAssertion(() => Assert.Contains("The payment reference is required.", page.Markup));
        Assert.Equal(PayoutStatus.Pending, (await StatusOfAsync(payout.Id)));

        page.Find("input[data-field=reference]").Change("WIRE-77");
        page.Find("[data-action=save]").Click();
        await dialog.Result.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(PayoutStatus.Approved, await StatusOfAsync(payout.Id));
    }

    [Fact]
    public async Task The_page_lists_payouts_with_their_method_and_offers_the_actions_their_status_allows()
    {
        var payout = await PrepareAsync();
        var page = _ui.RenderInProviders<PayoutsPage>();

        page.WaitForAssertion(() => Assert.Contains("Ada Partner", page.Find("[data-table=payouts]").TextContent));
        var row = page.FindAll("[data-table=payouts] tbody tr").Single(r => r.TextContent.Contains("Ada Partner"));
        Assert.Contains("50.00 USD", row.TextContent);
        Assert.Contains("No payout method yet", row.TextContent);
        Assert.Equal("Pending", row.QuerySelector("[data-status]")!.GetAttribute("data-status"));
        Assert.NotNull(row.QuerySelector("[data-action=paid]"));
        Assert.Null(row.QuerySelector("[data-action=return]"));

        row.QuerySelector("[data-action=cancel]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("cancelled: its commission is unpaid again", page.Markup));
        Assert.Equal(PayoutStatus.Cancelled, await StatusOfAsync(payout.Id));
    }

    [Fact]
    public async Task The_affiliate_sets_its_payout_method_and_an_invalid_iban_is_refused_under_its_field()
    {
        _ui.SignInAs(_ada);
        var program = (await _ui.Services.GetRequiredService<PayoutMethodService>().MineAsync(_ada)).Single();
        var (page, dialog) = await ShowAsync<PayoutMethodDialog>(new DialogParameters<PayoutMethodDialog> { { d => d.Program, program } });

        page.WaitForElement("[data-field=kind]");
        await page.InvokeAsync(() => page.FindComponent<MudSelect<PayoutMethodKind>>().Instance.ValueChanged.InvokeAsync(PayoutMethodKind.BankTransfer));
        page.WaitForElement("input[data-field=iban]").Change("DE00 3704 0044 0532 0130 00");
        page.Find("input[data-field=holder]").Change("Ada Partner");
        page.Find("[data-action=save]").Click();
        page.WaitForAssertion(() => Assert.Contains("This IBAN is not valid", page.Markup));

        page.Find("input[data-field=iban]").Change("DE89 3704 0044 0532 0130 00");
        page.Find("[data-action=save]").Click();
        var saved = Assert.IsType<ProgramPayoutMethod>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(20)))!.Data);
        Assert.Equal("Bank transfer: Ada Partner, DE89 3704 0044 0532 0130 00", saved.Method!.Summary);
    }

    [Fact]
    public async Task Another_merchant_sees_none_of_these_payouts_on_its_page()
    {
        await PrepareAsync();
        _ui.SignInAs(await _ui.Data.MerchantAsync());
        var stranger = _ui.RenderInProviders<PayoutsPage>();
        stranger.WaitForAssertion(() => Assert.Contains("No payouts yet", stranger.Markup));
        Assert.DoesNotContain("Ada Partner", stranger.Markup);
    }

    [Fact]
    public async Task An_affiliate_left_out_of_the_run_sees_no_one_elses_payout_and_its_own_balance_still_owed()
    {
        await PrepareAsync();
        _ui.SignInAs(_bob);
        var bob = _ui.RenderInProviders<MyPayoutsPage>();
        bob.WaitForAssertion(() => Assert.Contains("No payouts yet", bob.Find("[data-table=payouts]").TextContent));
        Assert.DoesNotContain("Ada Partner", bob.Markup);
        Assert.Contains("8.00 USD", bob.Find("[data-table=balances] [data-approved]").TextContent);
    }

    private async Task<PayoutView> PrepareAsync() =>
        (await _ui.Services.GetRequiredService<PayoutRun>().PrepareAsync(_merchant, new PreparePayoutsRequest(LeaveOut: [_bob.AffiliateId!.Value]))).Payouts.Single();

    private async Task<PayoutStatus> StatusOfAsync(int id) =>
        (await _ui.Services.GetRequiredService<PayoutService>().GetAsync(_merchant, PayoutAudience.Merchant, id)).Payout.Status;

    private async Task<(IRenderedComponent<MudProviders> Page, IDialogReference Dialog)> ShowAsync<T>(DialogParameters<T>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var page = _ui.RenderProviders();
        IDialogReference? dialog = null;
        await page.InvokeAsync(async () => dialog = await _ui.Services.GetRequiredService<IDialogService>().ShowAsync<T>(title: null, parameters ?? new DialogParameters<T>()));
        return (page, dialog!);
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();
}
