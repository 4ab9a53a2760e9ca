namespace Bench;

/// <summary>The yardstick: Kestrel answering the same statuses as the tracking endpoints, doing no work at all.</summary>
public static class BareServer
{
    public const int Port = 5102;
    public static string BaseUrl => $"http://127.0.0.1:{Port}";
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static readonly byte[] Json = """{"id":1,"duplicate":false}"""u8.ToArray();

    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/t/{code}", http =>
        {
            http.Response.StatusCode = 302;
            http.Response.Headers.Location = "http://127.0.0.1:5102/landing?click_id=abcdefghijklmnopqrst";
            return Task.CompletedTask;
        });
        app.MapGet("/i/{code}", http => Write(http, "image/gif", Gif));
        app.MapPost("/api/v1/conversions", http => Write(http, "application/json", Json));
        app.MapGet("/landing", () => "landing");
        await app.RunAsync();
    }

    private static Task Write(HttpContext http, string type, byte[] body)
    {
        http.Response.ContentType = type;
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body).AsTask();
    }
}
