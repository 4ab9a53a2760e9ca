using AffiliateBlazor.Domain;
using AffiliateBlazor.Features.Shared;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AffiliateBlazor.Hosting;

/// <summary>Turns the services' exceptions into RFC 7807 problem details with the message the user should read.</summary>
public sealed class ApiErrors(IProblemDetailsService problems, ILogger<ApiErrors> log) : IExceptionHandler
{
    /// <summary>The API lives under /api; /postback is API too, outside it only because networks expect that address.</summary>
    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/postback");

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at the error page; the feature keeps the address that failed.
        var path = new PathString(http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value);
        if (!IsApiPath(path)) return false;
        var problem = exception switch
        {
            ValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
                { Status = 400, Title = "The request has invalid fields.", Detail = v.Message },
            CurrencyMismatchException => new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["currency"] = [exception.Message] })
                { Status = 400, Title = "The request has invalid fields.", Detail = exception.Message },
            DomainFieldException field => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field.Field] = [field.Message] })
                { Status = 400, Title = "The request has invalid fields.", Detail = field.Message },
            NotFoundException => new ProblemDetails { Status = 404, Title = "Not found.", Detail = exception.Message },
            PlanLimitException => new ProblemDetails { Status = 403, Title = "Plan limit reached.", Detail = exception.Message },
            DomainException => new ProblemDetails { Status = 409, Title = "Not possible in this state.", Detail = exception.Message },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is malformed.", Detail = bad.Message },
            UnauthorizedAccessException => new ProblemDetails { Status = 401, Title = "Sign in first.", Detail = exception.Message },
            // Anything else is our fault: the caller still gets problem details, without internals.
            _ => new ProblemDetails { Status = 500, Title = "Something went wrong on our side.", Detail = "The error was logged; try again later." },
        };
        // Since .NET 10 the middleware no longer logs what a handler reports handled, so the answer's promise is kept here.
        if (problem.Status == 500) log.LogError(exception, "{Method} {Path} failed", http.Request.Method, path);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new() { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }
}
