namespace Kefu.Web.Platform.Http;

/// <summary>CSP, no sniffing, no framing, no referrer leaks: on every response.</summary>
public static class SecurityHeaders
{
    private const string Csp =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Swagger UI's page carries inline scripts; it is documentation only and gets a looser policy.
    private const string SwaggerCsp =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger") ? SwaggerCsp : Csp;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(self), geolocation=(self), microphone=()";
                return Task.CompletedTask;
            });
            await next();
        });
}
