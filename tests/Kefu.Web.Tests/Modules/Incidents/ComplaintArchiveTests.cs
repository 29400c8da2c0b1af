using System.Net;
using System.Text.Json.Nodes;
using Kefu.Core.Incidents;
using Kefu.Web.Data;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Modules.Performance;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Incidents;

using Money = Kefu.Core.Money.Money;

/// <summary>
/// Issue 15's incident items over the API, on both databases: the person complained about counts in
/// their complaints (VIS-04, PERF-02), the callback after handling (EXC-10), late and false reports as
/// findings with their fines and the on-time exemption (EXC-08), cross-region SLA timers and the
/// GM's decision by the GM only (EXC-09).
/// </summary>
public abstract class ComplaintArchiveTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // A Tuesday morning in working time: the report is due 5 minutes after the complaint.
    private static readonly DateTimeOffset Morning = new(2026, 10, 13, 10, 0, 0, China);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    private async Task<JsonNode> ComplaintAsync(object? subject = null, bool sendReport = true)
    {
        var now = app.Clock.GetUtcNow();
        var body = new JsonObject
        {
            ["type"] = "CustomerComplaint", ["customerName"] = "回访客户", ["summary"] = "技术员态度差" + Guid.NewGuid().ToString("N")[..6],
            ["receivedAt"] = now.AddMinutes(-1), ["phoneCallTo"] = "赵主任", ["phoneCallAt"] = now.AddMinutes(-1), ["sendReport"] = sendReport,
        };
        if (subject is not null)
        {
            foreach (var (key, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(subject))!.AsObject().ToArray())
            {
                body[key] = value?.DeepClone();
            }
        }

        var (status, incident) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents", body);
        Assert.True(status == HttpStatusCode.Created, $"record: {(int)status} {incident?.ToJsonString()}");
        return incident!;
    }

    private static string[] Fields(JsonNode? problem) => problem!["errors"]!.AsObject().Select(e => e.Key).ToArray();

    [ProviderFact]
    public async Task VIS_04_a_complaint_names_the_staff_member_and_counts_in_their_complaints_for_performance()
    {
        app.Clock.Set(Morning);
        var eng1 = await app.StaffIdAsync("sh.eng1");
        var before = await ComplaintsOfAsync(eng1);
        var incident = await ComplaintAsync(new { subjectUserId = eng1 });
        Assert.Equal(eng1, (string?)incident["subjectUserId"]);

        // An outside person by name counts for nobody; both, or a staff id that is nobody, are refused naming the field.
        var outside = await ComplaintAsync(new { subjectName = "外协司机张三" });
        Assert.Equal("外协司机张三", (string?)outside["subjectName"]);
        var (both, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents",
            new { type = "CustomerComplaint", customerName = "回访客户", summary = "两者都填", subjectUserId = eng1, subjectName = "张三", phoneCallTo = "赵主任", phoneCallAt = Morning });
        Assert.Equal(HttpStatusCode.BadRequest, both);
        Assert.Contains("subjectName", Fields(problem));
        Assert.Equal("VIS-04", (string?)problem!["rules"]!["subjectName"]![0]);
        var (unknown, problem2) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents",
            new { type = "CustomerComplaint", customerName = "回访客户", summary = "无此人", subjectUserId = "nobody", phoneCallTo = "赵主任", phoneCallAt = Morning });
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("subjectUserId", Fields(problem2));

        // PERF-02 reads the technician's complaints of the month: the named complaint is one more.
        Assert.Equal(before + 1, await ComplaintsOfAsync(eng1));

        using var page = await PageClient.SignInAsync(app, "sh.sup");
        var (_, html) = await page.GetAsync($"/incidents/{(int)incident["id"]!}");
        Assert.Contains("被投诉人", html, StringComparison.Ordinal);
        var name = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Users.Where(u => u.Id == eng1).Select(u => u.DisplayName).SingleAsync());
        Assert.Contains(name, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    private Task<int> ComplaintsOfAsync(string personId) => app.InScopeAsync(async sp =>
    {
        var people = await sp.GetRequiredService<PerformanceCalculator>().ComputeAsync(new DateOnly(Morning.Year, Morning.Month, 1), null, CancellationToken.None);
        return people.SingleOrDefault(p => p.PersonId == personId)?.Complaints ?? 0;
    });

    [ProviderFact]
    public async Task EXC_10_the_complainant_is_called_back_after_handling_and_the_outcome_is_archived_on_the_timeline()
    {
        app.Clock.Set(Morning);
        var incident = await ComplaintAsync();
        var id = (int)incident["id"]!;

        var (early, problem) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/incidents/{id}/callback", new { satisfied = true });
        Assert.Equal(HttpStatusCode.BadRequest, early);
        Assert.Equal("EXC-10", (string?)problem!["rules"]!["id"]![0]);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/incidents/{id}/close", new { text = "已重新上门服务" })).Status);
        var (missing, problem2) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/incidents/{id}/callback", new { text = "未说明" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Contains("satisfied", Fields(problem2));
        var (future, problem3) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/incidents/{id}/callback", new { satisfied = true, calledAt = Morning.AddDays(1) });
        Assert.Equal(HttpStatusCode.BadRequest, future);
        Assert.Contains("calledAt", Fields(problem3));

        app.Clock.Advance(TimeSpan.FromHours(3));
        var (ok, called) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/incidents/{id}/callback", new { satisfied = true, text = "客户对重新上门的结果满意" });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.True((bool)called!["callbackSatisfied"]!);
        Assert.Equal(app.Clock.GetUtcNow(), DateTimeOffset.Parse((string)called["callbackAt"]!, System.Globalization.CultureInfo.InvariantCulture));

        var (_, detail) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/incidents/{id}");
        var line = detail!["timeline"]!.AsArray().Single(e => (string)e!["kind"]! == "Callback")!;
        Assert.Contains("客户对重新上门的结果满意", (string)line["text"]!, StringComparison.Ordinal);
        Assert.NotNull((string?)line["actor"]);

        // Another centre's supervisor finds nothing; QC does not record callbacks.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/incidents/{id}/callback", new { satisfied = true })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("qc", HttpMethod.Post, $"/api/incidents/{id}/callback", new { satisfied = true })).Status);

        using var page = await PageClient.SignInAsync(app, "sh.sup");
        var (_, html) = await page.GetAsync($"/incidents/{id}");
        Assert.Contains("data-testid=\"callback-result\"", html, StringComparison.Ordinal);
        Assert.Contains("客户对重新上门的结果满意", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task EXC_08_a_late_report_is_a_finding_fined_by_policy_and_a_report_on_time_exempts_the_agent()
    {
        app.Clock.Set(Morning);
        await app.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<PolicyStore>();
            var policy = await store.GetAsync<IncidentPolicy>(IncidentPolicy.Key);
            await store.SaveAsync(IncidentPolicy.Key, policy with
            {
                LateReportFineAgent = Money.FromYuan(50m), LateReportFineSupervisor = Money.FromYuan(30m), FalseReportFineAgent = Money.FromYuan(200m),
            }, "test");
            return 0;
        });

        // Reported on time: the late-report finding is refused, naming it; a false report is still fined.
        var onTime = (int)(await ComplaintAsync())["id"]!;
        var (refused, problem) = await SendAsync("qc", HttpMethod.Post, $"/api/incidents/{onTime}/investigation", new { finding = "核查报告时间", reportedLate = true });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("EXC-08", (string?)problem!["rules"]!["reportedLate"]![0]);
        var (falsified, body) = await SendAsync("qc", HttpMethod.Post, $"/api/incidents/{onTime}/investigation", new { finding = "报告经过与事实不符", falsified = true, costsYuan = 100m });
        Assert.Equal(HttpStatusCode.OK, falsified);
        Assert.True((bool)body!["falsified"]!);
        Assert.Equal(-250m, await LedgerAsync(onTime, "IncidentFalseReport", "sh.cs"));

        // Reported 20 minutes after the complaint: late, fined by the policy's amounts for the agent and the supervisor.
        var late = (int)(await ComplaintAsync(sendReport: false))["id"]!;
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/incidents/{late}/report")).Status);
        var (found, lateBody) = await SendAsync("qc", HttpMethod.Post, $"/api/incidents/{late}/investigation", new { finding = "晚报 15 分钟", reportedLate = true });
        Assert.Equal(HttpStatusCode.OK, found);
        Assert.True((bool)lateBody!["reportedLate"]!);
        Assert.Equal(-50m, await LedgerAsync(late, "IncidentLateReport", "sh.cs"));
        Assert.Equal(-30m, await LedgerAsync(late, "IncidentLateReport", "sh.sup"));
        var (_, detail) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/incidents/{late}");
        Assert.Contains("LateReport", detail!["timeline"]!.AsArray().Select(e => (string)e!["kind"]!));
    }

    private async Task<decimal> LedgerAsync(int incidentId, string reason, string userName)
    {
        var person = await app.StaffIdAsync(userName);
        return await app.InScopeAsync(async sp =>
        {
            var key = incidentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var fen = await sp.GetRequiredService<KefuDbContext>().Set<LedgerEntry>().AsNoTracking()
                .Where(e => e.EvidenceType == nameof(Incident) && e.EvidenceId == key && e.Reason == reason && e.PersonId == person).SumAsync(e => e.AmountFen);
            return fen / 100m;
        });
    }

    [ProviderFact]
    public async Task EXC_09_cross_region_steps_run_as_sla_timers_and_only_the_gm_records_the_decision()
    {
        app.Clock.Set(Morning);
        var (created, c) = await SendAsync("sh.cs", HttpMethod.Post, "/api/cross-region", new
        {
            complainant = "浙江经销商" + Guid.NewGuid().ToString("N")[..4], offender = "江苏某经销商", province = "浙江", products = "空调", quantity = 5,
        });
        Assert.Equal(HttpStatusCode.Created, created);
        var id = (int)c!["id"]!;
        Assert.Equal(["Evidence", "WrittenReport"], await RunningAsync(id));

        // The evidence timer's due time is the deadline the case shows, and it warns before.
        var timer = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .SingleAsync(t => t.RecordType == CrossRegionUseCases.TimerRecordType && t.RecordId == CrossRegionUseCases.TimerKey(id, CrossRegionStep.Evidence)));
        var shownDue = DateTimeOffset.Parse((string)c["deadlines"]!.AsArray().Single(d => (string)d!["step"]! == "Evidence")!["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(shownDue.UtcDateTime, timer.DueAt);
        Assert.True(timer.WarnAt < timer.DueAt);
        Assert.Contains("role:CsManager", timer.Escalation ?? "", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/cross-region/{id}/milestones", new { milestone = "Evidence" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/cross-region/{id}/milestones", new { milestone = "Report" })).Status);
        Assert.Equal(["ToMarketingDirector"], await RunningAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("mkt", HttpMethod.Post, $"/api/cross-region/{id}/milestones", new { milestone = "ToMarketing" })).Status);
        Assert.Empty(await RunningAsync(id));

        // The marketing director may record other moments, not the GM's decision.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("mkt", HttpMethod.Post, $"/api/cross-region/{id}/milestones", new { milestone = "GmDecision", text = "罚款" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("gm", HttpMethod.Post, $"/api/cross-region/{id}/milestones", new { milestone = "GmDecision", text = "罚款", penaltyYuan = 1000m })).Status);
        Assert.Equal(["Announcement"], await RunningAsync(id));
    }

    [ProviderFact]
    public async Task EXC_01_the_incident_report_prints_as_the_paper_form_for_those_who_may_see_it()
    {
        app.Clock.Set(Morning);
        var incident = await ComplaintAsync(new { subjectName = "外协司机李四", details = "送货时与客户争吵" });
        var id = (int)incident["id"]!;
        using var page = await PageClient.SignInAsync(app, "sh.sup");
        var (status, html) = await page.GetAsync($"/incidents/{id}/print");
        Assert.Equal(HttpStatusCode.OK, status);
        var text = System.Net.WebUtility.HtmlDecode(html);
        Assert.Contains("运作异常汇报表", text, StringComparison.Ordinal);
        Assert.Contains("KF-01", text, StringComparison.Ordinal);
        Assert.Contains((string)incident["number"]!, text, StringComparison.Ordinal);
        Assert.Contains("外协司机李四", text, StringComparison.Ordinal);
        Assert.Contains("送货时与客户争吵", text, StringComparison.Ordinal);
        Assert.Contains("总经理签字", text, StringComparison.Ordinal);
        Assert.Contains("print.css", text, StringComparison.Ordinal);
        var (_, detail) = await page.GetAsync($"/incidents/{id}");
        Assert.Contains($"href=\"/incidents/{id}/print\"", detail, StringComparison.Ordinal);

        using var other = await PageClient.SignInAsync(app, "hz.sup");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/incidents/{id}/print")).Status);
        var (_, english) = await page.GetAsync($"/incidents/{id}/print?culture=en");
        Assert.Contains("Operations incident report", english, StringComparison.Ordinal);
    }

    private Task<string[]> RunningAsync(int caseId) => app.InScopeAsync(async sp =>
    {
        var prefix = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":";
        var keys = await sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == CrossRegionUseCases.TimerRecordType && t.RecordId.StartsWith(prefix) && t.Status != TimerStatus.Stopped)
            .Select(t => t.RecordId).ToListAsync();
        return keys.Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal).ToArray();
    });
}

public sealed class ComplaintArchiveTestsOnSqlite(SqliteClockApp app) : ComplaintArchiveTests(app), IClassFixture<SqliteClockApp>;

public sealed class ComplaintArchiveTestsOnPostgres(PostgresClockApp app) : ComplaintArchiveTests(app), IClassFixture<PostgresClockApp>;
