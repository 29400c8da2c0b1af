using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Modules.Organization;

/// <summary>ORG-01: the org tree (company → branches → centres, departments) and who may change it.</summary>
public abstract class OrgUnitTests(KefuFactory app)
{
    private async Task<JsonArray> UnitsAsync()
    {
        using var client = await app.ClientFor("sh.eng1");
        return (await client.GetFromJsonAsync<JsonArray>("/api/org/units"))!;
    }

    [ProviderFact]
    public async Task ORG_01_Tree_IsOrderedByPathAndEveryPathEndsWithItsUnit()
    {
        var units = await UnitsAsync();

        var paths = units.Select(u => (string)u!["path"]!).ToArray();
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
        Assert.All(units, u => Assert.EndsWith($"/{(int)u!["id"]!}/", (string)u["path"]!, StringComparison.Ordinal));
        Assert.Equal("Company", (string?)units[0]!["kind"]);
        Assert.Contains(units, u => (string?)u!["code"] == "SH" && (string?)u["kind"] == "Centre");
    }

    [ProviderFact]
    public async Task ORG_01_CreateUnit_AdministratorUnderABranch_Returns201InsideTheBranch()
    {
        var east = await app.UnitIdAsync("EAST");
        var eastPath = (string)(await UnitsAsync()).Single(u => (int)u!["id"]! == east)!["path"]!;
        using var admin = await app.ClientFor("admin");

        using var response = await admin.PostAsJsonAsync("/api/org/units", new
        {
            parentId = east, kind = "Centre", function = "CustomerService", code = "NJ", name = "南京中心", nameEn = "Nanjing Centre",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var unit = await response.JsonObjectAsync();
        var id = (int)unit["id"]!;
        Assert.Equal($"/api/org/units/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"{eastPath}{id}/", (string?)unit["path"]);
        Assert.Equal(east, (int?)unit["parentId"]);
        Assert.Equal("Asia/Shanghai", (string?)unit["timeZone"]);
        Assert.Contains(await UnitsAsync(), u => (string?)u!["code"] == "NJ");
    }

    [ProviderFact]
    public async Task ORG_01_CreateUnit_MissingCode_Returns400NamingCodeAndSavesNothing()
    {
        var before = (await UnitsAsync()).Count;
        using var admin = await app.ClientFor("admin");

        using var response = await admin.PostAsJsonAsync("/api/org/units", new { parentId = await app.UnitIdAsync("EAST"), kind = "Department", name = "无编码部" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["code"], await response.ProblemFieldsAsync());
        Assert.Equal(before, (await UnitsAsync()).Count);
    }

    [ProviderFact]
    public async Task ORG_01_CreateUnit_CentreUnderACentre_Returns400NamingKind()
    {
        using var admin = await app.ClientFor("admin");

        using var response = await admin.PostAsJsonAsync("/api/org/units", new { parentId = await app.UnitIdAsync("SH"), kind = "Centre", code = "SH-2", name = "上海二中心" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["kind"], await response.ProblemFieldsAsync());
    }

    [ProviderFact]
    public async Task ORG_01_CreateUnit_DepartmentUnderACentre_IsAllowed()
    {
        using var admin = await app.ClientFor("admin");

        using var response = await admin.PostAsJsonAsync("/api/org/units", new { parentId = await app.UnitIdAsync("BJ"), kind = "Department", function = "Warehouse", code = "BJ-WH", name = "北京仓库" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [ProviderFact]
    public async Task ORG_01_CreateUnit_TakenCode_Returns400NamingCode()
    {
        using var admin = await app.ClientFor("admin");

        using var response = await admin.PostAsJsonAsync("/api/org/units", new { parentId = await app.UnitIdAsync("NORTH"), kind = "Centre", code = "SH", name = "重复编码" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["code"], await response.ProblemFieldsAsync());
    }

    [ProviderTheory]
    [InlineData("adminclerk")]
    [InlineData("gm")]
    [InlineData("sh.sup")]
    public async Task ORG_01_CreateUnit_NotASystemAdministrator_Returns403AndSavesNothing(string userName)
    {
        var before = (await UnitsAsync()).Count;
        using var client = await app.ClientFor(userName);

        using var response = await client.PostAsJsonAsync("/api/org/units", new { parentId = await app.UnitIdAsync("EAST"), kind = "Centre", code = "X-" + userName, name = "越权" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, (await UnitsAsync()).Count);
    }

    [ProviderFact]
    public async Task ORG_01_UpdateUnit_StaleVersion_Returns409AndChangesNothing()
    {
        var id = await app.UnitIdAsync("NORTH");
        using var admin = await app.ClientFor("admin");
        var unit = await admin.GetFromJsonAsync<JsonObject>($"/api/org/units/{id}");
        var version = (int)unit!["version"]!;

        using var first = await admin.PutAsJsonAsync($"/api/org/units/{id}", new { kind = "Branch", code = "NORTH", name = "华北分公司（一）", version });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(version + 1, (int)(await first.JsonObjectAsync())["version"]!);

        using var stale = await admin.PutAsJsonAsync($"/api/org/units/{id}", new { kind = "Branch", code = "NORTH", name = "华北分公司（二）", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var after = await admin.GetFromJsonAsync<JsonObject>($"/api/org/units/{id}");
        Assert.Equal("华北分公司（一）", (string?)after!["name"]);
    }

    [ProviderFact]
    public async Task ORG_01_UpdateUnit_ChangingKindOrParent_Returns400()
    {
        var id = await app.UnitIdAsync("HZ");
        using var admin = await app.ClientFor("admin");

        using var response = await admin.PutAsJsonAsync($"/api/org/units/{id}", new { kind = "Department", parentId = await app.UnitIdAsync("NORTH"), code = "HZ", name = "杭州中心" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["kind", "parentId"], (await response.ProblemFieldsAsync()).Order(StringComparer.Ordinal));
    }

    [ProviderFact]
    public async Task ORG_01_GetUnit_UnknownId_Returns404()
    {
        using var client = await app.ClientFor("sh.eng1");
        using var response = await client.GetAsync("/api/org/units/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class OrgUnitTestsOnSqlite(SqliteApp app) : OrgUnitTests(app), IClassFixture<SqliteApp>;

public sealed class OrgUnitTestsOnPostgres(PostgresApp app) : OrgUnitTests(app), IClassFixture<PostgresApp>;
