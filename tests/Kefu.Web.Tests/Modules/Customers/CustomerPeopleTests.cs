using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Modules.Customers;

/// <summary>CUS-01 over the API on both databases: several contacts and addresses, exactly one of each primary, mirrored on the profile.</summary>
public abstract class CustomerPeopleTests(KefuFactory app)
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    private async Task<int> CustomerAsync(object? extra = null)
    {
        var name = "联系人客户" + Guid.NewGuid().ToString("N")[..8];
        var body = extra is null ? (object)new { name, confirmDuplicate = true }
            : new { name, confirmDuplicate = true, contactName = "王经理", contactEmail = "wang@people.example", province = "上海", city = "上海", address = "浦东新区 1 号" };
        var (status, created) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", body);
        Assert.Equal(HttpStatusCode.Created, status);
        return (int)created!["id"]!;
    }

    private async Task<JsonArray> ListAsync(int customer, string what)
    {
        var (status, list) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/customers/{customer}/{what}");
        Assert.Equal(HttpStatusCode.OK, status);
        return list!.AsArray();
    }

    private static int[] PrimaryIds(JsonArray list) => list.Where(e => (bool)e!["isPrimary"]!).Select(e => (int)e!["id"]!).ToArray();

    private async Task<JsonNode> ProfileAsync(int customer)
    {
        var (_, history) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{customer}/history");
        return history!;
    }

    [ProviderFact]
    public async Task CUS_01_several_contacts_one_primary_and_making_another_primary_moves_the_mark_and_the_profile_follows()
    {
        var customer = await CustomerAsync();
        var (s1, first) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/contact-persons",
            new { name = "李采购", phone = "13800138000", email = "li@people.example", position = "采购经理" });
        Assert.Equal(HttpStatusCode.Created, s1);
        Assert.True((bool)first!["isPrimary"]!);
        var (s2, second) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/contact-persons",
            new { name = "赵仓管", phone = "021-5555 0102", position = "仓库主管" });
        Assert.Equal(HttpStatusCode.Created, s2);
        Assert.False((bool)second!["isPrimary"]!);
        var secondId = (int)second["id"]!;

        var list = await ListAsync(customer, "contact-persons");
        Assert.Equal(2, list.Count);
        Assert.Equal([(int)first["id"]!], PrimaryIds(list));

        // Marking the second moves the mark: still exactly one.
        var (moved, now) = await SendAsync("sh.cs", HttpMethod.Put, $"/api/customers/{customer}/contact-persons/{secondId}",
            new { name = "赵仓管", phone = "021-5555 0102", position = "仓库主管", isPrimary = true, version = (int)second["version"]! });
        Assert.Equal(HttpStatusCode.OK, moved);
        Assert.True((bool)now!["isPrimary"]!);
        Assert.Equal([secondId], PrimaryIds(await ListAsync(customer, "contact-persons")));

        // The profile's contact is the primary; its change is on the customer's history (CUS-02).
        var changes = (await ProfileAsync(customer)).AsArray().Select(h => (string?)h!["changes"] ?? "").ToArray();
        Assert.Contains(changes, c => c.Contains("ContactName", StringComparison.Ordinal) && c.Contains("赵仓管", StringComparison.Ordinal));

        // A stale version is refused.
        var (stale, _) = await SendAsync("sh.cs", HttpMethod.Put, $"/api/customers/{customer}/contact-persons/{secondId}",
            new { name = "赵仓管", isPrimary = true, version = (int)second["version"]! });
        Assert.Equal(HttpStatusCode.Conflict, stale);
    }

    [ProviderFact]
    public async Task CUS_01_the_primary_is_not_unmarked_by_itself_and_removing_it_hands_the_mark_to_the_oldest()
    {
        var customer = await CustomerAsync();
        var ids = new List<int>();
        foreach (var name in new[] { "甲", "乙", "丙" })
        {
            var (_, created) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/contact-persons", new { name });
            ids.Add((int)created!["id"]!);
        }

        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Put, $"/api/customers/{customer}/contact-persons/{ids[0]}", new { name = "甲", isPrimary = false });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("CUS-01", (string?)problem!["rules"]!["isPrimary"]![0]);
        Assert.Equal([ids[0]], PrimaryIds(await ListAsync(customer, "contact-persons")));

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync("sh.cs", HttpMethod.Delete, $"/api/customers/{customer}/contact-persons/{ids[0]}")).Status);
        var left = await ListAsync(customer, "contact-persons");
        Assert.Equal(2, left.Count);
        Assert.Equal([ids[1]], PrimaryIds(left));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("sh.cs", HttpMethod.Delete, $"/api/customers/{customer}/contact-persons/{ids[0]}")).Status);

        // A contact named in another customer's URL is not found there.
        var other = await CustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("sh.cs", HttpMethod.Delete, $"/api/customers/{other}/contact-persons/{ids[1]}")).Status);

        // Bad input names its field.
        var (bad, badProblem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/contact-persons", new { name = " ", email = "not-an-address", portalAccess = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal(["email", "name"], badProblem!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToArray());
    }

    [ProviderFact]
    public async Task CUS_01_addresses_keep_one_primary_and_the_profile_shows_it()
    {
        var customer = await CustomerAsync();
        var (_, office) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/addresses",
            new { label = "办公", province = "上海", city = "上海", district = "浦东新区", line = "张江路 1 号" });
        var (_, warehouse) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/addresses",
            new { label = "仓库", province = "江苏", city = "苏州", line = "工业园区 8 号", isPrimary = true });
        Assert.False((bool)(await ListAsync(customer, "addresses")).Single(a => (int)a!["id"]! == (int)office!["id"]!)!["isPrimary"]!);
        Assert.Equal([(int)warehouse!["id"]!], PrimaryIds(await ListAsync(customer, "addresses")));
        var changes = (await ProfileAsync(customer)).AsArray().Select(h => (string?)h!["changes"] ?? "").ToArray();
        Assert.Contains(changes, c => c.Contains("工业园区 8 号", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync("sh.cs", HttpMethod.Delete, $"/api/customers/{customer}/addresses/{(int)warehouse["id"]!}")).Status);
        Assert.Equal([(int)office!["id"]!], PrimaryIds(await ListAsync(customer, "addresses")));

        var (bad, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/addresses", new { label = "空" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(problem!["errors"]!["line"]);
    }

    [ProviderFact]
    public async Task CUS_01_the_customer_api_contact_and_address_are_the_primary_ones()
    {
        var customer = await CustomerAsync(new { });
        var contacts = await ListAsync(customer, "contact-persons");
        var only = Assert.Single(contacts);
        Assert.Equal("王经理", (string?)only!["name"]);
        Assert.Equal("wang@people.example", (string?)only["email"]);
        Assert.True((bool)only["isPrimary"]!);
        Assert.True((bool)only["portalAccess"]!);
        var address = Assert.Single(await ListAsync(customer, "addresses"));
        Assert.Equal("浦东新区 1 号", (string?)address!["line"]);

        // Editing the profile's contact edits the primary contact, and a second contact stays as it was.
        await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/contact-persons", new { name = "副联系人" });
        var (updated, _) = await SendAsync("sh.cs", HttpMethod.Put, $"/api/customers/{customer}",
            new { name = "联系人客户改名" + Guid.NewGuid().ToString("N")[..6], contactName = "王总", contactEmail = "wang@people.example", address = "浦东新区 2 号" });
        Assert.Equal(HttpStatusCode.OK, updated);
        var after = await ListAsync(customer, "contact-persons");
        Assert.Equal(2, after.Count);
        Assert.Equal("王总", (string?)after.Single(c => (bool)c!["isPrimary"]!)!["name"]);
        Assert.Equal("浦东新区 2 号", (string?)Assert.Single(await ListAsync(customer, "addresses"))!["line"]);
    }
}

public sealed class CustomerPeopleTestsOnSqlite(SqliteApp app) : CustomerPeopleTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerPeopleTestsOnPostgres(PostgresApp app) : CustomerPeopleTests(app), IClassFixture<PostgresApp>;
