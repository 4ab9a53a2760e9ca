using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using AffiliateBlazor.Features.Account;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace AffiliateBlazor.Hosting;

public static class ApiSetup
{
    public const string ApiRateLimit = "api";

    public static void AddApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiErrors>();
        // Malformed JSON or parameters raise BadHttpRequestException, which ApiErrors words as problem details.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AffiliateBlazor API";
            document.Info.Description = "Authenticate with `X-Api-Key: <key>` (Settings → API keys) or a bearer token from POST /api/v1/auth/login. Money is in integer minor units.";
            return Task.CompletedTask;
        }));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return ValueTask.CompletedTask;
            };
            var perSecond = builder.Configuration.GetValue("RateLimits:ApiPerSecond", 200);
            o.AddPolicy(ApiRateLimit, http => RateLimitPartition.GetTokenBucketLimiter(
                PartitionOf(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
                }));
        });
    }

    /// <summary>Each API key or bearer token has its own budget; anonymous callers share one per address.</summary>
    private static string PartitionOf(HttpContext http) =>
        http.Request.Headers[ApiKeyAuthenticationHandler.Header].ToString() is { Length: > 0 } key ? key
        : http.Request.Headers.Authorization.ToString() is { Length: > 0 } bearer ? bearer
        : http.Connection.RemoteIpAddress?.ToString() ?? "";

    /// <summary>The versioned API group: problem details, API-key or bearer authentication, one rate limit.</summary>
    public static RouteGroupBuilder MapApiV1(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("AffiliateBlazor API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app.MapGroup("/api/v1").RequireRateLimiting(ApiRateLimit).DisableAntiforgery();
    }
}
