using System.Net;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features;

public sealed class HealthTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Health_answers_200_when_the_database_is_reachable()
    {
        using var client = app.NewClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(app.DatabaseFile), "The app should use the test's own database file.");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_conversions_api()
    {
        using var client = app.NewClient();

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"/api/v1/conversions\"", document);
        Assert.Contains("\"/api/v1/me/conversions\"", document);
        Assert.DoesNotContain("\"/health\"", document);
    }

    [Fact]
    public async Task The_admin_is_seeded_with_the_configured_password()
    {
        var token = await app.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.False(string.IsNullOrEmpty(token));
    }
}
