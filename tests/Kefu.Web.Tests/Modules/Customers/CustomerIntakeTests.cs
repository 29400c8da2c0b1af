using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Modules.Customers;

/// <summary>CUS-02..05 over the API on both databases.</summary>
public abstract class CustomerIntakeTests(KefuFactory app)
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    [ProviderFact]
    public async Task CUS_03_possible_duplicates_are_shown_before_saving_and_can_be_confirmed()
    {
        var name = "测试重复客户" + Guid.NewGuid().ToString("N")[..6];
        var (created, first) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name, phone = "021-5555 1234", taxId = "91310000MA1TEST01X" });
        Assert.Equal(HttpStatusCode.Created, created);

        var (conflict, candidates) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = name.Replace("测试", "测试 ", StringComparison.Ordinal), phone = "+86 2155551234" });
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        var candidate = candidates!.AsArray().Single(c => (int)c!["id"]! == (int)first!["id"]!)!;
        Assert.Contains("name", candidate["matches"]!.AsArray().Select(m => (string)m!));

        var (confirmed, _) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name, confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.Created, confirmed);

        var (invalid, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "", contactEmail = "not-an-email" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("name"));
        Assert.True(problem["errors"]!.AsObject().ContainsKey("contactEmail"));
    }

    [ProviderFact]
    public async Task CUS_02_every_change_is_kept_with_old_and_new_values()
    {
        var (_, created) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "历史客户" + Guid.NewGuid().ToString("N")[..6], grade = "B", confirmDuplicate = true });
        var id = (int)created!["id"]!;
        var (updated, _) = await SendAsync("sh.cs", HttpMethod.Put, $"/api/customers/{id}", new { name = (string)created["name"]!, grade = "A" });
        Assert.Equal(HttpStatusCode.OK, updated);
        var (status, history) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{id}/history");
        Assert.Equal(HttpStatusCode.OK, status);
        var update = history!.AsArray().Last(h => (string?)h!["action"] == "Update")!;
        Assert.Contains("\"Grade\":[\"B\",\"A\"]", (string?)update["changes"], StringComparison.Ordinal);
        Assert.Equal("sh.cs", (string?)update["userName"]);
        var (other, _) = await SendAsync("hz.sup", HttpMethod.Get, $"/api/customers/{id}/history");
        Assert.Equal(HttpStatusCode.NotFound, other);
    }

    [ProviderFact]
    public async Task CUS_04_and_CUS_05_supervisor_assigns_with_the_suggestion_and_the_first_contact_stops_the_week()
    {
        var (_, created) = await SendAsync("sh.sup", HttpMethod.Post, "/api/customers", new { name = "待分配客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true });
        var id = (int)created!["id"]!;
        var (status, suggestion) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/assignment/suggestion?customerIds={id}");
        Assert.Equal(HttpStatusCode.OK, status);
        var specialist = (string)suggestion!.AsArray().Single()!["specialistId"]!;
        Assert.Equal(await app.StaffIdAsync("sh.cs"), specialist); // the only specialist of 上海中心

        var (assigned, _) = await SendAsync("sh.sup", HttpMethod.Post, "/api/customers/assignment", new { customerIds = new[] { id }, specialistId = specialist });
        Assert.Equal(HttpStatusCode.OK, assigned);
        var (_, timers) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/sla/timers?recordType=Customer&recordId={id}");
        var timer = timers!.AsArray().Single()!;
        Assert.Equal("CUS-05", (string?)timer["rule"]);
        Assert.Equal("Running", (string?)timer["status"]);

        // Another centre's supervisor cannot assign it, nor to another centre's specialist.
        var (foreign, _) = await SendAsync("hz.sup", HttpMethod.Post, "/api/customers/assignment", new { customerIds = new[] { id }, specialistId = await app.StaffIdAsync("hz.cs") });
        Assert.Equal(HttpStatusCode.BadRequest, foreign);

        var (contacted, _) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{id}/contacts", new { channel = "Phone", summary = "自我介绍并确认联系人" });
        Assert.Equal(HttpStatusCode.Created, contacted);
        var (_, after) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/sla/timers?recordType=Customer&recordId={id}");
        Assert.Equal("Stopped", (string?)after!.AsArray().Single()!["status"]);
    }

    [ProviderFact]
    public async Task CUS_01_a_phone_with_letters_is_refused_naming_the_field_and_nothing_is_saved()
    {
        var name = "电话校验客户" + Guid.NewGuid().ToString("N")[..6];
        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name, phone = "138-OO13-8000" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(["phone"], problem!["errors"]!.AsObject().Select(e => e.Key));
        var (_, page) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/customers?q={Uri.EscapeDataString(name)}");
        Assert.Equal(0, (int)page!["total"]!);

        var (created, customer) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name, phone = "0571 8888 8888 转 123", confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.Created, created);
        var (updated, edit) = await SendAsync("sh.cs", HttpMethod.Put, $"/api/customers/{(int)customer!["id"]!}",
            new { name, phone = "call me", version = (int)customer["version"]! });
        Assert.Equal(HttpStatusCode.BadRequest, updated);
        Assert.True(edit!["errors"]!.AsObject().ContainsKey("phone"));

        var (inquiry, inquiryProblem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/inquiries",
            new { company = name, intent = "Buy", province = "上海", phone = "021-5555 12AB" });
        Assert.Equal(HttpStatusCode.BadRequest, inquiry);
        Assert.Equal(["phone"], inquiryProblem!["errors"]!.AsObject().Select(e => e.Key));
    }
}

public sealed class CustomerIntakeTestsOnSqlite(SqliteApp app) : CustomerIntakeTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerIntakeTestsOnPostgres(PostgresApp app) : CustomerIntakeTests(app), IClassFixture<PostgresApp>;
