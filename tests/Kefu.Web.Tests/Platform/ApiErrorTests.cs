using System.Net;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform;

/// <summary>Kefu on SQLite, plus two test-only routes at the end of the app's pipeline that throw.</summary>
public sealed class SqliteAppWithFailingRoutes() : KefuFactory(DatabaseKind.Sqlite)
{
    public const string Unexpected = "/api/test-failures/unexpected";
    public const string Conflict = "/api/test-failures/conflict";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Production error handling (no developer exception page), as the API's clients see it.
        builder.UseEnvironment("Production");
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, FailingRoutes>());
    }

    private sealed class FailingRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // Reached only when no endpoint matched, inside the app's exception handler.
            app.Map(Unexpected, b => b.Run(_ => throw new InvalidOperationException("Test failure with a secret detail")));
            app.Map(Conflict, b => b.Run(_ => throw new DbUpdateConcurrencyException("Test conflict")));
        };
    }
}

/// <summary>API errors are problem details: 409 for a stale update, 500 with a correlation id and no stack trace otherwise.</summary>
public sealed class ApiErrorTests(SqliteAppWithFailingRoutes app) : IClassFixture<SqliteAppWithFailingRoutes>
{

    // Production turns on HTTPS redirection; the test client talks HTTPS to the in-memory server.
    private static Uri Https(string path) => new($"https://localhost{path}");

    [Fact]
    public async Task ApiError_Unexpected_Returns500ProblemDetailsWithCorrelationIdAndNoDetails()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(Https(SqliteAppWithFailingRoutes.Unexpected));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonObjectAsync();
        Assert.False(string.IsNullOrEmpty((string?)problem["correlationId"]));
        Assert.DoesNotContain("secret detail", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiError_ConcurrencyConflict_Returns409ProblemDetails()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(Https(SqliteAppWithFailingRoutes.Conflict));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(409, (int?)(await response.JsonObjectAsync())["status"]);
    }

    [Fact]
    public async Task ApiError_UnknownRouteInProduction_Returns404ProblemDetails()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(Https("/api/no-such-thing"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (int?)(await response.JsonObjectAsync())["status"]);
    }
}
