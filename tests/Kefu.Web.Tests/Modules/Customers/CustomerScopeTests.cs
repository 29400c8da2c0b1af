using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Modules.Customers;

/// <summary>ORG-03: every list and read goes through the caller's data scope; out of scope is 404, not 403.</summary>
public abstract class CustomerScopeTests(KefuFactory app)
{
    private async Task<Dictionary<string, int>> CentreIdsAsync() => new(StringComparer.Ordinal)
    {
        ["SH"] = await app.UnitIdAsync("SH"),
        ["HZ"] = await app.UnitIdAsync("HZ"),
        ["BJ"] = await app.UnitIdAsync("BJ"),
    };

    private async Task<JsonArray> CustomersOfAsync(string userName)
    {
        using var client = await app.ClientFor(userName);
        var page = await client.GetFromJsonAsync<JsonObject>("/api/customers?pageSize=200");
        Assert.Equal(page!["items"]!.AsArray().Count, (int)page["total"]!);
        return page["items"]!.AsArray();
    }

    [ProviderTheory]
    [InlineData("sh.sup", "SH")]
    [InlineData("sh.coord", "SH")]
    [InlineData("hz.sup", "HZ")]
    [InlineData("east.gm", "SH,HZ")]
    [InlineData("north.gm", "BJ")]
    [InlineData("gm", "SH,HZ,BJ")]
    [InlineData("csmgr", "SH,HZ,BJ")]
    public async Task ORG_03_CustomerList_ShowsExactlyTheCentresInScope(string userName, string centres)
    {
        var ids = await CentreIdsAsync();
        var expected = centres.Split(',').Select(c => ids[c]).Order().ToArray();

        var customers = await CustomersOfAsync(userName);

        Assert.Equal(expected, customers.Select(c => (int)c!["centreId"]!).Distinct().Order());
        Assert.Equal(3 * expected.Length, customers.Count);
    }

    [ProviderTheory]
    [InlineData("sh.cs")]
    [InlineData("hz.cs")]
    [InlineData("bj.cs")]
    public async Task ORG_03_CustomerList_SpecialistWithOwnScope_SeesOnlyTheirOwnCustomers(string userName)
    {
        var id = await app.StaffIdAsync(userName);

        var customers = await CustomersOfAsync(userName);

        Assert.Equal(3, customers.Count);
        Assert.All(customers, c => Assert.Equal(id, (string?)c!["ownerId"]));
    }

    [ProviderTheory]
    [InlineData("sh.sup", HttpStatusCode.OK)]
    [InlineData("sh.cs", HttpStatusCode.OK)]
    [InlineData("east.gm", HttpStatusCode.OK)]
    [InlineData("gm", HttpStatusCode.OK)]
    [InlineData("hz.sup", HttpStatusCode.NotFound)]
    [InlineData("hz.cs", HttpStatusCode.NotFound)]
    [InlineData("bj.sup", HttpStatusCode.NotFound)]
    [InlineData("north.gm", HttpStatusCode.NotFound)]
    [InlineData("sh.eng1", HttpStatusCode.Forbidden)]
    public async Task ORG_03_ShanghaiCustomer_ReadByEachRole_IsServedOnlyInScope(string userName, HttpStatusCode expected)
    {
        var customer = (await CustomersOfAsync("sh.sup"))[0]!;
        using var client = await app.ClientFor(userName);

        using var response = await client.GetAsync($"/api/customers/{(int)customer["id"]!}");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal((string?)customer["number"], (string?)(await response.JsonObjectAsync())["number"]);
        }
    }

    [ProviderFact]
    public async Task ORG_03_CustomerList_SearchStaysInsideTheScope()
    {
        using var client = await app.ClientFor("sh.sup");
        var page = await client.GetFromJsonAsync<JsonObject>($"/api/customers?q={Uri.EscapeDataString("杭州")}");

        Assert.Equal(0, (int)page!["total"]!);
    }
}

public sealed class CustomerScopeTestsOnSqlite(SqliteApp app) : CustomerScopeTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerScopeTestsOnPostgres(PostgresApp app) : CustomerScopeTests(app), IClassFixture<PostgresApp>;
