using AffiliateBlazor.Features.Campaigns;

namespace AffiliateBlazor.Tests.Support;

/// <summary>A merchant (Business plan) with a CPS campaign paying 10 %, and its affiliates, each with its own link and click.</summary>
public sealed class PayableProgram
{
    private readonly AppFactory _app;
    private readonly Dictionary<int, string> _clicks = [];

    private PayableProgram(AppFactory app, TestMerchant merchant, CampaignView campaign) => (_app, Merchant, Campaign) = (app, merchant, campaign);

    public TestMerchant Merchant { get; }
    public CampaignView Campaign { get; }

    public static async Task<PayableProgram> CreateAsync(AppFactory app, string currency = "USD")
    {
        var merchant = await app.CreateMerchantAsync(plan: "Business");
        return new PayableProgram(app, merchant, await merchant.CreateCampaignAsync(CampaignBuilder.Cps().Currency(currency)));
    }

    /// <summary>Another campaign of the same merchant (in another currency, say), for the same affiliates.</summary>
    public async Task<CampaignView> AddCampaignAsync(string currency) => await Merchant.CreateCampaignAsync(CampaignBuilder.Cps().Currency(currency));

    public async Task<TestAffiliate> JoinAsync(string? name = null)
    {
        var affiliate = await _app.JoinAndApproveAsync(Merchant, name);
        return affiliate;
    }

    /// <summary>A sale of the amount (minor units) through the affiliate's link, approved: 10 % of it is owed.</summary>
    public async Task<long> ApprovedSaleAsync(TestAffiliate affiliate, long amount = 12_345, CampaignView? campaign = null, string? orderId = null)
    {
        var sale = await PendingSaleAsync(affiliate, amount, campaign, orderId);
        await Merchant.ApproveConversionAsync(sale);
        return sale;
    }

    public async Task<long> PendingSaleAsync(TestAffiliate affiliate, long amount = 12_345, CampaignView? campaign = null, string? orderId = null)
    {
        var target = campaign ?? Campaign;
        var key = affiliate.AffiliateId * 1000 + target.Id;
        if (!_clicks.TryGetValue(key, out var clickId))
            _clicks[key] = clickId = await _app.ClickAsync((await affiliate.LinkIntoAsync(target.Id)).Code);
        var builder = ConversionBuilder.ForClick(clickId).Amount(amount).Set("currency", target.Currency);
        if (orderId is not null) builder.Order(orderId);
        return (await Merchant.Api.RecordConversionAsync(builder)).Id;
    }
}
