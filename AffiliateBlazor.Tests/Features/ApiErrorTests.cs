using System.Net;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features;

/// <summary>An error that is ours answers 500 problem details without internals, and is logged as the answer says.</summary>
public sealed class ApiErrorTests
{
    [Fact]
    public async Task An_unexpected_failure_answers_500_problem_details_and_is_logged()
    {
        await using var app = new AppFactory();
        var merchant = await app.CreateMerchantAsync();
        await app.SqlAsync("ALTER TABLE Campaigns RENAME TO CampaignsAway");

        var response = await merchant.Api.GetAsync("/api/v1/campaigns");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The error was logged", body);
        Assert.DoesNotContain("no such table", body);
        var logged = Assert.Single(app.Errors.Entries, e => e.Category == "AffiliateBlazor.Hosting.ApiErrors");
        Assert.Contains("GET /api/v1/campaigns failed", logged.Message);
        Assert.Contains("no such table", logged.Exception?.Message);
    }
}
