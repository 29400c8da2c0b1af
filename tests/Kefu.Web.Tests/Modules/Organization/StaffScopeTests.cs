using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Modules.Organization;

/// <summary>ORG-03 for staff records: leaders read the people of their own centre or branch.</summary>
public abstract class StaffScopeTests(KefuFactory app)
{

    private async Task<string[]> StaffSeenByAsync(string userName)
    {
        using var client = await app.ClientFor(userName);
        var page = await client.GetFromJsonAsync<JsonObject>("/api/staff?pageSize=200");
        return page!["items"]!.AsArray().Select(r => (string)r!["userName"]!).Order(StringComparer.Ordinal).ToArray();
    }

    [ProviderFact]
    public async Task ORG_03_StaffList_CompanyWideRole_SeesEveryone()
    {
        var seen = await StaffSeenByAsync("adminclerk");

        Assert.Equal(Kefu.Web.Platform.Seeding.Seeder.DemoUserNames.Append("admin").Order(StringComparer.Ordinal), seen);
    }

    [ProviderFact]
    public async Task ORG_03_StaffList_CentreSupervisor_SeesOnlyTheirCentre() =>
        Assert.Equal(["sh.coord", "sh.coord2", "sh.cs", "sh.eng1", "sh.eng2", "sh.eng3", "sh.lead", "sh.sup"], await StaffSeenByAsync("sh.sup"));

    [ProviderFact]
    public async Task ORG_03_StaffList_BranchGm_SeesOnlyTheirBranch() =>
        Assert.Equal(["bj.cs", "bj.eng1", "bj.sup", "north.gm"], await StaffSeenByAsync("north.gm"));
}

public sealed class StaffScopeTestsOnSqlite(SqliteApp app) : StaffScopeTests(app), IClassFixture<SqliteApp>;

public sealed class StaffScopeTestsOnPostgres(PostgresApp app) : StaffScopeTests(app), IClassFixture<PostgresApp>;
