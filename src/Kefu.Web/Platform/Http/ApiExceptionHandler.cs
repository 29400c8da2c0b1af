using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// API errors as problem details: a stale update is 409, anything unexpected is 500 with a
/// correlation id and no stack trace. Page requests fall through to the error page.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already rewritten Request.Path to the error page; the feature keeps the original.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            // Pages: the middleware logs and re-executes /error/500.
            return false;
        }

        var correlationId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        if (exception is BadHttpRequestException bad)
        {
            return await WriteBadRequestAsync(context, bad);
        }

        if (exception is DbUpdateConcurrencyException)
        {
            logger.LogInformation("Concurrency conflict on {Path} ({CorrelationId})", path, correlationId);
        }
        else
        {
            logger.LogError(exception, "Unhandled error on {Path} ({CorrelationId})", path, correlationId);
        }

        var conflict = exception is DbUpdateConcurrencyException;
        context.Response.StatusCode = conflict ? StatusCodes.Status409Conflict : StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = context.Response.StatusCode,
                Title = conflict ? "The record was changed by someone else; reload it and try again." : "An unexpected error occurred.",
                Extensions = { ["correlationId"] = correlationId },
            },
        });
    }

    /// <summary>
    /// A body that is not JSON, or a value of the wrong type: 400 naming the field (the JSON path
    /// of the bad value, e.g. "$.orgUnitId" → "orgUnitId"), never a 500.
    /// </summary>
    private async ValueTask<bool> WriteBadRequestAsync(HttpContext context, BadHttpRequestException exception)
    {
        var path = exception.InnerException is System.Text.Json.JsonException json ? json.Path : null;
        var field = string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
        context.Response.StatusCode = exception.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [exception.InnerException is System.Text.Json.JsonException
                    ? Kefu.Web.Platform.Localization.Text.Get("Validation.BadJson", field)
                    : exception.Message],
            })
            {
                Status = exception.StatusCode,
                Title = "One or more validation errors occurred.",
            },
        });
    }
}
