using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Administration;

/// <summary>PLT-04: long-lived API tokens for integrations; they act as their user until revoked or expired.</summary>
public abstract class ApiTokenTests(KefuFactory app)
{
    private async Task<(int Id, string Secret)> CreateTokenAsync(string userName, int? validDays = 30)
    {
        using var admin = await app.ClientFor("admin");
        using var response = await admin.PostAsJsonAsync("/api/tokens", new { name = "集成 " + userName, userName, validDays });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonObjectAsync();
        return ((int)created["token"]!["id"]!, (string)created["secret"]!);
    }

    private async Task<HttpStatusCode> MeStatusAsync(string secret)
    {
        using var client = app.ClientWithBearer(secret);
        using var response = await client.GetAsync("/api/me");
        return response.StatusCode;
    }

    [ProviderFact]
    public async Task PLT_04_ApiToken_CreatedForShSup_ActsAsShSupUntilRevoked()
    {
        var (id, secret) = await CreateTokenAsync("sh.sup");
        Assert.StartsWith(ApiTokenHandler.TokenPrefix, secret, StringComparison.Ordinal);

        using (var client = app.ClientWithBearer(secret))
        {
            var me = await client.GetFromJsonAsync<JsonObject>("/api/me");
            Assert.Equal("sh.sup", (string?)me!["userName"]);
            Assert.Equal("centre", (string?)me["scope"]);
            var customers = await client.GetFromJsonAsync<JsonObject>("/api/customers");
            Assert.Equal(3, (int)customers!["total"]!);
        }

        using var admin = await app.ClientFor("admin");
        using var revoke = await admin.DeleteAsync($"/api/tokens/{id}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(secret));
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/tokens"))!.Single(t => (int)t!["id"]! == id);
        Assert.NotNull((string?)listed!["revokedAt"]);
    }

    [ProviderFact]
    public async Task PLT_04_ApiToken_SecretIsShownOnceAndStoredOnlyAsItsHash()
    {
        var (id, secret) = await CreateTokenAsync("hz.sup");
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(secret));

        using var admin = await app.ClientFor("admin");
        var list = await admin.GetStringAsync("/api/tokens");
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.Contains(secret[..12], list, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<KefuDbContext>().ApiTokens.AsNoTracking().SingleAsync(t => t.Id == id);
        Assert.Equal(ApiTokenHandler.Hash(secret), token.TokenHash);
        Assert.NotEqual(secret, token.TokenHash);
        Assert.NotNull(token.LastUsedAt);
    }

    [ProviderFact]
    public async Task PLT_04_ApiToken_Expired_Returns401()
    {
        var (id, secret) = await CreateTokenAsync("bj.sup", validDays: 1);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(secret));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            var past = DateTime.SpecifyKind(new DateTime(2020, 1, 1), DateTimeKind.Utc);
            await db.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, past));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(secret));
    }

    [ProviderFact]
    public async Task PLT_04_ApiToken_OfSomeoneWhoLeft_Returns401()
    {
        const string password = "Integration-2026";
        var userId = await app.CreateStaffAsync("robot.left", "HQ-CS", ["CsManager"], password);
        var (_, secret) = await CreateTokenAsync("robot.left");
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(secret));

        var record = await app.StaffAsync("robot.left");
        using var admin = await app.ClientFor("admin");
        using var update = await admin.PutAsJsonAsync($"/api/staff/{userId}", new
        {
            displayName = (string?)record["displayName"], employeeNumber = (string?)record["employeeNumber"],
            orgUnitId = (int)record["orgUnitId"]!, roles = new[] { "CsManager" }, status = "Left",
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(secret));
    }

    [ProviderTheory]
    [InlineData("userName", "nobody.here", 30)]
    [InlineData("validDays", "sh.sup", 0)]
    [InlineData("validDays", "sh.sup", 3651)]
    public async Task PLT_04_CreateToken_InvalidInput_Returns400NamingTheField(string field, string userName, int validDays)
    {
        using var admin = await app.ClientFor("admin");

        using var response = await admin.PostAsJsonAsync("/api/tokens", new { name = "坏的", userName, validDays });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
    }

    [ProviderFact]
    public async Task PLT_04_CreateToken_WithoutValidDays_ExpiresAfterTheConfiguredDefault()
    {
        var defaultDays = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Kefu.Web.Modules.Administration.ApiTokenOptions>>().Value.DefaultValidDays;
        using var admin = await app.ClientFor("admin");

        using var response = await admin.PostAsJsonAsync("/api/tokens", new { name = "默认期限", userName = "sh.sup" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = (await response.JsonObjectAsync())["token"]!;
        var created = (DateTime)token["createdAt"]!;
        Assert.Equal(created.AddDays(defaultDays), (DateTime?)token["expiresAt"]);
    }

    [ProviderFact]
    public async Task PLT_04_CreateToken_ThatNeverExpires_IsAnExplicitChoiceAndAudited()
    {
        using var admin = await app.ClientFor("admin");

        using var response = await admin.PostAsJsonAsync("/api/tokens", new { name = "永久集成", userName = "sh.sup", neverExpires = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonObjectAsync();
        Assert.Null((string?)created["token"]!["expiresAt"]);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync((string)created["secret"]!));
        var id = ((int)created["token"]!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<KefuDbContext>().AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == "TokenNeverExpires" && a.EntityId == id);
        Assert.Equal("admin", audit.UserName);
    }

    [ProviderFact]
    public async Task PLT_04_CreateToken_WithDaysAndNeverExpires_Returns400NamingValidDays()
    {
        using var admin = await app.ClientFor("admin");

        using var response = await admin.PostAsJsonAsync("/api/tokens", new { name = "矛盾", userName = "sh.sup", validDays = 30, neverExpires = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["validDays"], await response.ProblemFieldsAsync());
    }

    [ProviderFact]
    public async Task PLT_04_UnknownApiToken_Returns401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(ApiTokenHandler.NewToken()));
    }

    [ProviderFact]
    public async Task PLT_04_RevokeToken_UnknownId_Returns404()
    {
        using var admin = await app.ClientFor("admin");
        using var response = await admin.DeleteAsync("/api/tokens/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class ApiTokenTestsOnSqlite(SqliteApp app) : ApiTokenTests(app), IClassFixture<SqliteApp>;

public sealed class ApiTokenTestsOnPostgres(PostgresApp app) : ApiTokenTests(app), IClassFixture<PostgresApp>;
