using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Modules.Receivables;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Receivables;

/// <summary>The weekly round, the Monday review and the collection pages (AR-04, AR-07) as people use them, on SQLite.</summary>
public sealed class RoundsAndCollectionPageTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private static readonly string[] InternalNames = ["Rounds.", "RoundStatus.", "RoundItemKind.", "Collection.", "ArrearsStep.", "Nav.", "AR-0"];

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<JsonNode> ApiAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} as {user}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static void Readable(string html) => Assert.All(InternalNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));

    [Fact]
    public async Task AR_04_the_technician_confirms_a_difference_on_the_page_and_the_manager_sends_an_overdue_item_from_the_review()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 2, 10, 0, 0, China));
        var customer = (int)(await ApiAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "对账页面客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true }))["id"]!;
        var number = "SC-R" + Guid.NewGuid().ToString("N")[..6];
        var confirmation = await ApiAsync("sh.coord", HttpMethod.Post, "/api/receivables/confirmations", new
        {
            number, customerId = customer, technicianId = await app.StaffIdAsync("sh.eng1"), items = "打印机 1 台", amountYuan = 880m, soldOn = "2026-11-02",
        });
        var invoice = (int)(await ApiAsync("sh.coord", HttpMethod.Post, "/api/receivables/invoices", new { number = "FP-" + number, confirmationId = (int)confirmation["id"]!, invoiceDate = "2026-11-02", settlement = "Retail" }))["id"]!;

        app.Clock.Set(new DateTimeOffset(2026, 11, 27, 9, 30, 0, China));
        await app.InScopeAsync(sp => sp.GetRequiredService<ReconciliationUseCases>().RunAsync(CancellationToken.None));
        var entry = (await ApiAsync("sh.eng1", HttpMethod.Get, "/api/receivables/rounds?weekStart=2026-11-23"))["items"]![0]!;
        var id = (int)entry["id"]!;
        var item = (long)(await ApiAsync("sh.eng1", HttpMethod.Get, $"/api/receivables/rounds/{id}"))["items"]!.AsArray().Single(i => (string)i!["number"]! == number)!["id"]!;

        using var engineer = await PageClient.SignInAsync(app, "sh.eng1");
        var (status, list) = await engineer.GetAsync("/receivables/rounds?weekStart=2026-11-23&sort=open&dir=desc");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("沈工程师一", list, StringComparison.Ordinal);
        Assert.Contains("待确认", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/receivables/rounds\"", list, StringComparison.Ordinal);
        Readable(list);
        var (exportStatus, xlsx) = await engineer.GetAsync("/receivables/rounds?handler=Export&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, exportStatus);
        Assert.StartsWith("PK", xlsx, StringComparison.Ordinal);
        // An empty week says so and offers to clear the filters (the shared empty state).
        var emptyWeek = (await engineer.GetAsync("/receivables/rounds?weekStart=2020-01-06")).Html;
        Assert.Contains("这一周还没有对账记录", emptyWeek, StringComparison.Ordinal);
        Assert.Contains("/receivables/rounds?clear=1", emptyWeek, StringComparison.Ordinal);

        var (detailStatus, detail) = await engineer.GetAsync($"/receivables/rounds/{id}");
        Assert.Equal(HttpStatusCode.OK, detailStatus);
        Assert.Contains(number, detail, StringComparison.Ordinal);
        Readable(detail);
        var lines = ((await ApiAsync("sh.eng1", HttpMethod.Get, $"/api/receivables/rounds/{id}"))["items"]!.AsArray()).Select(i => (long)i!["id"]!).ToList();
        var n = lines.IndexOf(item);
        using var posted = await engineer.PostFormAsync($"/receivables/rounds/{id}", $"/receivables/rounds/{id}", new Dictionary<string, string>
        {
            [$"Lines[{n}].ItemId"] = item.ToString(System.Globalization.CultureInfo.InvariantCulture), [$"Lines[{n}].DifferenceYuan"] = "-80", [$"Lines[{n}].Note"] = "客户已付 80 元定金",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var confirmed = (await engineer.GetAsync($"/receivables/rounds/{id}")).Html;
        Assert.Contains("技术员已确认", confirmed, StringComparison.Ordinal);
        Assert.Contains("客户已付 80 元定金", confirmed, StringComparison.Ordinal);

        // The Monday review (11-30): the overdue invoice, sent to its salesperson from the page; English is complete.
        app.Clock.Set(new DateTimeOffset(2026, 11, 30, 9, 30, 0, China));
        using var manager = await PageClient.SignInAsync(app, "csmgr");
        var (reviewStatus, review) = await manager.GetAsync("/receivables/rounds/review");
        Assert.Equal(HttpStatusCode.OK, reviewStatus);
        Assert.Contains("FP-" + number, review, StringComparison.Ordinal);
        Readable(review);
        using var sent = await manager.PostFormAsync("/receivables/rounds/review", "/receivables/rounds/review", new Dictionary<string, string>
        {
            ["InvoiceId"] = invoice.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reason"] = "请周三前上门收款",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("请周三前上门收款", (await manager.GetAsync("/receivables/rounds/review")).Html, StringComparison.Ordinal);
        var english = (await manager.GetAsync("/receivables/rounds/review?culture=en")).Html;
        Assert.Contains("Monday overdue review", english, StringComparison.Ordinal);
        Readable(english);
        Assert.Equal(HttpStatusCode.NotFound, (await (await PageClient.SignInAsync(app, "hz.sup")).GetAsync($"/receivables/rounds/{id}")).Status);
    }

    [Fact]
    public async Task AR_07_a_supervisor_makes_a_project_records_collections_and_an_arrears_step_and_the_list_charts_it()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 25, 10, 0, 0, China));
        using var supervisor = await PageClient.SignInAsync(app, "sh.sup");
        var name = "供暖费" + Guid.NewGuid().ToString("N")[..6];
        using var created = await supervisor.PostFormAsync("/receivables/collection", "/receivables/collection", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.DailyTargetYuan"] = "500", ["Input.MonthlyTargetYuan"] = "10000",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;

        using var entry = await supervisor.PostFormAsync(url, url + "?handler=Entry", new Dictionary<string, string> { ["CollectedOn"] = "2026-11-25", ["AmountYuan"] = "250.5", ["Note"] = "收费处" });
        Assert.Equal(HttpStatusCode.Redirect, entry.StatusCode);
        using var bad = await supervisor.PostFormAsync(url, url + "?handler=Entry", new Dictionary<string, string> { ["CollectedOn"] = "2026-11-26", ["AmountYuan"] = "1" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        using var arrears = await supervisor.PostFormAsync(url, url + "?handler=Arrears", new Dictionary<string, string> { ["Debtor"] = "5号楼 301", ["OwedYuan"] = "3200", ["Since"] = "2026-09-01" });
        Assert.Equal(HttpStatusCode.Redirect, arrears.StatusCode);

        var (status, detail) = await supervisor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("¥250.50", detail, StringComparison.Ordinal);
        Assert.Contains("50%", detail, StringComparison.Ordinal);
        Assert.Contains("5号楼 301", detail, StringComparison.Ordinal);
        Assert.Contains("应办理：催缴通知", detail, StringComparison.Ordinal);
        Readable(detail);
        var account = System.Text.RegularExpressions.Regex.Match(detail, "name=\"AccountId\" value=\"(\\d+)\"").Groups[1].Value;
        using var step = await supervisor.PostFormAsync(url, url + "?handler=Step", new Dictionary<string, string> { ["AccountId"] = account, ["Step"] = "Reminder", ["TakenOn"] = "2026-11-25", ["Note"] = "已电话催缴" });
        Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);
        Assert.Contains("已电话催缴", (await supervisor.GetAsync(url)).Html, StringComparison.Ordinal);

        var (listStatus, list) = await supervisor.GetAsync("/receivables/collection?q=" + name);
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains("data-testid=\"collection-chart\"", list, StringComparison.Ordinal);
        Assert.Contains(name, list, StringComparison.Ordinal);
        Readable(list);
        Assert.StartsWith("PK", (await supervisor.GetAsync("/receivables/collection?handler=Export&format=xlsx")).Html, StringComparison.Ordinal);
        var english = (await supervisor.GetAsync(url + "?culture=en")).Html;
        Assert.Contains("Lawyer's letter", english.Replace("&#39;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
