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

        if (exception is Kefu.Web.Data.FieldTooLongException tooLong)
        {
            logger.LogInformation("Refused a {Field} of {Entity} longer than {Max} on {Path}", tooLong.Field, tooLong.Entity, tooLong.MaxLength, path);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [tooLong.Field] = [Kefu.Web.Platform.Localization.Text.Get("Validation.MaxLength", tooLong.Field, tooLong.MaxLength)],
                })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "One or more validation errors occurred.",
                },
            });
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
    /// A body that is not JSON, a value of the wrong type or outside the boundary's range, or a
    /// query or route value that does not bind: 400 naming the field (the JSON path of the bad
    /// value, e.g. "$.lines[0].date" → "lines[0].date", or the parameter's name), never a 500.
    /// </summary>
    private async ValueTask<bool> WriteBadRequestAsync(HttpContext context, BadHttpRequestException exception)
    {
        var (field, message) = Describe(exception);
        context.Response.StatusCode = exception.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = exception.StatusCode,
                Title = "One or more validation errors occurred.",
            },
        });
    }

    internal static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is System.Text.Json.JsonException json)
        {
            if (json is BoundaryJsonException boundary)
            {
                return (boundary.Field, Localization.Text.Get(boundary.MessageKey, [.. boundary.Args]));
            }

            var path = json.Path;
            var field = string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
            return (field, Localization.Text.Get("Validation.BadJson", field));
        }

        // Minimal APIs name the parameter: 'Failed to bind parameter "int? page" from "abc".'
        var match = System.Text.RegularExpressions.Regex.Match(exception.Message, "parameter \"(?:[^\"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"");
        if (match.Success)
        {
            var name = match.Groups["name"].Value;
            return (name, Localization.Text.Get("Validation.BadValue", name));
        }

        return ("body", Localization.Text.Get("Validation.BadJson", "body"));
    }
}
