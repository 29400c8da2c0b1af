using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Kefu.Core.Field;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Modules.Field;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Performance;

/// <summary>
/// PERF-08 over HTTP on both databases: a centre's month drafted from the demo's figures, commented,
/// approved through the engine and archived (figures unchanged after the data changes, the PDF's text
/// in Chinese), other centres refused; and PERF-06's SLA breaches as ledger lines linking to the timer.
/// </summary>
public abstract class MonthlyReportTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, string method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    private async Task<JsonNode> OkAsync(string user, string method, string url, object? body = null)
    {
        var (status, node) = await SendAsync(user, method, url, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {url} as {user}: {(int)status} {node?.ToJsonString()}");
        return node!;
    }

    private static DateTime At(int month, int day, int hour = 10) => new DateTimeOffset(2026, month, day, hour, 0, 0, China).UtcDateTime;

    /// <summary>A finished mobile job of sh.eng1 in the month: one more for the figures to count.</summary>
    private Task<int> AddFinishedJobAsync(int month, int day) => app.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<KefuDbContext>();
        var eng1 = await app.StaffIdAsync("sh.eng1");
        var demo = await db.Set<ServiceJob>().AsNoTracking().FirstAsync(j => j.OwnerId == eng1);
        db.Add(new ServiceJob
        {
            Number = "RPT-T-" + Guid.NewGuid().ToString("N")[..8], Type = JobKind.Repair, Mode = ServiceMode.Mobile, State = JobState.Finished, CustomerName = demo.CustomerName,
            Problem = "月报测试", OwnerId = eng1, OrgPath = demo.OrgPath, CentreId = demo.CentreId, CreatedById = eng1, ReceivedAt = At(month, day), CreatedAt = At(month, day),
            FinishedAt = At(month, day, 15),
        });
        await db.SaveChangesAsync();
        return 0;
    });

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kefu-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [ProviderFact]
    public async Task PERF_08_report_is_drafted_commented_approved_and_archived_its_figures_and_pdf_never_change_and_other_centres_are_refused()
    {
        app.Clock.Set(new DateTimeOffset(2026, 10, 8, 10, 0, 0, China));
        var sh = await app.UnitIdAsync("SH");
        var hz = await app.UnitIdAsync("HZ");
        await AddFinishedJobAsync(9, 15);

        // Drafted by the Shanghai supervisor from September's figures; one per centre and month.
        var draft = await OkAsync("sh.sup", "POST", "/api/performance/reports", new { month = "2026-09", unitId = sh });
        var id = (int)draft["id"]!;
        Assert.Equal(("Draft", "2026-09"), ((string)draft["status"]!, (string)draft["figures"]!["month"]!));
        var finished = (int)draft["figures"]!["volumes"]!["jobsFinished"]!;
        Assert.True(finished >= 1, draft.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.sup", "POST", "/api/performance/reports", new { month = "2026-09", unitId = sh })).Status);
        var (future, futureProblem) = await SendAsync("sh.sup", "POST", "/api/performance/reports", new { month = "2026-11", unitId = sh });
        Assert.Equal(HttpStatusCode.BadRequest, future);
        Assert.NotNull(futureProblem!["errors"]!["month"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.sup", "POST", "/api/performance/reports", new { month = "2026-09", unitId = hz })).Status);

        // Scope: another centre's supervisor finds nothing; a technician may not read reports at all.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", "GET", $"/api/performance/reports/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", "PUT", $"/api/performance/reports/{id}", new { commentary = "越权" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", "GET", $"/api/performance/reports/{id}/pdf")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.eng1", "GET", $"/api/performance/reports/{id}")).Status);
        Assert.DoesNotContain((await OkAsync("hz.sup", "GET", "/api/performance/reports?month=2026-09"))["items"]!.AsArray(), r => (int)r!["id"]! == id);

        // The figures follow the data while it is a draft.
        await AddFinishedJobAsync(9, 16);
        var refreshed = await OkAsync("sh.sup", "POST", $"/api/performance/reports/{id}/refresh");
        Assert.Equal(finished + 1, (int)refreshed["figures"]!["volumes"]!["jobsFinished"]!);

        // The manager's commentary is needed before the approval.
        var (noCommentary, problem) = await SendAsync("sh.sup", "POST", $"/api/performance/reports/{id}/submit");
        Assert.Equal(HttpStatusCode.BadRequest, noCommentary);
        Assert.NotNull(problem!["errors"]!["commentary"]);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.sup", "PUT", $"/api/performance/reports/{id}", new { commentary = "旧版本", version = 0 })).Status);
        const string commentary = "九月上海中心工单完成及时，回访满意度稳定。下月重点：缩短异常回复时间。";
        var commented = await OkAsync("sh.sup", "PUT", $"/api/performance/reports/{id}", new { commentary, version = (int)refreshed["version"]! });
        Assert.Equal(commentary, (string)commented["commentary"]!);

        // The supervisor's report goes to the CS manager; in approval it no longer changes.
        var submitted = await OkAsync("sh.sup", "POST", $"/api/performance/reports/{id}/submit");
        Assert.Equal(("InApproval", "cs-manager", await app.StaffIdAsync("csmgr")),
            ((string)submitted["status"]!, (string)submitted["currentStepKey"]!, (string)submitted["currentApproverId"]!));
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.sup", "PUT", $"/api/performance/reports/{id}", new { commentary = "改" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.sup", "POST", $"/api/performance/reports/{id}/refresh")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.sup", "POST", $"/api/performance/reports/{id}/decision", new { stepKey = "cs-manager", action = "Approve" })).Status);

        var approved = await OkAsync("csmgr", "POST", $"/api/performance/reports/{id}/decision", new { stepKey = "cs-manager", action = "Approve" });
        Assert.Equal(("Approved", true), ((string)approved["status"]!, (bool)approved["pdfArchived"]!));
        var archived = approved["figures"]!.ToJsonString();

        // The archive: a later job of September changes today's figures, never the approved report's.
        await AddFinishedJobAsync(9, 17);
        var after = await OkAsync("sh.sup", "GET", $"/api/performance/reports/{id}");
        Assert.Equal(archived, after["figures"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.sup", "POST", $"/api/performance/reports/{id}/refresh")).Status);
        var today = await app.InScopeAsync(async sp =>
        {
            var centre = await sp.GetRequiredService<KefuDbContext>().OrgUnits.SingleAsync(u => u.Id == sh);
            return await sp.GetRequiredService<Kefu.Web.Modules.Performance.MonthlyReportQuery>().GatherAsync(new DateOnly(2026, 9, 1), centre, default);
        });
        Assert.Equal(finished + 2, today.Volumes.JobsFinished);

        // The archived PDF: the same file every time, its text Chinese.
        using var client = await app.ClientFor("sh.sup");
        var pdf = await client.GetByteArrayAsync($"/api/performance/reports/{id}/pdf");
        Assert.Equal(pdf, await client.GetByteArrayAsync($"/api/performance/reports/{id}/pdf"));
        var text = await PdfTextAsync(pdf);
        Assert.Contains("客户服务部工作月报", text, StringComparison.Ordinal);
        Assert.Contains("上海中心", text, StringComparison.Ordinal);
        Assert.Contains("缩短异常回复时间", text, StringComparison.Ordinal);
        Assert.Contains("张经理", text, StringComparison.Ordinal);

        // The CS manager's own report goes to the director above them.
        var own = await OkAsync("csmgr", "POST", "/api/performance/reports", new { month = "2026-09", unitId = hz });
        await OkAsync("csmgr", "PUT", $"/api/performance/reports/{(int)own["id"]!}", new { commentary = "杭州中心九月工作正常。" });
        var toDirector = await OkAsync("csmgr", "POST", $"/api/performance/reports/{(int)own["id"]!}/submit");
        Assert.Equal(("cs-director", await app.StaffIdAsync("csdir")), ((string)toDirector["currentStepKey"]!, (string)toDirector["currentApproverId"]!));

        // The pages: the list filters, sorts and exports; the detail shows the archive; another centre gets 404.
        using var pages = await PageClient.SignInAsync(app, "sh.sup");
        var (listStatus, list) = await pages.GetAsync("/performance/reports?month=2026-09&sort=centre&dir=desc");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains($"/performance/reports/{id}", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync("/performance/reports?status=Approved&handler=Export&format=xlsx")).Status);
        var (csvStatus, csv) = await pages.GetAsync("/performance/reports?handler=Export&format=csv");
        Assert.Equal(HttpStatusCode.OK, csvStatus);
        Assert.Contains("2026-09", csv, StringComparison.Ordinal);
        var (detailStatus, detail) = await pages.GetAsync($"/performance/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, detailStatus);
        Assert.Contains("data-testid=\"archived\"", detail, StringComparison.Ordinal);
        Assert.Contains("缩短异常回复时间", detail, StringComparison.Ordinal);
        using var hzPages = await PageClient.SignInAsync(app, "hz.sup");
        Assert.Equal(HttpStatusCode.NotFound, (await hzPages.GetAsync($"/performance/reports/{id}")).Status);
    }

    [ProviderFact]
    public async Task PERF_06_a_deadline_breached_in_the_month_is_a_fine_of_the_person_responsible_linking_to_its_timer()
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 2, 10, 0, 0, China));
        var eng1 = await app.StaffIdAsync("sh.eng1");
        var timerId = await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var job = await db.Set<ServiceJob>().AsNoTracking().FirstAsync(j => j.OwnerId == eng1);
            var timer = new SlaTimer
            {
                RecordType = "ServiceJob", RecordId = job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Rule = "FLD-02", Name = "到场时限", OwnerId = eng1,
                OrgPath = job.OrgPath, CalendarId = "default", Unit = SlaUnit.WallMinutes, Amount = 240, StartedAt = At(8, 10, 8), DueAt = At(8, 10, 12), WarnAt = At(8, 10, 11),
                Status = TimerStatus.Stopped, BreachedAt = At(8, 10, 12), StoppedAt = At(8, 10, 14), Link = $"/field/jobs/{job.Id}",
            };
            db.Add(timer);
            await db.SaveChangesAsync();
            db.Add(new SlaBreach { TimerId = timer.Id, RecordType = timer.RecordType, RecordId = timer.RecordId, Rule = timer.Rule, OwnerId = eng1, OrgPath = job.OrgPath, DueAt = timer.DueAt, BreachedAt = timer.BreachedAt!.Value });
            await db.SaveChangesAsync();
            return timer.Id;
        });

        await OkAsync("sh.sup", "POST", "/api/performance/months/run", new { month = "2026-08" });
        var line = (await OkAsync("sh.sup", "GET", $"/api/performance/lines?month=2026-08&personId={eng1}&ruleId=SLA-04"))["items"]!.AsArray().Single()!;
        Assert.Equal(("SlaBreach", -50m, $"/deadlines/{timerId}"), ((string)line["kind"]!, (decimal)line["amountYuan"]!, (string)line["evidenceUrl"]!));

        // The link opens the record the deadline runs on, for whoever may see the timer.
        using var own = await PageClient.SignInAsync(app, "sh.eng1");
        using var opened = await own.Client.GetAsync($"/deadlines/{timerId}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.StartsWith("/field/jobs/", opened.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var other = await PageClient.SignInAsync(app, "hz.sup");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/deadlines/{timerId}")).Status);
    }
}

public sealed class MonthlyReportTestsOnSqlite(SqliteClockApp app) : MonthlyReportTests(app), IClassFixture<SqliteClockApp>;

public sealed class MonthlyReportTestsOnPostgres(PostgresClockApp app) : MonthlyReportTests(app), IClassFixture<PostgresClockApp>;
