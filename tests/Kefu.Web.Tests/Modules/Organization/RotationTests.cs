using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Modules.Organization;

/// <summary>ORG-05: a job rotation moves a person and hands everything they own to a named successor, in one audited step.</summary>
public abstract class RotationTests(KefuFactory app)
{
    private async Task<HttpResponseMessage> RotateAsync(string userName, object body)
    {
        using var clerk = await app.ClientFor("adminclerk");
        return await clerk.PostAsJsonAsync($"/api/staff/{await app.StaffIdAsync(userName)}/rotation", body);
    }

    private async Task<JsonArray> CustomersSeenByAsync(string userName)
    {
        using var client = await app.ClientFor(userName);
        var page = await client.GetFromJsonAsync<JsonObject>("/api/customers?pageSize=200");
        return page!["items"]!.AsArray();
    }

    [ProviderFact]
    public async Task ORG_05_Rotate_SpecialistToHangzhouWithSuccessor_HandsOverEveryCustomerAndIsAudited()
    {
        var person = await app.StaffIdAsync("sh.cs");
        var successor = await app.StaffIdAsync("sh.coord");
        var hz = await app.UnitIdAsync("HZ");
        var shanghaiCustomers = await CustomersSeenByAsync("sh.sup");
        Assert.Equal(3, shanghaiCustomers.Count);
        Assert.All(shanghaiCustomers, c => Assert.Equal(person, (string?)c!["ownerId"]));
        using var before = await app.ClientFor("sh.cs");

        using var response = await RotateAsync("sh.cs", new { newOrgUnitId = hz, successorId = successor });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.JsonObjectAsync();
        Assert.Equal(hz, (int?)outcome["newOrgUnitId"]);
        Assert.Equal(successor, (string?)outcome["successorId"]);
        Assert.Equal(3, (int?)outcome["transferred"]!["Owned.Customers"]);

        var after = await CustomersSeenByAsync("sh.sup");
        Assert.Equal(shanghaiCustomers.Select(c => (int)c!["id"]!).Order(), after.Select(c => (int)c!["id"]!).Order());
        Assert.All(after, c => Assert.Equal(successor, (string?)c!["ownerId"]));
        Assert.Equal(hz, (int?)(await app.StaffAsync("sh.cs"))["orgUnitId"]);

        // A session from before the move never shows the old centre: it is either signed out or sees the new one.
        using (var stale = await before.GetAsync("/api/me"))
        {
            if (stale.IsSuccessStatusCode)
            {
                Assert.Equal("HZ", (string?)(await stale.JsonObjectAsync())["orgUnit"]!["code"]);
            }
            else
            {
                Assert.Contains(stale.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
            }
        }

        using (var fresh = await app.RequestTokenAsync("sh.cs", KefuFactory.DemoPassword))
        using (var client = app.ClientWithBearer((string)(await fresh.JsonObjectAsync())["accessToken"]!))
        {
            Assert.Equal("HZ", (string?)(await client.GetFromJsonAsync<JsonObject>("/api/me"))!["orgUnit"]!["code"]);
        }

        using var admin = await app.ClientFor("admin");
        var audit = await admin.GetFromJsonAsync<JsonObject>("/api/audit?action=Rotation&pageSize=200");
        var entry = Assert.Single(audit!["items"]!.AsArray(), a => (string?)a!["entityId"] == person);
        Assert.Equal("KefuUser", (string?)entry!["entityType"]);
        Assert.Equal("adminclerk", (string?)entry["userName"]);
        var details = JsonNode.Parse((string)entry["changes"]!)!;
        Assert.Equal(successor, (string?)details["successorId"]);
        Assert.Equal(hz, (int?)details["orgUnitId"]);

        // Each hand-over is also a row change in the log: OwnerId old → new.
        var customerAudit = await admin.GetFromJsonAsync<JsonObject>($"/api/audit?entityType=Customer&entityId={(int)after[0]!["id"]!}&action=Update");
        var ownerChange = JsonNode.Parse((string)customerAudit!["items"]![0]!["changes"]!)!["OwnerId"]!.AsArray();
        Assert.Equal([person, successor], ownerChange.Select(v => (string?)v));
    }

    [ProviderFact]
    public async Task ORG_05_Rotate_WithoutSuccessorWhileOwningCustomers_Returns400AndChangesNothing()
    {
        var person = await app.StaffIdAsync("bj.cs");
        var bj = await app.UnitIdAsync("BJ");

        using var response = await RotateAsync("bj.cs", new { newOrgUnitId = await app.UnitIdAsync("HZ") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["successorId"], await response.ProblemFieldsAsync());
        Assert.Equal(bj, (int?)(await app.StaffAsync("bj.cs"))["orgUnitId"]);
        Assert.All(await CustomersSeenByAsync("bj.sup"), c => Assert.Equal(person, (string?)c!["ownerId"]));
    }

    [ProviderFact]
    public async Task ORG_05_Rotate_SuccessorIsThePersonThemself_Returns400()
    {
        using var response = await RotateAsync("hz.cs", new { newOrgUnitId = await app.UnitIdAsync("BJ"), successorId = await app.StaffIdAsync("hz.cs") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["successorId"], await response.ProblemFieldsAsync());
    }

    [ProviderFact]
    public async Task ORG_05_Rotate_SuccessorNotOnDutyYet_Returns400()
    {
        var trainee = await app.CreateStaffAsync("hz.trainee", "HZ", ["CsSpecialist"], "Trainee-2026", onDuty: false);

        using var response = await RotateAsync("hz.cs", new { newOrgUnitId = await app.UnitIdAsync("BJ"), successorId = trainee });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["successorId"], await response.ProblemFieldsAsync());
    }

    [ProviderFact]
    public async Task ORG_05_Rotate_NeitherUnitNorRolesChange_Returns400()
    {
        using var response = await RotateAsync("sh.eng1", new { newOrgUnitId = await app.UnitIdAsync("SH"), newRoles = new[] { "FieldEngineer" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["newOrgUnitId"], await response.ProblemFieldsAsync());
    }

    [ProviderFact]
    public async Task ORG_05_Rotate_PersonOwningNothing_NeedsNoSuccessorAndMayChangeRoles()
    {
        var bj = await app.UnitIdAsync("BJ");

        using var response = await RotateAsync("sh.eng2", new { newOrgUnitId = bj, newRoles = new[] { "TeamLeader" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await app.StaffAsync("sh.eng2");
        Assert.Equal(bj, (int?)record["orgUnitId"]);
        Assert.Equal(["TeamLeader"], record["roles"]!.AsArray().Select(r => (string?)r));
    }

    [ProviderFact]
    public async Task ORG_05_Rotate_StaleConcurrencyStamp_Returns409()
    {
        using var response = await RotateAsync("bj.eng1", new { newOrgUnitId = await app.UnitIdAsync("HZ"), concurrencyStamp = "stale" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(await app.UnitIdAsync("BJ"), (int?)(await app.StaffAsync("bj.eng1"))["orgUnitId"]);
    }

    [ProviderFact]
    public async Task ORG_05_OwnedRecords_CountsWhatARotationWouldHandOver()
    {
        using var clerk = await app.ClientFor("adminclerk");

        var owned = await clerk.GetFromJsonAsync<JsonObject>($"/api/staff/{await app.StaffIdAsync("bj.cs")}/owned");

        Assert.Equal(3, (int?)owned!["Owned.Customers"]);
    }

    [ProviderFact]
    public async Task ORG_05_Rotate_RemovedRole_StopsWorkingForTheTokenAlreadyIssued()
    {
        const string password = "Demoted-2026";
        await app.CreateStaffAsync("gm.demoted", "HQ-GMO", ["Gm"], password);
        using var login = await app.RequestTokenAsync("gm.demoted", password);
        using var client = app.ClientWithBearer((string)(await login.JsonObjectAsync())["accessToken"]!);
        using (var allowed = await client.GetAsync("/api/audit?pageSize=1"))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var rotation = await RotateAsync("gm.demoted", new { newRoles = new[] { "FieldEngineer" } });
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);

        // Either the old token is refused (401) or it no longer carries the role (403).
        using var denied = await client.GetAsync("/api/audit?pageSize=1");
        Assert.Contains(denied.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
    }
}

public sealed class RotationTestsOnSqlite(SqliteApp app) : RotationTests(app), IClassFixture<SqliteApp>;

public sealed class RotationTestsOnPostgres(PostgresApp app) : RotationTests(app), IClassFixture<PostgresApp>;
