using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Payouts;

/// <summary>A failed call: the status and the app's answer (a problem-details body, usually).</summary>
public sealed class ApiException(string message) : Exception(message);

/// <summary>The answer of a timed call, read to its end.</summary>
public sealed record Download(double Seconds, long Bytes, byte[] Body);

/// <summary>The app's public API, as a merchant's script would call it, with a bearer token from /api/v1/auth/login.</summary>
public sealed class Api : IDisposable
{
    public const string OwnerEmail = "owner@payouts-bench.example";
    public const string OwnerPassword = "Bench-owner-1!";
    // A slow step should show up as a figure far above its target, not as the client giving up; a hang still ends.
    private readonly HttpClient _http = new() { BaseAddress = new Uri(App.BaseUrl), Timeout = TimeSpan.FromMinutes(15) };

    public static async Task<Api> SignInAsync(string email, string password)
    {
        var api = new Api();
        var token = (await api.PostAsync("/api/v1/auth/login", new { email, password })).GetProperty("accessToken").GetString();
        api._http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    public static Task<Api> OwnerAsync() => SignInAsync(OwnerEmail, OwnerPassword);

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await _http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new ApiException($"POST {path}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>Times a request from sending it to the last byte of the answer (the whole download, not the first bytes).</summary>
    public async Task<Download> TimeAsync(HttpMethod method, string path, string? jsonBody = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null) request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var body = new MemoryStream();
        await (await response.Content.ReadAsStreamAsync()).CopyToAsync(body);
        var seconds = clock.Elapsed.TotalSeconds;
        if (!response.IsSuccessStatusCode)
            throw new ApiException($"{method} {path}: {(int)response.StatusCode} after {seconds:0.0} s: {System.Text.Encoding.UTF8.GetString(body.ToArray())}");
        return new(seconds, body.Length, body.ToArray());
    }

    public void Dispose() => _http.Dispose();
}
