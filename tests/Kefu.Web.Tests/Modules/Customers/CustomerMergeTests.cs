using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Customers;

/// <summary>CUS-03 merging duplicates and the CUS-06 analysis sheet over the API on both databases.</summary>
public abstract class CustomerMergeTests(KefuFactory app)
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private async Task<int> CreateAsync(object customer)
    {
        var (status, body) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", customer);
        Assert.True(status == HttpStatusCode.Created, $"Creating a customer: {(int)status} {body?.ToJsonString()}");
        return (int)body!["id"]!;
    }

    private async Task<int> VisitAsync(int customerId, string rating, bool followUp = false)
    {
        var (status, visit) = await SendAsync("sh.cs", HttpMethod.Post, "/api/visits", new
        {
            customerId, channel = "Phone", rating, feedback = "回访记录 " + rating, createFollowUp = followUp, followUpTitle = followUp ? "跟进: 发票抬头有误" : null,
        });
        Assert.True(status == HttpStatusCode.Created, $"Recording a visit: {(int)status} {visit?.ToJsonString()}");
        return (int)visit!["id"]!;
    }

    /// <summary>A completed job of sh.eng1 for the customer, rated by the coordinator when <paramref name="rating"/> is given.</summary>
    private async Task<int> CallbackAsync(int customerId, string? rating = null, bool complaint = false)
    {
        var (status, callback) = await SendAsync("sh.coord", HttpMethod.Post, "/api/callbacks", new
        {
            jobReference = "JOB-" + Guid.NewGuid().ToString("N")[..8], customerId, technicianId = await app.StaffIdAsync("sh.eng1"),
            completedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(-2),
        });
        Assert.True(status == HttpStatusCode.Created, $"Adding a callback: {(int)status} {callback?.ToJsonString()}");
        var id = (int)callback!["id"]!;
        if (rating is not null)
        {
            var (recorded, _) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/callbacks/{id}/result", new { rating, complaint });
            Assert.Equal(HttpStatusCode.OK, recorded);
        }

        return id;
    }

    private async Task<JsonNode?> CallbackByIdAsync(string user, int id)
    {
        var (status, page) = await SendAsync(user, HttpMethod.Get, "/api/callbacks?pageSize=200");
        Assert.Equal(HttpStatusCode.OK, status);
        return page!["items"]!.AsArray().SingleOrDefault(c => (int)c!["id"]! == id);
    }

    [ProviderFact]
    public async Task CUS_03_a_supervisor_merges_a_duplicate_its_records_move_and_it_leaves_the_lists()
    {
        var name = "合并测试客户" + Guid.NewGuid().ToString("N")[..6];
        var survivor = await CreateAsync(new { name, confirmDuplicate = true });
        var duplicate = await CreateAsync(new { name, phone = "021-6123 4567", grade = "B", industry = "制造", confirmDuplicate = true });
        var visit = await VisitAsync(duplicate, "Satisfied");
        var callback = await CallbackAsync(duplicate);

        // The survivor's duplicates name the other record.
        var (_, candidates) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{survivor}/duplicates");
        Assert.Contains("name", candidates!.AsArray().Single(c => (int)c!["id"]! == duplicate)!["matches"]!.AsArray().Select(m => (string)m!));

        // Only a supervisor merges, and only in their own scope.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{survivor}/merge", new { duplicateId = duplicate })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/customers/{survivor}/merge", new { duplicateId = duplicate })).Status);
        var (self, selfProblem) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/customers/{survivor}/merge", new { duplicateId = survivor });
        Assert.Equal(HttpStatusCode.BadRequest, self);
        Assert.True(selfProblem!["errors"]!.AsObject().ContainsKey("duplicateId"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{duplicate}")).Status);

        var (merged, _) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/customers/{survivor}/merge", new { duplicateId = duplicate });
        Assert.Equal(HttpStatusCode.NoContent, merged);

        // The duplicate is gone from reads and lists, for the supervisor and the owner alike.
        foreach (var user in new[] { "sh.sup", "sh.cs" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(user, HttpMethod.Get, $"/api/customers/{duplicate}")).Status);
            var (_, list) = await SendAsync(user, HttpMethod.Get, "/api/customers?pageSize=200&q=" + Uri.EscapeDataString(name));
            Assert.Equal([survivor], list!["items"]!.AsArray().Select(c => (int)c!["id"]!));
        }

        var (_, again) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{survivor}/duplicates");
        Assert.DoesNotContain(again!.AsArray(), c => (int)c!["id"]! == duplicate);

        // Blank fields of the survivor took the duplicate's values.
        var (_, kept) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{survivor}");
        Assert.Equal("021-6123 4567", (string?)kept!["phone"]);
        Assert.Equal("B", (string?)kept["grade"]);

        // Its visit and its callback now belong to the survivor.
        var (_, visits) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/visits?customerId={survivor}");
        Assert.Equal([visit], visits!["items"]!.AsArray().Select(v => (int)v!["id"]!));
        var (_, orphaned) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/visits?customerId={duplicate}");
        Assert.Empty(orphaned!["items"]!.AsArray());
        Assert.Equal(survivor, (int?)(await CallbackByIdAsync("sh.coord", callback))!["customerId"]);

        // A merged record cannot be merged or edited any more.
        var (twice, _) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/customers/{survivor}/merge", new { duplicateId = duplicate });
        Assert.Equal(HttpStatusCode.BadRequest, twice);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("sh.cs", HttpMethod.Put, $"/api/customers/{duplicate}", new { name })).Status);
    }

    [ProviderFact]
    public async Task CUS_03_merging_keeps_the_survivors_own_values()
    {
        var name = "保留字段客户" + Guid.NewGuid().ToString("N")[..6];
        var survivor = await CreateAsync(new { name, phone = "010-8888 0001", grade = "A", confirmDuplicate = true });
        var duplicate = await CreateAsync(new { name, phone = "010-8888 0002", grade = "C", confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/customers/{survivor}/merge", new { duplicateId = duplicate })).Status);
        var (_, kept) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{survivor}");
        Assert.Equal("010-8888 0001", (string?)kept!["phone"]);
        Assert.Equal("A", (string?)kept["grade"]);
    }

    private DateTimeOffset Now => app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>A work order of the customer (ORD-04), a draft; returns its number.</summary>
    private async Task<string> OrderAsync(int customerId, string goodsName)
    {
        var (status, order) = await SendAsync("sh.cs", HttpMethod.Post, "/api/orders", new
        {
            customerId, channel = "Email", dangerousGoods = "None", jobType = "SameCityDelivery", requestedArrival = Now.AddHours(48),
            pickupParty = "浦江仓库", pickupCity = "上海", pickupAddress = "浦东新区 1 号", deliveryParty = "收货公司", deliveryCity = "上海",
            deliveryAddress = "某路 2 号", goodsName, pieces = 3, settlement = "Monthly",
        });
        Assert.True(status == HttpStatusCode.Created, $"Creating an order: {(int)status} {order?.ToJsonString()}");
        return (string)order!["number"]!;
    }

    /// <summary>
    /// CUS-06 (客户透析表): per customer — orders, cases, complaints, satisfaction, receivables, visits.
    /// Every module that keeps such records shows them on the sheet (receivables are not kept yet).
    /// </summary>
    [ProviderFact]
    public async Task CUS_06_the_analysis_sheet_shows_the_customers_orders_complaints_visits_cases_and_satisfaction()
    {
        var customer = await CreateAsync(new { name = "透析客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true });
        var first = await OrderAsync(customer, "电子元件");
        var second = await OrderAsync(customer, "空调外机");
        var (complained, incident) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents", new
        {
            type = "CustomerComplaint", customerId = customer, summary = "货物晚到两天", phoneCallTo = "赵主任", phoneCallAt = Now.AddMinutes(-1),
        });
        Assert.True(complained == HttpStatusCode.Created, incident?.ToJsonString());
        await VisitAsync(customer, "VerySatisfied");
        await VisitAsync(customer, "Neutral", followUp: true);
        await CallbackAsync(customer, "Satisfied", complaint: true);
        await CallbackAsync(customer); // not yet called: no rating
        var other = await CreateAsync(new { name = "别的客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true });
        await OrderAsync(other, "别人的货");

        var (status, sheet) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{customer}/analysis");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(customer, (int)sheet!["customer"]!["id"]!);
        var sections = sheet["sections"]!.AsArray().ToDictionary(s => (string)s!["topic"]!, s => s!);
        Assert.Subset(sections.Keys.ToHashSet(), new HashSet<string> { "Orders", "Complaints", "Visits", "Cases", "Satisfaction" });

        static string Figure(JsonNode section, string label) =>
            (string)section["figures"]!.AsArray().Single(f => (string?)f!["labelKey"] == label)!["value"]!;

        // Orders: this customer's two, both drafts (not closed), none late; each listed with its number and a link.
        Assert.Equal("2", Figure(sections["Orders"], "Analysis.OrdersAll"));
        Assert.Equal("2", Figure(sections["Orders"], "Analysis.OrdersOpen"));
        Assert.Equal("0", Figure(sections["Orders"], "Analysis.OrdersLate"));
        var orders = sections["Orders"]["recent"]!.AsArray().Select(i => (string)i!["text"]!).ToArray();
        Assert.Equal(2, orders.Length);
        Assert.Contains(orders, t => t.StartsWith(first, StringComparison.Ordinal) && t.Contains("电子元件", StringComparison.Ordinal));
        Assert.Contains(orders, t => t.StartsWith(second, StringComparison.Ordinal));
        Assert.All(sections["Orders"]["recent"]!.AsArray(), i => Assert.StartsWith("/orders/", (string?)i!["link"], StringComparison.Ordinal));

        Assert.Equal("1", Figure(sections["Complaints"], "Analysis.ComplaintsAll"));
        Assert.Contains("货物晚到两天", (string?)sections["Complaints"]["recent"]![0]!["text"], StringComparison.Ordinal);

        Assert.Equal("2", Figure(sections["Visits"], "Analysis.VisitsDone"));
        Assert.Equal(2, sections["Visits"]["recent"]!.AsArray().Count);
        Assert.Equal("1", Figure(sections["Cases"], "Analysis.CasesOpen"));
        Assert.Equal("1", Figure(sections["Cases"], "Analysis.CasesAll"));
        Assert.Contains("跟进: 发票抬头有误", (string?)sections["Cases"]["recent"]![0]!["text"], StringComparison.Ordinal);

        // Three ratings (two visits, one callback): one very satisfied, two satisfied or better, one complaint.
        Assert.Equal("3", Figure(sections["Satisfaction"], "Analysis.Rated"));
        Assert.Equal("33.3 %", Figure(sections["Satisfaction"], "Satisfaction.VeryShare"));
        Assert.Equal("66.7 %", Figure(sections["Satisfaction"], "Satisfaction.SatisfiedShare"));
        Assert.Equal("1", Figure(sections["Satisfaction"], "Satisfaction.Complaints"));

        // The owner sees the same sheet; another centre does not see it at all.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Get, $"/api/customers/{customer}/analysis")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, $"/api/customers/{customer}/analysis")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Get, $"/api/customers/{customer}/analysis")).Status);

        // The page renders for the owner.
        using var browser = await app.ClientFor("sh.cs");
        using var page = await browser.GetAsync($"/customers/{customer}/analysis");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}

public sealed class CustomerMergeTestsOnSqlite(SqliteApp app) : CustomerMergeTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerMergeTestsOnPostgres(PostgresApp app) : CustomerMergeTests(app), IClassFixture<PostgresApp>;
