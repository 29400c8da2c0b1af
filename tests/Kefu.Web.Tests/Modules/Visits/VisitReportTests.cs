using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Visits;

/// <summary>VIS-02 (seed 004) on both databases: a visit records sales, needs and problems, and one flagged "report to superior" reaches the visitor's superior.</summary>
public abstract class VisitReportTests(KefuFactory app)
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    [ProviderFact]
    public async Task VIS_02_a_visit_sent_up_reaches_the_visitors_superior_who_finds_it_in_their_list()
    {
        var (_, customer) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "上报客户" + Guid.NewGuid().ToString("N")[..8], confirmDuplicate = true });
        var customerId = (int)customer!["id"]!;

        // Nothing to report: refused, naming the field.
        var (empty, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/visits", new { customerId, channel = "Phone", reportToSuperior = true });
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal("VIS-02", (string?)problem!["rules"]!["problemsRaised"]![0]);

        var (recorded, visit) = await SendAsync("sh.cs", HttpMethod.Post, "/api/visits", new
        {
            customerId, channel = "Phone", recentSales = "本月销量比上月增长两成", newNeeds = "希望增加冷链配送", problemsRaised = "上周两单晚到", reportToSuperior = true,
        });
        Assert.Equal(HttpStatusCode.Created, recorded);
        Assert.Equal("本月销量比上月增长两成", (string?)visit!["recentSales"]);
        Assert.Equal("希望增加冷链配送", (string?)visit["newNeeds"]);
        var supervisor = await app.StaffIdAsync("sh.sup");
        Assert.Equal(supervisor, (string?)visit["reportedToId"]);
        Assert.NotNull((string?)visit["reportedAt"]);

        var (_, mine) = await SendAsync("sh.sup", HttpMethod.Get, "/api/visits?reported=mine&pageSize=200");
        Assert.Contains(mine!["items"]!.AsArray(), v => (int)v!["id"]! == (int)visit["id"]!);
        var (_, notMine) = await SendAsync("sh.cs", HttpMethod.Get, "/api/visits?reported=mine&pageSize=200");
        Assert.DoesNotContain(notMine!["items"]!.AsArray(), v => (int)v!["id"]! == (int)visit["id"]!);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<KefuDbContext>().Set<InboxItem>()
                .AnyAsync(i => i.UserId == supervisor && i.EventKey == "VisitReported"));
        }

        // A visit not sent up carries no report.
        var (_, plain) = await SendAsync("sh.cs", HttpMethod.Post, "/api/visits", new { customerId, channel = "Email", problemsRaised = "发票抬头有误" });
        Assert.Null((string?)plain!["reportedToId"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.sup", HttpMethod.Get, "/api/visits?reported=nobody")).Status);
    }
}

public sealed class VisitReportTestsOnSqlite(SqliteApp app) : VisitReportTests(app), IClassFixture<SqliteApp>;

public sealed class VisitReportTestsOnPostgres(PostgresApp app) : VisitReportTests(app), IClassFixture<PostgresApp>;
