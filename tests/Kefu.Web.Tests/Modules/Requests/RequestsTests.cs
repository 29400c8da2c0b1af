using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Requests;

/// <summary>
/// APR-02..04 through the API: each chain end to end with its copies, notifications and inbox
/// entries; the wrong role refused (403), another centre refused (404); each step's deadline counted
/// in working days on the calendar. One app per class, on a clock the tests set.
/// </summary>
public abstract class RequestsTests(ClockApp app)
{
    /// <summary>Wednesday before the National Day holiday (1–7 October 2026).</summary>
    private static readonly DateTimeOffset BeforeHoliday = new(2026, 9, 30, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, string method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    private async Task<JsonNode> OkAsync(string user, string method, string url, object? body = null)
    {
        var (status, json) = await SendAsync(user, method, url, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {url} as {user}: {(int)status} {json?.ToJsonString()}");
        return json!;
    }

    private Task<JsonNode> DecideAsync(string user, string url, string step, object? extra = null)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra ?? new { }, System.Text.Json.JsonSerializerOptions.Web))!.AsObject();
        body["stepKey"] = step;
        body["action"] ??= "Approve";
        return OkAsync(user, "POST", url + "/decision", body);
    }

    /// <summary>My notifications of one kind about one form (by its number in the title).</summary>
    private async Task<JsonNode[]> NotificationsAsync(string user, string eventKey, string number)
    {
        var page = await OkAsync(user, "GET", "/api/notifications?pageSize=200");
        return page["items"]!.AsArray().Where(n => (string?)n!["eventKey"] == eventKey && ((string?)n["title"] + (string?)n["body"]).Contains(number, StringComparison.Ordinal)).ToArray()!;
    }

    private async Task<bool> InInboxAsync(string user, string subjectType, int id)
    {
        var inbox = await OkAsync(user, "GET", "/api/approvals/inbox");
        return inbox.AsArray().Any(i => (string?)i!["subjectType"] == subjectType && (string?)i["subjectId"] == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Step(JsonNode form) => (string?)form["currentStep"] ?? "";

    private static string Day(string? apiTime) => apiTime![..10];

    [ProviderFact]
    public async Task APR_02_memo_replied_given_an_opinion_copied_and_archived_with_each_step_due_in_working_days()
    {
        app.Clock.Set(BeforeHoliday);
        var commerce = await app.UnitIdAsync("HQ-COM");
        var memo = await OkAsync("sh.sup", "POST", "/api/requests/memos", new { toUnitId = commerce, subject = Unique("协调样品出仓 "), body = "请商务部说明出仓单的开具时限。" });
        var id = (int)memo["id"]!;
        var number = (string)memo["number"]!;
        Assert.Equal("Draft", (string?)memo["status"]);
        Assert.StartsWith("LH2026-", number, StringComparison.Ordinal);
        var url = $"/api/requests/memos/{id}";

        // Sent: to the head of commerce, copied to the centre's direct superior (the branch GM) and the GM.
        var sent = await OkAsync("sh.sup", "POST", url + "/submit");
        Assert.Equal(("InProgress", "memo-reply"), ((string?)sent["status"], Step(sent)));
        Assert.Equal(await app.StaffIdAsync("bizasst"), (string?)sent["currentApproverId"]);
        var copied = sent["participants"]!.AsArray().Where(p => (string?)p!["kind"] == "Copy").Select(p => (string)p!["userId"]!).ToHashSet();
        Assert.Equal(new[] { await app.StaffIdAsync("east.gm"), await app.StaffIdAsync("gm") }.Order(StringComparer.Ordinal), copied.Order(StringComparer.Ordinal));
        Assert.Single(await NotificationsAsync("east.gm", "RequestCopied", number));
        Assert.Single(await NotificationsAsync("gm", "RequestCopied", number));
        Assert.True(await InInboxAsync("bizasst", "DepartmentMemo", id));
        // Three working days from Wednesday morning: 1–7 October are holidays, the reply is due on Friday 9 October.
        Assert.Equal("2026-10-09", Day((string?)sent["dueAt"]));
        Assert.Equal([3, 2, 2], sent["steps"]!.AsArray().Select(s => (int)s!["deadlineDays"]!));

        // The wrong person is refused; a reply needs the handling opinion, and a reply is no rejection.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("mkt", "POST", url + "/decision", new { stepKey = "memo-reply", action = "Approve", comment = "越权" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", "POST", url + "/decision", new { stepKey = "memo-reply", action = "Approve", comment = "越权" })).Status);
        var (noOpinion, problem) = await SendAsync("bizasst", "POST", url + "/decision", new { stepKey = "memo-reply", action = "Approve" });
        Assert.Equal(HttpStatusCode.BadRequest, noOpinion);
        Assert.Contains("APR-02", problem!["rules"]!["comment"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("bizasst", "POST", url + "/decision", new { stepKey = "memo-reply", action = "Reject", comment = "不同意" })).Status);

        app.Clock.Set(new DateTimeOffset(2026, 10, 8, 10, 0, 0, TimeSpan.FromHours(8)));
        var replied = await DecideAsync("bizasst", url, "memo-reply", new { comment = "出仓单当日开具，次日发货。" });
        Assert.Equal("memo-leader", Step(replied));
        Assert.Equal(await app.StaffIdAsync("east.gm"), (string?)replied["currentApproverId"]);
        Assert.Single(await NotificationsAsync("sh.sup", "RequestProgress", number));
        // Two working days from Thursday 8 October: Saturday 10 October is a make-up working day.
        Assert.Equal("2026-10-10", Day((string?)replied["dueAt"]));

        var opinion = await DecideAsync("east.gm", url, "memo-leader", new { comment = "同意，按此执行。" });
        Assert.Equal("memo-archive", Step(opinion));
        // Back to both departments, copied to administration.
        Assert.NotEmpty(await NotificationsAsync("bizasst", "RequestProgress", number));
        Assert.Single(await NotificationsAsync("adminclerk", "RequestCopied", number));
        Assert.True(await InInboxAsync("adminclerk", "DepartmentMemo", id));

        var archived = await DecideAsync("adminclerk", url, "memo-archive", new { archiveLocation = "A-3 柜" });
        Assert.Equal("Filed", (string?)archived["status"]);
        Assert.Equal("A-3 柜", (string?)archived["memo"]!["archiveLocation"]);
        Assert.Equal(["Approve", "Approve", "Approve"], archived["steps"]!.AsArray().Select(s => (string)s!["state"]!));
        Assert.Equal("出仓单当日开具，次日发货。", (string?)archived["steps"]![0]!["opinion"]);
        Assert.Single(await NotificationsAsync("sh.sup", "ApprovalApproved", number));
        // A second archive (a stale page) changes nothing.
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("adminclerk", "POST", url + "/decision", new { stepKey = "memo-archive", action = "Approve" })).Status);
    }

    [ProviderFact]
    public async Task APR_02_a_memo_to_a_centre_is_read_and_answered_there_and_nowhere_else()
    {
        app.Clock.Set(BeforeHoliday);
        var memo = await OkAsync("csmgr", "POST", "/api/requests/memos", new { toUnitId = await app.UnitIdAsync("SH"), subject = Unique("回访抽查 "), body = "请上海中心提交九月回访抽查结果。" });
        var id = (int)memo["id"]!;
        var url = $"/api/requests/memos/{id}";
        // A draft is its writer's alone.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("sh.sup", "GET", url)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("sh.sup", "POST", url + "/submit")).Status);
        var sent = await OkAsync("csmgr", "POST", url + "/submit");
        Assert.Equal(await app.StaffIdAsync("sh.sup"), (string?)sent["currentApproverId"]);
        // A head-office department's direct superior is the VP.
        var vp = await app.StaffIdAsync("vp");
        Assert.Contains(sent["participants"]!.AsArray(), p => (string?)p!["kind"] == "Copy" && (string?)p["userId"] == vp);

        // Addressed to Shanghai: its supervisor (scope: the centre) and its coordinator read it; Hangzhou does not.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.sup", "GET", url)).Status);
        Assert.Contains((await OkAsync("sh.coord", "GET", "/api/requests/memos"))["items"]!.AsArray(), r => (int)r!["id"]! == id);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", "GET", url)).Status);
        Assert.DoesNotContain((await OkAsync("hz.sup", "GET", "/api/requests/memos"))["items"]!.AsArray(), r => (int)r!["id"]! == id);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("bj.sup", "POST", url + "/decision", new { stepKey = "memo-reply", action = "Approve", comment = "x" })).Status);

        // The receiving department may send it back to clarify; the writer corrects it and sends it again.
        var returned = await DecideAsync("sh.sup", url, "memo-reply", new { action = "Return", comment = "请说明抽查比例" });
        Assert.Equal("Returned", (string?)returned["status"]);
        await OkAsync("csmgr", "PUT", url, new { toUnitId = await app.UnitIdAsync("SH"), subject = (string)memo["title"]!, body = "请按 10% 比例抽查九月回访。", version = (int)returned["version"]! });
        Assert.Equal("memo-reply", Step(await OkAsync("csmgr", "POST", url + "/submit")));
        Assert.Equal("memo-leader", Step(await DecideAsync("sh.sup", url, "memo-reply", new { comment = "已安排。" })));
        Assert.Equal(vp, (string?)(await OkAsync("csmgr", "GET", url))["currentApproverId"]);
    }

    [ProviderFact]
    public async Task APR_02_a_memo_goes_to_another_department_that_exists()
    {
        var own = await SendAsync("sh.sup", "POST", "/api/requests/memos", new { toUnitId = await app.UnitIdAsync("SH"), subject = "自己", body = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, own.Status);
        Assert.Contains("APR-02", own.Body!["rules"]!["toUnitId"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.sup", "POST", "/api/requests/memos", new { toUnitId = 999_999, subject = "无", body = "x" })).Status);
        // Technicians write no memos.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.eng1", "POST", "/api/requests/memos", new { toUnitId = await app.UnitIdAsync("HQ-FIN"), subject = "x", body = "x" })).Status);
    }

    [ProviderFact]
    public async Task APR_03_sample_approved_slip_issued_shipped_with_a_tracking_number_and_filed()
    {
        app.Clock.Set(BeforeHoliday);
        var sample = await OkAsync("sh.cs", "POST", "/api/requests/samples", new
        {
            customerName = Unique("意向客户 "), contact = "刘先生", phone = "021-5555 0199", address = "上海市徐汇区漕溪路 1 号", purpose = "试用后决定代理",
            lines = new[] { new { product = "智能温控器 T3", specification = "白色", quantity = 2, unit = "台" } },
        });
        var id = (int)sample["id"]!;
        var number = (string)sample["number"]!;
        var url = $"/api/requests/samples/{id}";
        var sent = await OkAsync("sh.cs", "POST", url + "/submit");
        Assert.Equal(("sample-approval", "mkt"), (Step(sent), await NameOfAsync((string?)sent["currentApproverId"])));
        // One working day from Wednesday morning: due at the close of Wednesday, before the holiday.
        Assert.Equal("2026-09-30", Day((string?)sent["dueAt"]));
        Assert.True(await InInboxAsync("mkt", "SampleRequest", id));

        // Only the step's person acts; another centre does not even see it; a technician fills no requests.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("finance", "POST", url + "/decision", new { stepKey = "sample-approval", action = "Approve" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", "GET", url)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.eng1", "GET", url)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.eng1", "POST", "/api/requests/samples", new { customerName = "x", purpose = "x", lines = new[] { new { product = "x", quantity = 1 } } })).Status);

        Assert.Equal("sample-slip", Step(await DecideAsync("mkt", url, "sample-approval", new { comment = "同意" })));
        var slip = await DecideAsync("bizasst", url, "sample-slip", new { warehouse = "上海成品仓" });
        Assert.Equal("sample-shipping", Step(slip));
        var slipNumber = (string)slip["sample"]!["slipNumber"]!;
        Assert.StartsWith("CK2026-", slipNumber, StringComparison.Ordinal);
        // APR-03: the outbound slip goes to logistics and finance.
        Assert.Single(await NotificationsAsync("logistics", "SampleSlipIssued", slipNumber));
        Assert.Single(await NotificationsAsync("finance", "SampleSlipIssued", slipNumber));
        Assert.True(await InInboxAsync("logistics", "SampleRequest", id));

        var (noTracking, problem) = await SendAsync("logistics", "POST", url + "/decision", new { stepKey = "sample-shipping", action = "Approve", carrier = "顺丰速运" });
        Assert.Equal(HttpStatusCode.BadRequest, noTracking);
        Assert.Contains("APR-03", problem!["rules"]!["trackingNumber"]!.AsArray().Select(r => (string)r!));
        var shipped = await DecideAsync("logistics", url, "sample-shipping", new { carrier = "顺丰速运", trackingNumber = "sf1234567890" });
        Assert.Equal(("sample-filing", "SF1234567890", "2026-09-30"), (Step(shipped), (string?)shipped["sample"]!["trackingNumber"], (string?)shipped["sample"]!["shippedOn"]));
        Assert.Single(await NotificationsAsync("sh.cs", "SampleShipped", number));

        var filed = await DecideAsync("finance", url, "sample-filing");
        Assert.Equal("Filed", (string?)filed["status"]);
        Assert.Equal(4, filed["steps"]!.AsArray().Count(s => (string?)s!["state"] == "Approve"));
        Assert.Contains((await OkAsync("sh.sup", "GET", "/api/requests/samples?status=Filed&sort=number&dir=desc"))["items"]!.AsArray(), r => (int)r!["id"]! == id);
    }

    [ProviderFact]
    public async Task APR_04_special_policy_approved_by_the_marketing_director_then_filed_with_commerce_and_finance()
    {
        app.Clock.Set(BeforeHoliday);
        object Body(string customer) => new
        {
            customerName = customer, region = "上海", dealerLevel = "一级经销商", regularPolicy = "9 折", requestedPolicy = "首批 8.5 折", reason = "竞品条件更优",
            validFrom = "2026-10-08", validTo = "2026-12-31", amountYuan = 12345.6m,
        };
        var policy = await OkAsync("sh.cs", "POST", "/api/requests/policies", Body(Unique("客户 ")));
        var id = (int)policy["id"]!;
        var number = (string)policy["number"]!;
        var url = $"/api/requests/policies/{id}";
        Assert.Equal(12345.6m, (decimal)policy["policy"]!["amountYuan"]!);
        await OkAsync("sh.cs", "POST", url + "/submit");
        Assert.True(await InInboxAsync("mkt", "SpecialPolicyRequest", id));
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("bizasst", "POST", url + "/decision", new { stepKey = "policy-approval", action = "Approve" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", "POST", url + "/decision", new { stepKey = "policy-approval", action = "Approve" })).Status);

        var approved = await DecideAsync("mkt", url, "policy-approval", new { comment = "仅限首批" });
        Assert.Equal(("policy-commerce-filing", await app.StaffIdAsync("bizasst")), (Step(approved), (string?)approved["currentApproverId"]));
        // Filed with commerce (its step) and finance (told now, its step next).
        Assert.Single(await NotificationsAsync("finance", "RequestCopied", number));
        Assert.Equal("policy-finance-filing", Step(await DecideAsync("bizasst", url, "policy-commerce-filing")));
        Assert.Equal("Filed", (string?)(await DecideAsync("finance", url, "policy-finance-filing"))["status"]);

        // The director may refuse, with the reason; the filing steps only file.
        var refused = await OkAsync("sh.cs", "POST", "/api/requests/policies", Body(Unique("客户 ")));
        var refusedUrl = $"/api/requests/policies/{(int)refused["id"]!}";
        await OkAsync("sh.cs", "POST", refusedUrl + "/submit");
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("mkt", "POST", refusedUrl + "/decision", new { stepKey = "policy-approval", action = "Reject" })).Status);
        Assert.Equal("Rejected", (string?)(await DecideAsync("mkt", refusedUrl, "policy-approval", new { action = "Reject", comment = "超出授权" }))["status"]);
        Assert.Single(await NotificationsAsync("sh.cs", "ApprovalRejected", (string)refused["number"]!));
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.cs", "POST", refusedUrl + "/submit")).Status);
    }

    [ProviderFact]
    public async Task APR_02_03_04_deadlines_follow_the_policy_on_the_working_calendar()
    {
        var (bad, problem) = await SendAsync("admin", "PUT", "/api/settings/requests-policy", new { memoReplyDays = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(problem!["errors"]!["memoReplyDays"]);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync("admin", "PUT", "/api/settings/requests-policy", new { sampleApprovalDays = 2 })).Status);

        try
        {
            app.Clock.Set(BeforeHoliday);
            var sample = await OkAsync("hz.cs", "POST", "/api/requests/samples", new { customerName = Unique("杭州 "), purpose = "试用", lines = new[] { new { product = "样品", quantity = 1 } } });
            var sent = await OkAsync("hz.cs", "POST", $"/api/requests/samples/{(int)sample["id"]!}/submit");
            // Two working days from Wednesday: Wednesday, then Thursday 8 October after the holiday.
            Assert.Equal("2026-10-08", Day((string?)sent["dueAt"]));
            Assert.Equal(2, (int)sent["steps"]![0]!["deadlineDays"]!);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync("admin", "PUT", "/api/settings/requests-policy", new { })).Status);
        }
    }

    [ProviderFact]
    public async Task APR_03_lists_print_and_export_as_the_pages_show_them()
    {
        var sample = await OkAsync("sh.cs", "POST", "/api/requests/samples", new
        {
            customerName = Unique("打印客户 "), purpose = "打印", lines = new[] { new { product = "样品甲", quantity = 3, unit = "件" } },
        });
        var id = (int)sample["id"]!;
        using var page = await PageClient.SignInAsync(app, "sh.cs");
        var (listStatus, list) = await page.GetAsync("/requests/samples?q=" + Uri.EscapeDataString((string)sample["number"]!));
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains($"/requests/{id}", list, StringComparison.Ordinal);
        var (printStatus, print) = await page.GetAsync($"/requests/{id}/print");
        Assert.Equal(HttpStatusCode.OK, printStatus);
        Assert.Contains("样品申请单", print, StringComparison.Ordinal);
        Assert.Contains("样品甲", print, StringComparison.Ordinal);
        Assert.Contains("营销总监审批", print, StringComparison.Ordinal);
        var (exportStatus, csv) = await page.GetAsync("/requests/samples?handler=Export&format=csv&mine=true");
        Assert.Equal(HttpStatusCode.OK, exportStatus);
        Assert.Contains((string)sample["number"]!, csv, StringComparison.Ordinal);
        // Another centre's supervisor finds neither the page nor the print.
        using var other = await PageClient.SignInAsync(app, "hz.sup");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/requests/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/requests/{id}/print")).Status);
    }

    [ProviderFact]
    public async Task APR_02_pages_write_send_and_reply_to_a_memo_without_javascript()
    {
        app.Clock.Set(BeforeHoliday);
        var subject = Unique("页面联络函 ");
        using var writer = await PageClient.SignInAsync(app, "csdir");
        // A refused form keeps the writer on it with what they typed, and creates nothing.
        using (var refused = await writer.PostFormAsync("/requests/edit?kind=memos", "/requests/edit?kind=memos", new Dictionary<string, string>
        {
            ["Input.Subject"] = subject, ["Input.Body"] = "", ["send"] = "true",
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(subject, System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using var sent = await writer.PostFormAsync("/requests/edit?kind=memos", "/requests/edit?kind=memos", new Dictionary<string, string>
        {
            ["Input.ToUnitId"] = (await app.UnitIdAsync("HQ-FIN")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Subject"] = subject, ["Input.Body"] = "请财务部确认。", ["send"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var detail = sent.Headers.Location!.OriginalString;
        var id = int.Parse(detail[(detail.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, (int)(await OkAsync("csdir", "GET", "/api/requests/memos?q=" + Uri.EscapeDataString(subject)))["total"]!);

        using var finance = await PageClient.SignInAsync(app, "finance");
        var (status, html) = await finance.GetAsync(detail);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"decision\"", html, StringComparison.Ordinal);
        using var replied = await finance.PostFormAsync(detail, detail + "?handler=Decide", new Dictionary<string, string>
        {
            ["stepKey"] = "memo-reply", ["action"] = "Approve", ["comment"] = "已确认。",
        });
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Assert.Equal("memo-leader", Step(await OkAsync("csdir", "GET", $"/api/requests/memos/{id}")));
        // The writer sees no decision form: the step is not theirs.
        Assert.DoesNotContain("data-testid=\"decision\"", (await writer.GetAsync(detail)).Html, StringComparison.Ordinal);
        // The deadline settings page shows each step in working days to the administrator.
        using var admin = await PageClient.SignInAsync(app, "admin");
        var (settingsStatus, settings) = await admin.GetAsync("/admin/settings/requests");
        Assert.Equal(HttpStatusCode.OK, settingsStatus);
        Assert.Contains("收函部门处理意见", settings, StringComparison.Ordinal);
    }

    private async Task<string?> NameOfAsync(string? userId)
    {
        foreach (var name in new[] { "mkt", "bizasst", "logistics", "finance" })
        {
            if (await app.StaffIdAsync(name) == userId)
            {
                return name;
            }
        }

        return null;
    }
}

public sealed class RequestsTestsOnSqlite(SqliteClockApp app) : RequestsTests(app), IClassFixture<SqliteClockApp>;

public sealed class RequestsTestsOnPostgres(PostgresClockApp app) : RequestsTests(app), IClassFixture<PostgresClockApp>;
