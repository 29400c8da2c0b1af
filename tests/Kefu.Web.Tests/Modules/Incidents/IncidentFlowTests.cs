using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Modules.Performance;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Incidents;

/// <summary>EXC-01..08 over the API with a hand-moved clock, on both databases.</summary>
public abstract class IncidentFlowTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private Task<List<SlaTimer>> TimersAsync(int id) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == "Incident" && t.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(t => t.Id).ToListAsync());

    private Task<List<InboxItem>> InboxAsync(string userName, string eventKey, string text) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var id = (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
            return await db.Set<InboxItem>().AsNoTracking().Where(i => i.UserId == id && i.EventKey == eventKey && (i.Body.Contains(text) || i.Title.Contains(text))).ToListAsync();
        });

    private static object Complaint(string summary, DateTimeOffset? at = null, bool withCall = false, bool sendReport = true) => new
    {
        type = "CustomerComplaint", customerName = "投诉客户", summary, receivedAt = at,
        phoneCallTo = withCall ? "赵主任" : null, phoneCallAt = withCall ? at : null, sendReport,
    };

    [ProviderFact]
    public async Task EXC_04_a_complaint_at_20_00_on_30_September_needs_the_call_and_is_due_8_October_09_00()
    {
        var received = new DateTimeOffset(2026, 9, 30, 20, 0, 0, China);
        app.Clock.Set(received);

        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents", Complaint("夜间投诉"));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("phoneCallTo"));
        Assert.True(problem["errors"]!.AsObject().ContainsKey("phoneCallAt"));

        var (created, incident) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents", Complaint("夜间投诉", received, withCall: true, sendReport: false));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.True((bool)incident!["outsideWorkingTime"]!);
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 9, 0, 0, China), DateTimeOffset.Parse((string)incident["emailDueAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        var id = (int)incident["id"]!;
        var report = Assert.Single(await TimersAsync(id), t => t.Rule == "EXC-02");
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 9, 0, 0, China).UtcDateTime, report.DueAt);
        Assert.Null(report.StoppedAt);

        // The report stops the clock; a second report is refused.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/incidents/{id}/report")).Status);
        Assert.NotNull(Assert.Single(await TimersAsync(id), t => t.Rule == "EXC-02").StoppedAt);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/incidents/{id}/report")).Status);
        var (_, detail) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/incidents/{id}");
        Assert.Equal(["Received", "PhoneCall", "Reported"], detail!["timeline"]!.AsArray().Select(e => (string)e!["kind"]!).ToArray());
        Assert.Single(await InboxAsync("qc", "IncidentReport", (string)incident["number"]!));
    }

    [ProviderFact]
    public async Task EXC_02_and_EXC_05_in_working_time_the_report_is_due_in_5_minutes_and_a_missed_reply_promise_reaches_the_cs_director()
    {
        var received = new DateTimeOffset(2026, 9, 28, 10, 0, 0, China);
        app.Clock.Set(received);
        var (created, incident) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents", Complaint("白天投诉", received, sendReport: false));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.False((bool)incident!["outsideWorkingTime"]!);
        var id = (int)incident["id"]!;
        var number = (string)incident["number"]!;
        var timers = await TimersAsync(id);
        Assert.Equal(received.AddMinutes(5).UtcDateTime, timers.Single(t => t.Rule == "EXC-02").DueAt);
        Assert.Equal(received.AddMinutes(10).UtcDateTime, timers.Single(t => t.Rule == "EXC-05").DueAt);

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.InScopeAsync(sp => sp.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None));
        Assert.NotEmpty(await InboxAsync("csdir", "SlaBreach", number));
        Assert.NotEmpty(await InboxAsync("csmgr", "SlaBreach", number));

        // A reply stops the promise clock; the incident shows who replied.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/incidents/{id}/reply", new { text = "已致电客户说明情况" })).Status);
        Assert.NotNull((await TimersAsync(id)).Single(t => t.Rule == "EXC-05").StoppedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, $"/api/incidents/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/incidents/{id}/reply", new { text = "x" })).Status);
    }

    [ProviderFact]
    public async Task EXC_06_large_damage_notifies_qc_and_beyond_authority_cannot_be_paid_on_the_spot()
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 28, 11, 0, 0, China));
        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents",
            new { type = "Damage", customerName = "破损客户", summary = "外箱破损", damageYuan = 8000m, compensatedOnSpot = true });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("compensatedOnSpot"));

        var (created, incident) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents",
            new { type = "Damage", customerName = "破损客户", summary = "外箱破损", damageYuan = 8000m });
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Single(await InboxAsync("qc", "IncidentDamage", (string)incident!["number"]!));

        var (small, smallIncident) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents",
            new { type = "Damage", customerName = "破损客户", summary = "小件破损", damageYuan = 120.5m, compensatedOnSpot = true });
        Assert.Equal(HttpStatusCode.Created, small);
        Assert.Equal(120.5m, (decimal)smallIncident!["damageYuan"]!);
        Assert.Empty(await InboxAsync("qc", "IncidentDamage", (string)smallIncident["number"]!));
    }

    [ProviderFact]
    public async Task EXC_07_and_EXC_08_qc_finds_concealment_the_plan_is_approved_by_the_cs_director_and_the_vp_and_sent()
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 28, 14, 0, 0, China));
        var (_, incident) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents", Complaint("延误未报"));
        var id = (int)incident!["id"]!;

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/incidents/{id}/investigation", new { finding = "x" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/incidents/{id}/plan", new { text = "先调查" })).Status);
        var (investigated, after) = await SendAsync("qc", HttpMethod.Post, $"/api/incidents/{id}/investigation",
            new { finding = "客服未按时上报，属瞒报", concealed = true, costsYuan = 300m });
        Assert.Equal(HttpStatusCode.OK, investigated);
        Assert.Equal("Investigating", (string?)after!["status"]);
        var fines = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.EvidenceType == "Incident" && e.EvidenceId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync());
        Assert.Equal(2, fines.Count);
        Assert.All(fines, f => Assert.Equal("EXC-08", f.RuleId));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/incidents/{id}/plan", new { text = "增加出库复核；每日核对追踪表" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/incidents/{id}/close", new { text = "x" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("vp", HttpMethod.Post, $"/api/incidents/{id}/plan/decision", new { action = "Approve" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("csdir", HttpMethod.Post, $"/api/incidents/{id}/plan/decision", new { action = "Approve" })).Status);
        var (approved, final) = await SendAsync("vp", HttpMethod.Post, $"/api/incidents/{id}/plan/decision", new { action = "Approve", comment = "同意" });
        Assert.Equal(HttpStatusCode.OK, approved);
        Assert.Equal("PlanApproved", (string?)final!["status"]);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/incidents/{id}/plan/send")).Status);

        var (_, detail) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/incidents/{id}");
        Assert.Equal(["Received", "Reported", "Investigation", "Concealment", "PlanSubmitted", "PlanApprove", "PlanApprove", "PlanSent"],
            detail!["timeline"]!.AsArray().Select(e => (string)e!["kind"]!).ToArray());
    }
}

public sealed class IncidentFlowTestsOnSqlite(SqliteClockApp app) : IncidentFlowTests(app), IClassFixture<SqliteClockApp>;

public sealed class IncidentFlowTestsOnPostgres(PostgresClockApp app) : IncidentFlowTests(app), IClassFixture<PostgresClockApp>;

/// <summary>EXC-02: the report reaches a real SMTP server.</summary>
public sealed class IncidentReportMailTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    [SmtpFact]
    public async Task EXC_02_the_email_report_is_delivered_to_the_department_manager_qc_manager_and_gm()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<PolicyStore>().SaveAsync(NotificationSettings.Key,
                new NotificationSettings { Smtp = new SmtpSettings { Enabled = true, Host = "127.0.0.1", Port = smtp.Port, From = "kefu@demo.kefu.local" } }, "test");
            return 0;
        });
        app.Clock.Set(new DateTimeOffset(2026, 9, 28, 10, 0, 0, TimeSpan.FromHours(8)));
        using var client = await app.ClientFor("sh.cs");
        using var response = await client.SendJsonAsync("POST", "/api/incidents", new { type = "CustomerComplaint", customerName = "邮件客户", summary = "货物晚到两天" });
        var incident = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var number = (string)incident["number"]!;

        await app.InScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));
        await smtp.WaitForMessagesAsync(3, TimeSpan.FromSeconds(10));
        var mails = smtp.Messages().Where(m => m.Contains("X-Kefu-Event: IncidentReport", StringComparison.Ordinal)).ToList();
        foreach (var to in new[] { "csmgr@demo.kefu.local", "qc@demo.kefu.local", "gm@demo.kefu.local" })
        {
            Assert.Contains(mails, m => m.Contains(to, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(mails, m => m.Contains("hz.sup@", StringComparison.Ordinal));
        Assert.NotNull(incident["emailSentAt"]);
        Assert.Contains(number, string.Join("\n", mails.Select(Decode)), StringComparison.Ordinal);
    }

    private static string Decode(string raw)
    {
        var parts = raw.Split("\n\n", 2);
        if (parts.Length < 2 || !parts[0].Contains("base64", StringComparison.OrdinalIgnoreCase))
        {
            return raw;
        }

        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Trim()));
        }
        catch (FormatException)
        {
            return raw;
        }
    }
}
