using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kefu.Web.Modules.Administration;

/// <summary>Audit log (PLT-03) and integration tokens (PLT-04).</summary>
public static class AdministrationModule
{
    public static void AddAdministration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditQueries>();
        builder.Services.AddScoped<ApiTokens>();
        builder.Services.AddOptions<ApiTokenOptions>().BindConfiguration(ApiTokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
    }

    public static void MapAdministration(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAudit).RequireAuthorization(Policies.ReadAudit).WithTags("Audit").WithName("ListAudit")
           .WithSummary("The audit log, newest first, filtered by user, action, entity and date.");

        var tokens = api.MapGroup("/tokens").WithTags("API tokens").RequireAuthorization(Policies.Administer);
        tokens.MapGet("/", async (ApiTokens t, CancellationToken ct) => TypedResults.Ok(await t.ListAsync(ct))).WithName("ListApiTokens");
        tokens.MapPost("/", CreateToken).RequireWritePolicy(Policies.Administer).WithName("CreateApiToken")
              .WithSummary("Create an integration token; the secret is returned once. It expires after validDays (default Kefu:ApiTokens:DefaultValidDays); neverExpires: true is an explicit, audited choice.");
        tokens.MapDelete("/{id:int}", async Task<Results<NoContent, NotFound>> (int id, ApiTokens t, CancellationToken ct) =>
            await t.RevokeAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound()).RequireWritePolicy(Policies.Administer).WithName("RevokeApiToken");
    }

    private static async Task<Results<Ok<Paged<AuditRow>>, ValidationProblem>> ListAudit(
        string? user, string? action, string? entityType, string? entityId, DateOnly? from, DateOnly? to, int? page, int? pageSize, string? sort, string? dir,
        AuditQueries queries, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, AuditQueries.Sorts, problems);
        return problems.HasErrors ? problems.ToProblem()
            : TypedResults.Ok(await queries.ListAsync(new AuditFilter(user, action, entityType, entityId, from, to, page, pageSize, order), ct));
    }

    private static async Task<Results<Created<ApiTokenCreated>, ValidationProblem>> CreateToken(
        ApiTokenInput input, ApiTokens tokens, HttpContext http, CancellationToken ct)
    {
        var (created, problems) = await tokens.CreateAsync(input, http.User.Identity?.Name, ct);
        return created is null ? problems.ToProblem() : TypedResults.Created($"/api/tokens/{created.Token.Id}", created);
    }
}
