using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bench;

public sealed record BenchSetup(int CampaignId, string LinkCode, string ApiKey, string ClickId);

/// <summary>Everything through the public API, as a self-hoster's script would: merchant, key, campaign, affiliate, link.</summary>
public static class Setup
{
    public static async Task<BenchSetup> RunAsync(string baseUrl)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        await SignInAsync(http, AppUnderTest.AdminEmail, AppUnderTest.AdminPassword);
        const string owner = "owner@bench.example", password = "Bench-owner-1!";
        await PostAsync(http, "/api/v1/merchants", new { company = "Bench Shop", website = "https://bench.example", ownerEmail = owner, ownerPassword = password, currency = "USD", plan = "Business" });
        await SignInAsync(http, owner, password);
        var key = (await PostAsync(http, "/api/v1/api-keys", new { name = "bench" })).GetProperty("secret").GetString()!;
        var campaign = await PostAsync(http, "/api/v1/campaigns", new
        {
            name = "Bench CPS", type = "Cps", currency = "USD", percentBasisPoints = 1000, landingUrl = $"{BareServer.BaseUrl}/landing", joinPolicy = "ApprovalRequired",
        });
        await PostAsync(http, "/api/v1/affiliates", new { name = "Bench Partner", email = "partner@bench.example" });
        var links = await http.GetFromJsonAsync<JsonElement>("/api/v1/links");
        var code = links.GetProperty("items")[0].GetProperty("code").GetString()!;
        var click = await http.GetAsync($"/t/{code}");
        var clickId = click.Headers.Location!.Query.Split("click_id=")[1];
        return new(campaign.GetProperty("id").GetInt32(), code, key, clickId);
    }

    private static async Task SignInAsync(HttpClient http, string email, string password)
    {
        http.DefaultRequestHeaders.Authorization = null;
        var token = (await PostAsync(http, "/api/v1/auth/login", new { email, password })).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
