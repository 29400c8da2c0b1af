using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Incidents;

/// <summary>EXC-09 over the API: working-day deadlines on the China calendar, the order of the steps, the quarterly ledger.</summary>
public abstract class CrossRegionTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true ? JsonNode.Parse(text) : null);
    }

    private static DateTimeOffset? Due(JsonNode c, string step) =>
        c["deadlines"]!.AsArray().Single(d => (string)d!["step"]! == step)!["dueAt"] is { } due
            ? DateTimeOffset.Parse((string)due!, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    [ProviderFact]
    public async Task EXC_09_deadlines_run_in_working_time_across_the_National_Day_holiday_including_the_half_day_step()
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 30, 10, 0, 0, China));
        var (created, c) = await SendAsync("sh.cs", HttpMethod.Post, "/api/cross-region", new
        {
            complainant = "浙江经销商" + Guid.NewGuid().ToString("N")[..4], offender = "江苏某经销商", province = "浙江", products = "空调", batchNumbers = "B2609", quantity = 20, priceYuan = 1999.5m,
        });
        Assert.Equal(HttpStatusCode.Created, created);
        var id = (int)c!["id"]!;
        Assert.Equal("2026-Q3", (string?)c["quarter"]);

        // 09:00–12:00 and 13:00–18:00: seven hours left on 30 September, then the holiday until 8 October.
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 10, 0, 0, China), Due(c, "Evidence"));
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 10, 0, 0, China), Due(c, "WrittenReport")); // 10 October is a make-up working Saturday
        Assert.Null(Due(c, "ToMarketingDirector"));

        // The half working day runs from the report's receipt: two hours on 8 October, two on the 9th.
        app.Clock.Set(new DateTimeOffset(2026, 10, 8, 16, 5, 0, China));
        var (recorded, withReport) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/cross-region/{id}/milestones",
            new { milestone = "Report", at = new DateTimeOffset(2026, 10, 8, 16, 0, 0, China) });
        Assert.Equal(HttpStatusCode.OK, recorded);
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 11, 0, 0, China), Due(withReport!, "ToMarketingDirector"));

        // Steps follow each other: no decision before the marketing director has the case, nothing before what it follows.
        app.Clock.Set(new DateTimeOffset(2026, 10, 9, 12, 0, 0, China));
        var (outOfOrder, problem) = await SendAsync("gm", HttpMethod.Post, $"/api/cross-region/{id}/milestones", new { milestone = "GmDecision", text = "罚款" });
        Assert.Equal(HttpStatusCode.BadRequest, outOfOrder);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("milestone"));
        var (late, sent) = await SendAsync("mkt", HttpMethod.Post, $"/api/cross-region/{id}/milestones", new { milestone = "ToMarketing" });
        Assert.Equal(HttpStatusCode.OK, late);
        var step = sent!["deadlines"]!.AsArray().Single(d => (string)d!["step"]! == "ToMarketingDirector")!;
        Assert.True((bool)step["late"]!);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("gm", HttpMethod.Post, $"/api/cross-region/{id}/milestones",
            new { milestone = "GmDecision", text = "取消窜货方季度返利", penaltyYuan = 5000m })).Status);
        var (_, announced) = await SendAsync("adminclerk", HttpMethod.Post, $"/api/cross-region/{id}/milestones", new { milestone = "Announced" });
        Assert.False((bool)announced!["deadlines"]!.AsArray().Single(d => (string)d!["step"]! == "Announcement")!["late"]!);

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/cross-region/{id}/milestones", new { milestone = "Evidence" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.eng1", HttpMethod.Get, "/api/cross-region")).Status);

        using var client = await app.ClientFor("mkt");
        using var ledger = await client.GetAsync(new Uri("/api/cross-region/ledger?quarter=2026-Q3", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ledger.Content.Headers.ContentType?.MediaType);
        var workbook = new NPOI.XSSF.UserModel.XSSFWorkbook(await ledger.Content.ReadAsStreamAsync());
        var sheet = workbook.GetSheetAt(0);
        var texts = Enumerable.Range(0, sheet.LastRowNum + 1).Select(sheet.GetRow).Where(r => r is not null)
            .SelectMany(r => r.Cells.Select(cell => cell.ToString())).ToList();
        Assert.Contains((string)c["number"]!, texts);
        Assert.Contains(texts, t => t?.Contains("报营销总监", StringComparison.Ordinal) == true);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("mkt", HttpMethod.Get, "/api/cross-region/ledger?quarter=2026-5")).Status);
    }
}

public sealed class CrossRegionTestsOnSqlite(SqliteClockApp app) : CrossRegionTests(app), IClassFixture<SqliteClockApp>;

public sealed class CrossRegionTestsOnPostgres(PostgresClockApp app) : CrossRegionTests(app), IClassFixture<PostgresClockApp>;
