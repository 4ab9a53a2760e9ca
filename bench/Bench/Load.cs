using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace Bench;

/// <summary>An exact-count (or until-cancelled) load whose every acknowledged answer is known, unlike wrk's.</summary>
public static class Load
{
    public const int Connections = 32;

    /// <summary>Clicks; answers the click ids of the 302s received.</summary>
    public static Task<ConcurrentBag<string>> ClicksAsync(string baseUrl, string code, int? count, CancellationToken stop) =>
        RunAsync(count, stop, async (http, _) =>
        {
            using var response = await http.GetAsync($"{baseUrl}/t/{code}", stop);
            return response.StatusCode == HttpStatusCode.Found ? response.Headers.Location!.Query.Split("click_id=")[1] : null;
        });

    public static Task<ConcurrentBag<string>> ImpressionsAsync(string baseUrl, string code, int count) =>
        RunAsync(count, CancellationToken.None, async (http, n) =>
        {
            using var response = await http.GetAsync($"{baseUrl}/i/{code}");
            return response.StatusCode == HttpStatusCode.OK ? n.ToString() : null;
        });

    public static Task<ConcurrentBag<string>> ConversionsAsync(string baseUrl, BenchSetup setup, int count)
    {
        var prefix = $"exact-{Guid.NewGuid():N}-";
        return RunAsync(count, CancellationToken.None, async (http, n) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/api/v1/conversions")
            {
                Content = JsonContent.Create(new { orderId = prefix + n, amount = 1000, currency = "USD", clickId = setup.ClickId }),
            };
            request.Headers.Add("X-Api-Key", setup.ApiKey);
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode ? prefix + n : null;
        });
    }

    private static async Task<ConcurrentBag<string>> RunAsync(int? count, CancellationToken stop, Func<HttpClient, int, Task<string?>> send)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = Connections })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var acknowledged = new ConcurrentBag<string>();
        var issued = 0;
        var workers = Enumerable.Range(0, Connections).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref issued);
                if (n > count) return;
                try
                {
                    if (await send(http, n) is { } id) acknowledged.Add(id);
                }
                catch (Exception) when (count is null)
                {
                    // Until-cancelled loads run into the killed app: a failed request was never acknowledged.
                    await Task.Delay(5, CancellationToken.None);
                }
            }
        });
        await Task.WhenAll(workers);
        return acknowledged;
    }
}
