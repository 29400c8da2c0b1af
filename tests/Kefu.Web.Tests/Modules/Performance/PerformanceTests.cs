using System.Net;
using System.Text.Json.Nodes;
using Kefu.Core.Field;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Performance.Contracts;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Performance;

/// <summary>PERF-01..07 over HTTP on both databases: the month run over jobs, callbacks, a project bonus and the penalty ledger; re-run, review, lock, scope.</summary>
public abstract class PerformanceTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
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

    private static DateTime At(int month, int day, int hour = 10) => new DateTimeOffset(2026, month, day, hour, 0, 0, China).UtcDateTime;

    /// <summary>September's facts: a finished mobile job for sh.eng2 beside the demo job of sh.eng1, callbacks, two ledger fines, a project bonus.</summary>
    private async Task SeedSeptemberAsync()
    {
        var eng1 = await app.StaffIdAsync("sh.eng1");
        var eng2 = await app.StaffIdAsync("sh.eng2");
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var demo = await db.Set<ServiceJob>().AsNoTracking().FirstAsync(j => j.OwnerId == eng1 && j.State == JobState.Finished);
            db.Add(new ServiceJob
            {
                Number = "PERF-T-" + Guid.NewGuid().ToString("N")[..8], Type = JobKind.Install, Mode = ServiceMode.Mobile, State = JobState.Finished, CustomerName = demo.CustomerName,
                Problem = "安装测试", OwnerId = eng2, OrgPath = demo.OrgPath, CentreId = demo.CentreId, CreatedById = eng2, ReceivedAt = At(9, 10), CreatedAt = At(9, 10), FinishedAt = At(9, 10, 15),
            });

            // sh.eng1: 19 of 20 very satisfied = 95.0 % exactly; sh.eng2: 8 of 10 = 80.0 % exactly.
            void Callbacks(string owner, int count, int very)
            {
                for (var i = 0; i < count; i++)
                {
                    db.Add(new ServiceCallback
                    {
                        JobReference = "PERF-CB", CustomerName = demo.CustomerName, OrgPath = demo.OrgPath, CentreId = demo.CentreId, OwnerId = owner, CompletedAt = At(9, 12),
                        DueAt = At(9, 13), Status = CallbackStatus.Done, CalledAt = At(9, 13), Rating = i < very ? SatisfactionRating.VerySatisfied : SatisfactionRating.Satisfied, CreatedAt = At(9, 12),
                    });
                }
            }

            // The demo (seeded at this app's clock, in September) called back customers of both; those calls are moved
            // to July so that September's shares are exactly the ones written here.
            await db.Set<ServiceCallback>().Where(c => (c.OwnerId == eng1 || c.OwnerId == eng2) && c.JobReference != "PERF-CB")
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.CompletedAt, At(7, 1)).SetProperty(c => c.CalledAt, c => c.CalledAt == null ? (DateTime?)null : At(7, 2))
                    .SetProperty(c => c.CreatedAt, At(7, 1)).SetProperty(c => c.DueAt, At(7, 2)));
            Callbacks(eng1, 20, 19);
            Callbacks(eng2, 10, 8);
            await db.SaveChangesAsync();

            // What expenses (EXP-09, forcing C) and incidents (EXC-08) write into the ledger, through the module contract.
            var ledger = sp.GetRequiredService<IPenaltyLedger>();
            await ledger.RecordAsync([
                new LedgerLine(eng2, "EXP-09", "FalseClaim", -200m, "ExpenseClaim", "9001", "C"),
                new LedgerLine(eng1, "EXC-08", "IncidentConcealed", -50m, "Incident", "9002"),
            ], "test", default);
            await db.SaveChangesAsync();
            return 0;
        });

        // PERF-05: 600 over a manager and three members; documents three days late.
        await OkAsync("sh.sup", HttpMethod.Post, "/api/performance/project-bonuses", new
        {
            name = "服务器维保专案", month = "2026-09", bonusYuan = 600m, managerId = await app.StaffIdAsync("sh.lead"),
            memberIds = new[] { eng1, eng2, await app.StaffIdAsync("sh.eng3") }, documentsDueOn = "2026-09-20", documentsInOn = "2026-09-23",
        });
    }

    private static IEnumerable<JsonNode> Items(JsonNode page) => page["items"]!.AsArray().Select(i => i!);

    [ProviderFact]
    public async Task PERF_month_run_gives_the_expected_ledger_reruns_change_nothing_and_a_locked_month_refuses_changes()
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 28, 12, 0, 0, China));
        await SeedSeptemberAsync();
        var eng1 = await app.StaffIdAsync("sh.eng1");
        var eng2 = await app.StaffIdAsync("sh.eng2");
        var lead = await app.StaffIdAsync("sh.lead");

        // The live preview of the running month already shows it.
        var preview = (await OkAsync("sh.sup", HttpMethod.Get, "/api/performance/preview?month=2026-09")).AsArray();
        Assert.Contains(preview, p => (string)p!["personId"]! == eng2 && (decimal)p["netYuan"]! < 0);

        // The early hours of the 1st: the month just ended is run.
        app.Clock.Set(new DateTimeOffset(2026, 10, 1, 2, 30, 0, China));
        var run = await OkAsync("sh.sup", HttpMethod.Post, "/api/performance/months/run", new { month = "2026-09" });
        // sh.eng1: reward, incident fine, project share; sh.eng2: mobile fine, expense fine, project share; the lead's share and
        // late deduction; sh.eng3's share.
        Assert.True((int)run["linesAdded"]! == 9, run.ToJsonString());

        var lines = Items(await OkAsync("sh.sup", HttpMethod.Get, "/api/performance/lines?month=2026-09&pageSize=200")).ToArray();
        decimal Sum(string person, string rule, string? kind = null) =>
            lines.Where(l => (string)l["personId"]! == person && (string)l["ruleId"]! == rule && (kind is null || (string)l["kind"]! == kind)).Sum(l => (decimal)l["effectiveYuan"]!);

        // PERF-02: sh.eng2 ranks first (install 3 + mobile 1) but sits at 80 % → fined, not rewarded; sh.eng1 second at 95 % → 70.
        var dump = string.Join(" | ", lines.Select(l => l.ToJsonString())) + " || " + (await OkAsync("sh.sup", HttpMethod.Get, "/api/performance/records?month=2026-09&pageSize=200")).ToJsonString();
        Assert.True(70m == Sum(eng1, "PERF-02"), dump);
        Assert.Equal(-100m, Sum(eng2, "PERF-02"));
        // PERF-05: the parts add up to 600.00; the manager's 171.43 loses 3 × 5 %.
        Assert.Equal(600.00m, lines.Where(l => (string)l["kind"]! == "ProjectBonus").Sum(l => (decimal)l["amountYuan"]!));
        Assert.Equal(171.43m, Sum(lead, "PERF-05", "ProjectBonus"));
        Assert.Equal(-25.71m, Sum(lead, "PERF-05", "ProjectLateDeduction"));
        // PERF-06: the ledger's lines with rule, amount and the evidence link.
        var expense = Assert.Single(lines, l => (string)l["ruleId"]! == "EXP-09");
        Assert.Equal((-200m, "/expenses/9001"), ((decimal)expense["amountYuan"]!, (string)expense["evidenceUrl"]!));
        Assert.Equal(-50m, Sum(eng1, "EXC-08"));

        // PERF-01/07: ranks and ratings; EXP-09 forces C.
        var records = Items(await OkAsync("sh.sup", HttpMethod.Get, "/api/performance/records?month=2026-09&pageSize=200")).ToArray();
        var r2 = records.Single(r => (string)r["personId"]! == eng2);
        var r1 = records.Single(r => (string)r["personId"]! == eng1);
        Assert.Equal((4, 1, "C"), ((int)r2["score"]!, (int)r2["rank"]!, (string)r2["rating"]!));
        Assert.Equal((3, 2), ((int)r1["score"]!, (int)r1["rank"]!));

        // A re-run changes nothing: same lines, same ids, same amounts.
        var again = await OkAsync("sh.sup", HttpMethod.Post, "/api/performance/months/run", new { month = "2026-09" });
        Assert.Equal((0, 0, 0), ((int)again["linesAdded"]!, (int)again["linesChanged"]!, (int)again["linesRemoved"]!));
        var after = Items(await OkAsync("sh.sup", HttpMethod.Get, "/api/performance/lines?month=2026-09&pageSize=200")).ToArray();
        Assert.Equal(lines.Select(l => l.ToJsonString()), after.Select(l => l.ToJsonString()));

        // Scope: a technician sees only their own lines; another centre none; neither may adjust.
        var own = Items(await OkAsync("sh.eng1", HttpMethod.Get, "/api/performance/lines?month=2026-09&pageSize=200")).ToArray();
        Assert.NotEmpty(own);
        Assert.All(own, l => Assert.Equal(eng1, (string)l["personId"]!));
        Assert.DoesNotContain(Items(await OkAsync("hz.sup", HttpMethod.Get, "/api/performance/lines?month=2026-09&pageSize=200")), l => (string)l["personId"]! == eng1);
        var incident = lines.Single(l => (string)l["ruleId"]! == "EXC-08");
        var lineId = (long)incident["id"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/performance/lines/{lineId}/adjust", new { amountYuan = 0m, reason = "x" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.eng1", HttpMethod.Post, $"/api/performance/lines/{lineId}/adjust", new { amountYuan = 0m, reason = "x" })).Status);
        var mine = await OkAsync("sh.eng1", HttpMethod.Get, "/api/performance/me?month=2026-09");
        Assert.Equal(2, (int)mine["record"]!["rank"]!);

        // Review: an adjustment needs a reason and is audited; then the month is locked.
        var (bad, problem) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/performance/lines/{lineId}/adjust", new { amountYuan = -30m, reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(problem!["errors"]!["reason"]);
        var adjusted = await OkAsync("sh.sup", HttpMethod.Post, $"/api/performance/lines/{lineId}/adjust", new { amountYuan = -30m, reason = "情节较轻" });
        Assert.Equal(-30m, (decimal)adjusted["effectiveYuan"]!);
        var audited = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().AuditEntries.AsNoTracking()
            .AnyAsync(a => a.EntityType == "PerformanceLineEntry" && a.EntityId == lineId.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Update"));
        Assert.True(audited, "the adjustment is in the audit log");
        var rerun = await OkAsync("sh.sup", HttpMethod.Post, "/api/performance/months/run", new { month = "2026-09" });
        Assert.Equal(0, (int)rerun["linesChanged"]!);
        Assert.Equal(-30m, (decimal)Items(await OkAsync("sh.sup", HttpMethod.Get, $"/api/performance/lines?month=2026-09&personId={eng1}&ruleId=EXC-08"))
            .Single()["effectiveYuan"]!);

        var month = (await OkAsync("sh.sup", HttpMethod.Get, "/api/performance/months?month=2026-09")).AsArray().Single(m => (string)m!["unitName"]! != "")!;
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/performance/months/{(int)month["id"]!}/lock")).Status);
        await OkAsync("sh.sup", HttpMethod.Post, $"/api/performance/months/{(int)month["id"]!}/lock");
        var (again409, lockedProblem) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/performance/months/{(int)month["id"]!}/lock");
        Assert.Equal(HttpStatusCode.Conflict, again409);
        Assert.Contains("2026-09", (string)lockedProblem!["detail"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/performance/lines/{lineId}/adjust", new { amountYuan = 0m, reason = "改" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.sup", HttpMethod.Post, "/api/performance/months/run", new { month = "2026-09" })).Status);
        Assert.Equal(after.Length, Items(await OkAsync("sh.sup", HttpMethod.Get, "/api/performance/lines?month=2026-09&pageSize=200")).Count());

        // A later correction lands in the next open month.
        var correction = await OkAsync("sh.sup", HttpMethod.Post, "/api/performance/corrections", new { lineId, amountYuan = 30m, reason = "复核后撤销罚款" });
        Assert.Equal(("2026-10", "Correction", lineId), ((string)correction["month"]!, (string)correction["kind"]!, (long)correction["correctsLineId"]!));
    }

    [ProviderFact]
    public async Task PERF_pages_show_my_performance_the_ranking_and_the_ledger_in_scope()
    {
        app.Clock.Set(new DateTimeOffset(2026, 12, 2, 9, 0, 0, China));
        await OkAsync("sh.sup", HttpMethod.Post, "/api/performance/months/run", new { month = "2026-11" });
        using var eng = await PageClient.SignInAsync(app, "sh.eng1");
        var (status, html) = await eng.GetAsync("/performance");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"my-figures\"", html);
        using var sup = await PageClient.SignInAsync(app, "sh.sup");
        (status, html) = await sup.GetAsync("/performance/ranking?month=2026-11");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"run-month\"", html);
        (status, _) = await sup.GetAsync("/performance/ledger?month=2026-11&sort=amount&dir=desc");
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _) = await sup.GetAsync("/performance/ledger?month=2026-11&handler=Export&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, status);
        using var admin = await PageClient.SignInAsync(app, "admin");
        (status, html) = await admin.GetAsync("/admin/settings/performance");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("mobileRewardMinVerySatisfiedPercent", html);
    }
}

public sealed class PerformanceTestsOnSqlite(SqliteClockApp app) : PerformanceTests(app), IClassFixture<SqliteClockApp>;

public sealed class PerformanceTestsOnPostgres(PostgresClockApp app) : PerformanceTests(app), IClassFixture<PostgresClockApp>;
