using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Field;

/// <summary>FLD-03 (resident attendance), FLD-09 (the monthly report's chain to the customer's rating) and FLD-04 (team projects), on both databases.</summary>
public abstract class ResidentTeamTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string? user, HttpMethod method, string url, object? body = null)
    {
        using var client = user is null ? app.CreateClient() : await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    private async Task<JsonNode> OkAsync(string user, HttpMethod method, string url, object? body = null)
    {
        var (status, node) = await SendAsync(user, method, url, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {url} as {user}: {(int)status} {node?.ToJsonString()}");
        return node!;
    }

    private async Task<int> CustomerAsync()
    {
        var customer = await OkAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "驻点客户" + Guid.NewGuid().ToString("N")[..6], contactName = "刘主任", confirmDuplicate = true });
        return (int)customer["id"]!;
    }

    /// <summary>A published one-question satisfaction survey of the given kind, built by the Shanghai supervisor.</summary>
    private async Task PublishedSurveyAsync(string kind)
    {
        var survey = await OkAsync("sh.sup", HttpMethod.Post, "/api/surveys", new
        {
            title = "服务评价 " + Guid.NewGuid().ToString("N")[..6], kind,
            questions = new object[] { new { text = "您对本月服务满意吗？", type = "Rating", required = true } },
        });
        await OkAsync("sh.sup", HttpMethod.Post, $"/api/surveys/{(int)survey["id"]!}/publish");
    }

    private Task<int> InboxCountAsync(string userName, string eventKey, string text) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var id = (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
            return await db.Set<InboxItem>().AsNoTracking().CountAsync(i => i.UserId == id && i.EventKey == eventKey && (i.Body.Contains(text) || i.Title.Contains(text)));
        });

    private async Task<(int Id, string Name)> PostAsync()
    {
        var name = "驻点" + Guid.NewGuid().ToString("N")[..6];
        var post = await OkAsync("sh.coord", HttpMethod.Post, "/api/field/resident-posts", new
        {
            name, customerId = await CustomerAsync(), leadId = await app.StaffIdAsync("sh.eng1"), memberIds = new[] { await app.StaffIdAsync("sh.eng2") },
        });
        return ((int)post["id"]!, name);
    }

    [ProviderFact]
    public async Task FLD_03_the_resident_lead_keeps_the_attendance_sheet_on_the_calendar_and_sends_it_to_admin_once()
    {
        // October 2026: National Day week off (1–7 October), Saturday 10 October a make-up working day.
        app.Clock.Set(new DateTimeOffset(2026, 11, 2, 10, 0, 0, China));
        var (post, name) = await PostAsync();
        var eng2 = await app.StaffIdAsync("sh.eng2");

        // Only the lead (or a dispatcher) keeps the sheet; a member and another centre find nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("sh.eng2", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance", new { date = "2026-10-09", technicianId = eng2, status = "Present" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, $"/api/field/resident-posts/{post}/attendance?month=2026-10")).Status);
        var (bad, problem) = await SendAsync("sh.eng1", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance", new { date = "2026-10-09", technicianId = await app.StaffIdAsync("sh.eng3"), status = "Present" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(problem!["errors"]!["technicianId"]);

        await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance", new { date = "2026-10-09", technicianId = eng2, status = "Present" });
        await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance", new { date = "2026-10-10", technicianId = eng2, status = "Leave", note = "调休" });
        await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance", new { date = "2026-10-12", technicianId = eng2, status = "Absent" });
        // Correcting a day keeps one line for it.
        await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance", new { date = "2026-10-12", technicianId = eng2, status = "Present" });
        await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance", new { date = "2026-10-03", technicianId = eng2, status = "Present", note = "国庆值守" });

        var sheet = await OkAsync("sh.coord", HttpMethod.Get, $"/api/field/resident-posts/{post}/attendance?month=2026-10");
        var line = sheet["summary"]!.AsArray().Single(s => (string)s!["technicianId"]! == eng2)!;
        // 22 weekdays, 5 of them National Day holidays (1, 2, 5, 6, 7 October), plus the make-up Saturday: 18 working days.
        Assert.Equal(18, (int)line["workingDays"]!);
        Assert.Equal((2, 1, 0, 15, 1), ((int)line["present"]!, (int)line["leave"]!, (int)line["absent"]!, (int)line["unrecorded"]!, (int)line["presentOnRestDays"]!));

        var sent = await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance/submit", new { month = "2026-10" });
        Assert.Equal("2026-10", (string)sent["month"]!);
        Assert.Equal(1, await InboxCountAsync("adminclerk", "AttendanceSheet", name));
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.eng1", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance/submit", new { month = "2026-10" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.eng1", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance", new { date = "2026-10-13", technicianId = eng2, status = "Present" })).Status);
        // A month still to come cannot be sent.
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.eng1", HttpMethod.Post, $"/api/field/resident-posts/{post}/attendance/submit", new { month = "2026-12" })).Status);
    }

    [ProviderFact]
    public async Task FLD_09_the_monthly_report_goes_up_the_chain_is_stamped_sent_and_the_customers_rating_is_kept_for_the_technician()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 2, 10, 0, 0, China));
        await PublishedSurveyAsync("ResidentService");
        var (post, _) = await PostAsync();

        // Only a technician stationed at the post writes a report there.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("sh.eng3", HttpMethod.Post, $"/api/field/resident-posts/{post}/reports", new { month = "2026-10", workSummary = "日常维护" })).Status);
        var (future, _) = await SendAsync("sh.eng2", HttpMethod.Post, $"/api/field/resident-posts/{post}/reports", new { month = "2026-12", workSummary = "日常维护" });
        Assert.Equal(HttpStatusCode.BadRequest, future);

        var report = await OkAsync("sh.eng2", HttpMethod.Post, $"/api/field/resident-posts/{post}/reports", new { month = "2026-10", workSummary = "完成 12 次桌面支持，更换 2 台打印机硒鼓", suggestions = "建议增加备机" });
        var id = (int)report["id"]!;
        Assert.Equal("Draft", (string)report["status"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.eng2", HttpMethod.Post, $"/api/field/resident-posts/{post}/reports", new { month = "2026-10", workSummary = "重复" })).Status);

        var submitted = await OkAsync("sh.eng2", HttpMethod.Post, $"/api/field/resident-reports/{id}/submit");
        Assert.Equal(("InReview", "team-leader"), ((string)submitted["status"]!, (string)submitted["currentStepKey"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, $"/api/field/resident-reports/{id}")).Status);

        // Team leader → department manager → GM office; each sees it in turn, nobody skips a step.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("csmgr", HttpMethod.Post, $"/api/field/resident-reports/{id}/decision", new { stepKey = "team-leader", action = "Approve" })).Status);
        await OkAsync("sh.lead", HttpMethod.Post, $"/api/field/resident-reports/{id}/decision", new { stepKey = "team-leader", action = "Approve" });
        var atManager = await OkAsync("csmgr", HttpMethod.Get, $"/api/field/resident-reports/{id}");
        Assert.Equal("dept-manager", (string)atManager["currentStepKey"]!);
        // Sending before the stamp is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("bizasst", HttpMethod.Post, $"/api/field/resident-reports/{id}/send", new { })).Status);
        await OkAsync("csmgr", HttpMethod.Post, $"/api/field/resident-reports/{id}/decision", new { stepKey = "dept-manager", action = "Approve" });
        var stamped = await OkAsync("gm", HttpMethod.Post, $"/api/field/resident-reports/{id}/decision", new { stepKey = "gm-office", action = "Approve" });
        Assert.Equal("Stamped", (string)stamped["status"]!);
        Assert.NotNull(stamped["stampedAt"]);

        // The key-account department sends it with the rating link; the customer answers without an account.
        var sent = await OkAsync("bizasst", HttpMethod.Post, $"/api/field/resident-reports/{id}/send", new { });
        Assert.Equal("Sent", (string)sent["status"]!);
        var link = (string)sent["link"]!;
        var token = link[(link.LastIndexOf("/s/", StringComparison.Ordinal) + 3)..];
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(null, HttpMethod.Post, $"/api/public/surveys/{token}", new { answers = new Dictionary<string, object> { ["q1"] = "VerySatisfied" } })).Status);

        var rated = await OkAsync("sh.eng2", HttpMethod.Get, $"/api/field/resident-reports/{id}");
        Assert.Equal(("Rated", "VerySatisfied"), ((string)rated["status"]!, (string)rated["rating"]!));
        // Kept for the technician's evaluation: the answer names the technician who wrote the report.
        var eng2 = await app.StaffIdAsync("sh.eng2");
        Assert.True(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SurveyResponse>().AnyAsync(r => r.TechnicianId == eng2 && r.Rating == Kefu.Core.Visits.SatisfactionRating.VerySatisfied)));
    }

    [ProviderFact]
    public async Task FLD_04_a_team_project_needs_team_size_its_leader_reports_each_working_day_and_the_summary_goes_to_the_customer()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 2, 10, 0, 0, China));
        await PublishedSurveyAsync("ProjectSatisfaction");
        var customer = await CustomerAsync();
        var name = "机房搬迁" + Guid.NewGuid().ToString("N")[..6];
        var members = new[] { await app.StaffIdAsync("sh.eng1"), await app.StaffIdAsync("sh.eng2"), await app.StaffIdAsync("sh.eng3") };
        object Plan(string finish) => new
        {
            name, customerId = customer, requirement = "搬迁 40 台服务器并恢复上线", plannedStart = "2026-11-02", plannedFinish = finish,
            leaderId = members[0], memberIds = members, tasks = new[] { new { title = "拆机打包", assigneeId = members[1], personDays = 4 }, new { title = "上架调试", assigneeId = members[2], personDays = 6 } },
        };

        // 3 technicians over 2 working days: 6 person-days, below the threshold of 10 (4 technicians, 2 working days).
        var (small, problem) = await SendAsync("sh.coord", HttpMethod.Post, "/api/field/team-projects", Plan("2026-11-03"));
        Assert.Equal(HttpStatusCode.BadRequest, small);
        Assert.NotNull(problem!["errors"]!["memberIds"]);
        // The team leader joins as the fourth: 4 × 3 working days = 12 person-days.
        var plan = new
        {
            name, customerId = customer, requirement = "搬迁 40 台服务器并恢复上线", plannedStart = "2026-11-02", plannedFinish = "2026-11-04",
            leaderId = await app.StaffIdAsync("sh.lead"), memberIds = members,
        };
        var project = await OkAsync("sh.coord", HttpMethod.Post, "/api/field/team-projects", plan);
        var id = (int)project["id"]!;
        Assert.Equal((4, 3, 12, "Planned"), ((int)project["technicians"]!, (int)project["workingDays"]!, (int)project["personDays"]!, (string)project["status"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, $"/api/field/team-projects/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.eng2", HttpMethod.Get, $"/api/field/team-projects/{id}")).Status);

        await OkAsync("sh.lead", HttpMethod.Post, $"/api/field/team-projects/{id}/start");
        var detail = await OkAsync("sh.lead", HttpMethod.Get, $"/api/field/team-projects/{id}");
        var clock = detail["deadlines"]!.AsArray().Single()!;
        Assert.Equal("FLD-04", (string)clock["rule"]!);

        // No report by the next working day's same hour: a breach the supervisor hears of.
        app.Clock.Set(new DateTimeOffset(2026, 11, 3, 10, 30, 0, China));
        await app.InScopeAsync(sp => sp.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None));
        Assert.True(await InboxCountAsync("sh.sup", "SlaBreach", name) >= 1);

        var (notLeader, _) = await SendAsync("sh.eng2", HttpMethod.Post, $"/api/field/team-projects/{id}/daily-reports", new { progressPercent = 40, workDone = "拆机 20 台" });
        Assert.Equal(HttpStatusCode.NotFound, notLeader);
        await OkAsync("sh.lead", HttpMethod.Post, $"/api/field/team-projects/{id}/daily-reports", new { progressPercent = 40, workDone = "拆机 20 台" });
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.lead", HttpMethod.Post, $"/api/field/team-projects/{id}/daily-reports", new { progressPercent = 45, workDone = "同一天第二份" })).Status);
        var timers = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == "TeamProject" && t.RecordId == $"{id}/DailyReport").OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(2, timers.Count);
        Assert.Equal(TimerStatus.Stopped, timers[0].Status);
        Assert.Equal((TimerStatus.Running, new DateTimeOffset(2026, 11, 4, 10, 30, 0, China).UtcDateTime), (timers[1].Status, timers[1].DueAt));

        // A member records a device; the summary with the survey link closes the project and its clock.
        await OkAsync("sh.eng2", HttpMethod.Post, $"/api/field/team-projects/{id}/devices", new { model = "Dell R740", serialNumber = "SN-001", quantity = 2, location = "3 楼机房 A 排" });
        var finished = await OkAsync("sh.lead", HttpMethod.Post, $"/api/field/team-projects/{id}/finish", new { workDone = "40 台全部上线", summary = "按期完成，无数据丢失" });
        Assert.Equal("Finished", (string)finished["status"]!);
        Assert.Contains("/s/", (string)finished["link"]!, StringComparison.Ordinal);
        var after = await OkAsync("sh.coord", HttpMethod.Get, $"/api/field/team-projects/{id}");
        Assert.Single(after["devices"]!.AsArray());
        Assert.Single(after["dailyReports"]!.AsArray());
        Assert.Equal("Stopped", (string)after["deadlines"]!.AsArray().Last()!["status"]!);
    }
}

public sealed class ResidentTeamTestsOnSqlite(SqliteClockApp app) : ResidentTeamTests(app), IClassFixture<SqliteClockApp>;

public sealed class ResidentTeamTestsOnPostgres(PostgresClockApp app) : ResidentTeamTests(app), IClassFixture<PostgresClockApp>;
