using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kefu.Web.Tests.Platform;

/// <summary>Who-am-I, health probes, the OpenAPI document and what unknown routes answer.</summary>
public abstract class PlatformEndpointTests(KefuFactory app)
{
    [ProviderTheory]
    [InlineData("sh.sup", "centre", "SH", "CentreSupervisor")]
    [InlineData("east.gm", "branch", "EAST", "BranchGm")]
    [InlineData("gm", "company", "HQ-GMO", "Gm")]
    [InlineData("sh.eng1", "own", "SH", "FieldEngineer")]
    public async Task ORG_03_Me_SignedIn_ShowsRolesUnitAndScope(string userName, string scope, string unitCode, string role)
    {
        using var client = await app.ClientFor(userName);
        var me = await client.GetFromJsonAsync<JsonObject>("/api/me");

        Assert.Equal(userName, (string?)me!["userName"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)me["displayName"]));
        Assert.Equal([role], me["roles"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(unitCode, (string?)me["orgUnit"]!["code"]);
        Assert.EndsWith($"/{(int)me["orgUnit"]!["id"]!}/", (string?)me["orgUnit"]!["path"], StringComparison.Ordinal);
        Assert.Equal(scope, (string?)me["scope"]);
    }

    [ProviderFact]
    public async Task Me_Anonymous_Returns401()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [ProviderFact]
    public async Task Me_GarbageBearerToken_Returns401()
    {
        using var client = app.ClientWithBearer("not-a-token");
        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [ProviderTheory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Probe_Returns200Anonymously(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        // This app runs on the wall clock: in a year whose holiday arrangement is not shipped the
        // calendar is degraded (CAL-02, tested on a fixed clock in ProvisionalCalendarTests), nothing else.
        Assert.True(body == "Healthy" || (url == "/health/ready" && body.StartsWith("Degraded\ncalendar: ", StringComparison.Ordinal)), body);
    }

    [ProviderFact]
    public async Task Ready_ReportsTheJobSchedulerAndTheOutbox()
    {
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));

        Assert.Equal(HealthStatus.Healthy, report.Entries["jobs"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["outbox"].Status);
    }

    [ProviderFact]
    public async Task Metrics_AreOffUnlessConfigured()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");
        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task OpenApi_Document_IsOpenApi31AndListsTheApi()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"openapi\": \"3.1", text, StringComparison.Ordinal);
        var paths = JsonNode.Parse(text)!["paths"]!.AsObject();
        Assert.Contains("/api/staff", paths.Select(p => p.Key));
        Assert.Contains("/api/auth/token", paths.Select(p => p.Key));
    }

    [ProviderTheory]
    [InlineData(null)]
    [InlineData("admin")]
    public async Task Api_UnknownRoute_Returns404(string? userName)
    {
        using var client = userName is null ? app.CreateClient() : await app.ClientFor(userName);
        using var response = await client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [ProviderFact]
    public async Task Responses_CarrySecurityHeaders()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/health/live");

        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}

public sealed class PlatformEndpointTestsOnSqlite(SqliteApp app) : PlatformEndpointTests(app), IClassFixture<SqliteApp>;

public sealed class PlatformEndpointTestsOnPostgres(PostgresApp app) : PlatformEndpointTests(app), IClassFixture<PostgresApp>;
