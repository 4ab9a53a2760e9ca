using System.Net;
using AffiliateBlazor.Data;
using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>The merchant's HMAC signing secret: shown once, stored encrypted, and rotated with or without a day's grace.</summary>
public sealed class SigningSecretRotationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Rotating_keeps_the_old_secret_for_a_day_the_new_one_is_shown_once_and_stored_encrypted()
    {
        var clicked = await app.ClickedCampaignAsync();
        Assert.False((await clicked.Merchant.Api.GetJsonAsync<SigningSecretStatus>("/api/v1/settings/signing-secret")).Configured);
        var old = await clicked.Merchant.CreateSigningSecretAsync();
        var current = (await (await clicked.Merchant.Api.PostAsync("/api/v1/settings/signing-secret?keepPrevious=true", null))
            .ReadJsonAsync<NewSigningSecret>()).Secret;
        using var network = app.NewClient();

        var withOld = await network.SendAsync(Signing.SignedPostback(old, Signing.PostbackQuery(clicked, "order_id=O-1")));
        var withCurrent = await network.SendAsync(Signing.SignedPostback(current, Signing.PostbackQuery(clicked, "order_id=O-2")));

        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCurrent.StatusCode);
        var status = await clicked.Merchant.Api.GetJsonAsync<SigningSecretStatus>("/api/v1/settings/signing-secret");
        Assert.True(status.Configured);
        Assert.InRange(status.PreviousValidUntil!.Value, DateTime.UtcNow.AddHours(23.9), DateTime.UtcNow.AddHours(24));
        var shown = await (await clicked.Merchant.Api.GetAsync("/api/v1/settings/signing-secret")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(current, shown);
        Assert.DoesNotContain(old, shown);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var stored = await db.Merchants.Where(m => m.Id == clicked.Merchant.Id)
            .Select(m => m.ProtectedSigningSecret + m.ProtectedPreviousSigningSecret).SingleAsync();
        Assert.DoesNotContain(current[5..], stored);
        Assert.DoesNotContain(old[5..], stored);

        // Once its day is over, the old secret is refused.
        await app.SqlAsync($"UPDATE Merchants SET PreviousSigningSecretExpiresAt = '2000-01-01 00:00:00' WHERE Id = {clicked.Merchant.Id}");
        var late = await network.SendAsync(Signing.SignedPostback(old, Signing.PostbackQuery(clicked, "order_id=O-3")));
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        Assert.Null((await clicked.Merchant.Api.GetJsonAsync<SigningSecretStatus>("/api/v1/settings/signing-secret")).PreviousValidUntil);
        Assert.Equal(HttpStatusCode.OK, (await network.SendAsync(Signing.SignedPostback(current, Signing.PostbackQuery(clicked, "order_id=O-4")))).StatusCode);
    }

    [Fact]
    public async Task Rotating_through_the_api_stops_the_old_secret_at_once_unless_asked_to_keep_it()
    {
        var clicked = await app.ClickedCampaignAsync();
        var old = await clicked.Merchant.CreateSigningSecretAsync();
        var current = await clicked.Merchant.CreateSigningSecretAsync();
        using var network = app.NewClient();

        var withOld = await network.SendAsync(Signing.SignedPostback(old, Signing.PostbackQuery(clicked, "order_id=R-1")));
        var withCurrent = await network.SendAsync(Signing.SignedPostback(current, Signing.PostbackQuery(clicked, "order_id=R-2")));

        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Contains("does not match", await withOld.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, withCurrent.StatusCode);
        Assert.Null((await clicked.Merchant.Api.GetJsonAsync<SigningSecretStatus>("/api/v1/settings/signing-secret")).PreviousValidUntil);
    }
}
