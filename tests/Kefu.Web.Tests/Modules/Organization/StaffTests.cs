using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Modules.Organization;

/// <summary>ORG-04: staff records, checked in full before anything is written; stale edits are refused.</summary>
public abstract class StaffTests(KefuFactory app)
{
    private async Task<int> StaffCountAsync()
    {
        using var admin = await app.ClientFor("admin");
        var page = await admin.GetFromJsonAsync<JsonObject>("/api/staff?pageSize=1");
        return (int)page!["total"]!;
    }

    private static object Input(JsonObject record, string? displayName = null, string[]? roles = null, string? concurrencyStamp = null) => new
    {
        displayName = displayName ?? (string?)record["displayName"],
        employeeNumber = (string?)record["employeeNumber"],
        orgUnitId = (int)record["orgUnitId"]!,
        roles = roles ?? record["roles"]!.AsArray().Select(r => (string)r!).ToArray(),
        concurrencyStamp,
    };

    [ProviderFact]
    public async Task ORG_04_CreateStaff_AdminClerkInHangzhouWithRoles_Returns201AndTheNewcomerCanSignIn()
    {
        var hz = await app.UnitIdAsync("HZ");
        using var clerk = await app.ClientFor("adminclerk");

        using var response = await clerk.PostAsJsonAsync("/api/staff", new
        {
            userName = "hz.new1", displayName = "新同事", employeeNumber = "E0399", orgUnitId = hz,
            roles = new[] { "CsSpecialist", "FieldEngineer" }, phone = "13800000000", skills = "空调", password = "Welcome-2026",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var staff = await response.JsonObjectAsync();
        Assert.Equal($"/api/staff/{(string)staff["id"]!}", response.Headers.Location?.OriginalString);
        Assert.Equal("hz.new1", (string?)staff["userName"]);
        Assert.Equal(hz, (int?)staff["orgUnitId"]);
        Assert.Equal(["FieldEngineer", "CsSpecialist"], staff["roles"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("Active", (string?)staff["status"]);

        using var login = await app.RequestTokenAsync("hz.new1", "Welcome-2026");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var newcomer = app.ClientWithBearer((string)(await login.JsonObjectAsync())["accessToken"]!);
        var me = await newcomer.GetFromJsonAsync<JsonObject>("/api/me");
        Assert.Equal("HZ", (string?)me!["orgUnit"]!["code"]);
        Assert.Equal("own", (string?)me["scope"]);
    }

    [ProviderTheory]
    [InlineData("employeeNumber", "E0204", "FieldEngineer")]
    [InlineData("roles", "E0398", "Wizard")]
    [InlineData("userName", "E0397", "FieldEngineer", "sh.eng1")]
    [InlineData("password", "E0396", "FieldEngineer", "hz.weak", "short")]
    public async Task ORG_04_CreateStaff_InvalidInput_Returns400NamingTheFieldAndSavesNothing(
        string field, string employeeNumber, string role, string userName = "hz.new2", string password = "Welcome-2026")
    {
        var before = await StaffCountAsync();
        using var clerk = await app.ClientFor("adminclerk");

        using var response = await clerk.PostAsJsonAsync("/api/staff", new
        {
            userName, displayName = "新同事", employeeNumber, orgUnitId = await app.UnitIdAsync("HZ"), roles = new[] { role }, password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
        Assert.Equal(before, await StaffCountAsync());
    }

    [ProviderFact]
    public async Task ORG_04_CreateStaff_Empty_Returns400NamingEveryRequiredField()
    {
        using var clerk = await app.ClientFor("adminclerk");

        using var response = await clerk.PostAsJsonAsync("/api/staff", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["displayName", "employeeNumber", "orgUnitId", "password", "roles", "userName"],
            (await response.ProblemFieldsAsync()).Order(StringComparer.Ordinal));
    }

    [ProviderFact]
    public async Task ORG_04_UpdateStaff_ChangedFieldsAndRoles_AreSaved()
    {
        var record = await app.StaffAsync("hz.eng1");
        var id = (string)record["id"]!;
        using var clerk = await app.ClientFor("adminclerk");

        using var response = await clerk.PutAsJsonAsync($"/api/staff/{id}", new
        {
            displayName = "秦杭州组长", employeeNumber = (string?)record["employeeNumber"], orgUnitId = (int)record["orgUnitId"]!,
            roles = new[] { "FieldEngineer", "TeamLeader" }, phone = "13900000000", grade = "高级", skills = "制冷;电气",
            hireDate = "2024-03-01", concurrencyStamp = (string?)record["concurrencyStamp"],
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await app.StaffAsync("hz.eng1");
        Assert.Equal("秦杭州组长", (string?)after["displayName"]);
        Assert.Equal(["FieldEngineer", "TeamLeader"], after["roles"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("13900000000", (string?)after["phone"]);
        Assert.Equal("高级", (string?)after["grade"]);
        Assert.Equal("2024-03-01", (string?)after["hireDate"]);
        Assert.NotEqual((string?)record["concurrencyStamp"], (string?)after["concurrencyStamp"]);
    }

    [ProviderFact]
    public async Task ORG_04_UpdateStaff_StaleConcurrencyStamp_Returns409AndChangesNothing()
    {
        var record = await app.StaffAsync("bj.eng1");
        var id = (string)record["id"]!;
        var stamp = (string)record["concurrencyStamp"]!;
        using var clerk = await app.ClientFor("adminclerk");

        using var first = await clerk.PutAsJsonAsync($"/api/staff/{id}", Input(record, displayName: "吕北京工程师（一）", concurrencyStamp: stamp));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var stale = await clerk.PutAsJsonAsync($"/api/staff/{id}", Input(record, displayName: "吕北京工程师（二）", concurrencyStamp: stamp));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        Assert.Equal("吕北京工程师（一）", (string?)(await app.StaffAsync("bj.eng1"))["displayName"]);
    }

    [ProviderFact]
    public async Task ORG_04_UpdateStaff_EmployeeNumberOfSomeoneElse_Returns400()
    {
        var record = await app.StaffAsync("sh.lead");
        using var clerk = await app.ClientFor("adminclerk");

        using var response = await clerk.PutAsJsonAsync($"/api/staff/{(string)record["id"]!}", new
        {
            displayName = (string?)record["displayName"], employeeNumber = "E0001", orgUnitId = (int)record["orgUnitId"]!, roles = new[] { "TeamLeader" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["employeeNumber"], await response.ProblemFieldsAsync());
        Assert.Equal("E0206", (string?)(await app.StaffAsync("sh.lead"))["employeeNumber"]);
    }

    [ProviderFact]
    public async Task ORG_04_UpdateStaff_UnknownId_Returns404()
    {
        using var clerk = await app.ClientFor("adminclerk");

        using var response = await clerk.PutAsJsonAsync("/api/staff/no-such-id", new { displayName = "x", employeeNumber = "E9999", orgUnitId = 1, roles = new[] { "Gm" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [ProviderFact]
    public async Task ORG_04_StaffList_FiltersByRoleAndUnit()
    {
        using var admin = await app.ClientFor("admin");

        var engineers = await admin.GetFromJsonAsync<JsonObject>("/api/staff?role=FieldEngineer&pageSize=200");
        Assert.All(engineers!["items"]!.AsArray(), r => Assert.Contains("FieldEngineer", r!["roles"]!.AsArray().Select(x => (string?)x)));
        Assert.Contains(engineers["items"]!.AsArray(), r => (string?)r!["userName"] == "bj.eng1");

        var beijing = await admin.GetFromJsonAsync<JsonObject>($"/api/staff?orgUnitId={await app.UnitIdAsync("BJ")}&pageSize=200");
        Assert.Equal(["bj.cs", "bj.eng1", "bj.sup"], beijing!["items"]!.AsArray().Select(r => (string)r!["userName"]!).Order(StringComparer.Ordinal));

        using var badRole = await admin.GetAsync("/api/staff?role=Wizard");
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Equal(["role"], await badRole.ProblemFieldsAsync());
    }

    [ProviderFact]
    public async Task ORG_04_CreateStaff_PhoneWithLetters_Returns400NamingThePhoneAndSavesNothing()
    {
        var before = await StaffCountAsync();
        using var clerk = await app.ClientFor("adminclerk");

        using var response = await clerk.PostAsJsonAsync("/api/staff", new
        {
            userName = "hz.phone1", displayName = "新同事", employeeNumber = "E0395", orgUnitId = await app.UnitIdAsync("HZ"),
            roles = new[] { "FieldEngineer" }, phone = "1380013800O", password = "Welcome-2026",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["phone"], await response.ProblemFieldsAsync());
        Assert.Equal(before, await StaffCountAsync());
    }
}

public sealed class StaffTestsOnSqlite(SqliteApp app) : StaffTests(app), IClassFixture<SqliteApp>;

public sealed class StaffTestsOnPostgres(PostgresApp app) : StaffTests(app), IClassFixture<PostgresApp>;
