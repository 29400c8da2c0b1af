using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Kefu.Web.Platform.Auth;

/// <summary>
/// Cross-site request forgery on the API: a browser sends the sign-in cookie with any request, so
/// a state-changing <c>/api</c> request authenticated by that cookie must carry the antiforgery
/// token (header <c>RequestVerificationToken</c>, as the pages' htmx calls do). Bearer and API
/// tokens are never sent by a browser on its own and need nothing. One check for the whole API,
/// so an endpoint that reads a form (and so turns the framework's own check off) is covered too.
/// </summary>
public static class ApiAntiforgery
{
    public const string HeaderName = "RequestVerificationToken";

    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) =>
        app.UseMiddleware<Middleware>();

    /// <summary>True when the request changes state, reached the API with the sign-in cookie, and needs a signed-in caller.</summary>
    public static bool NeedsToken(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
             || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        && AuthenticatedByCookie(context)
        // An anonymous endpoint does not act as the cookie's user, so a forged request gains nothing.
        && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null;

    private static bool AuthenticatedByCookie(HttpContext context) =>
        context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true, Ticket: { } ticket }
            ? ticket.AuthenticationScheme == IdentityConstants.ApplicationScheme
            : context.User.Identity?.IsAuthenticated == true && context.Request.Headers.Authorization.Count == 0;

    private sealed class Middleware(RequestDelegate next, IAntiforgery antiforgery, ILogger<Middleware> logger)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            if (NeedsToken(context) && !await IsValidAsync(context))
            {
                logger.LogWarning("Refused a cookie-authenticated {Method} {Path} without a valid antiforgery token.", context.Request.Method, context.Request.Path);
                await TypedResults.ValidationProblem(
                        new Dictionary<string, string[]> { [HeaderName] = [Localization.Text.Get("Validation.AntiforgeryToken")] },
                        title: Localization.Text.Get("Validation.AntiforgeryTitle"))
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        }

        private async Task<bool> IsValidAsync(HttpContext context)
        {
            try
            {
                return await antiforgery.IsRequestValidAsync(context);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                // A body that cannot be read as a form holds no token either.
                return false;
            }
        }
    }
}
