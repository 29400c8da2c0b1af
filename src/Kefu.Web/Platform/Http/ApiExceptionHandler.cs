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
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // Pages: the middleware logs and re-executes /error/500.
            return false;
        }

        var correlationId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        if (exception is DbUpdateConcurrencyException)
        {
            logger.LogInformation("Concurrency conflict on {Path} ({CorrelationId})", context.Request.Path, correlationId);
        }
        else
        {
            logger.LogError(exception, "Unhandled error on {Path} ({CorrelationId})", context.Request.Path, correlationId);
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
}
