using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kefu.Web.Platform.Auth;

/// <summary>
/// The OpenAPI document and Swagger UI. The API's description helps an attacker as much as an
/// integrator, so outside Development both need a signed-in caller unless <c>Kefu:ApiDocs:Public</c>
/// is true. The document declares bearer authentication, so Swagger UI offers "Authorize" (writes
/// made there with the sign-in cookie alone would lack the antiforgery token).
/// </summary>
public static class ApiDocs
{
    public const string PublicSetting = "Kefu:ApiDocs:Public";

    public static void AddKefuApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer(DeclareBearer);
            // Anonymous operations (the token endpoint, public survey links) need no token.
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
                {
                    operation.Security = [];
                }

                return Task.CompletedTask;
            });
        });

    public static void MapKefuApiDocs(this WebApplication app)
    {
        var document = app.MapOpenApi();
        if (!(app.Configuration.GetValue<bool?>(PublicSetting) ?? app.Environment.IsDevelopment()))
        {
            document.RequireAuthorization();
            app.UseWhen(c => c.Request.Path.StartsWithSegments("/swagger"), a => a.Use(async (context, next) =>
            {
                if (context.User.Identity?.IsAuthenticated != true)
                {
                    await context.ChallengeAsync();
                    return;
                }

                await next(context);
            }));
        }

        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Kefu API v1");
            o.RoutePrefix = "swagger";
        });
    }

    private static Task DeclareBearer(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        const string scheme = "Bearer";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A token from POST /api/auth/token, or an integration token (kefu_…) from /api/tokens.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
        return Task.CompletedTask;
    }
}
