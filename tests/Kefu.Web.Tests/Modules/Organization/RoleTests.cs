using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Organization;

/// <summary>ORG-02: the catalogue's roles exist, and a person may hold several.</summary>
public abstract class RoleTests(KefuFactory app)
{
    [ProviderFact]
    public async Task ORG_02_every_catalogue_role_exists()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var names = await db.Roles.Select(r => r.Name).ToListAsync();
        Assert.Equal(Enum.GetNames<Role>().Order(StringComparer.Ordinal), names.OfType<string>().Order(StringComparer.Ordinal));
    }

    [ProviderFact]
    public async Task ORG_02_a_person_may_hold_several_roles_and_gets_the_widest_scope()
    {
        const string password = "Two-roles-2026";
        await app.CreateStaffAsync("two.roles", "SH", ["FieldEngineer", "CentreSupervisor"], password);
        using var login = await app.RequestTokenAsync("two.roles", password);
        using var client = app.ClientWithBearer((string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!);
        var me = await client.GetFromJsonAsync<JsonObject>("/api/me");
        Assert.Equal(["CentreSupervisor", "FieldEngineer"], me!["roles"]!.AsArray().Select(r => (string)r!).Order(StringComparer.Ordinal));
        Assert.Equal("centre", (string?)me["scope"]);
    }
}

public sealed class RoleTestsOnSqlite(SqliteApp app) : RoleTests(app), IClassFixture<SqliteApp>;

public sealed class RoleTestsOnPostgres(PostgresApp app) : RoleTests(app), IClassFixture<PostgresApp>;
