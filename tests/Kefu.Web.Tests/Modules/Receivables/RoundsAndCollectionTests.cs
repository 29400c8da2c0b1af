using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Modules.Receivables;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Receivables;

/// <summary>AR-04 (weekly round on the centre calendar, Monday review) and AR-07 (collection ledgers, arrears) over HTTP and the jobs' code, on both databases.</summary>
public abstract class RoundsAndCollectionTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

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

    private Task<RoundRun> RunRoundsAsync() => app.InScopeAsync(sp => sp.GetRequiredService<ReconciliationUseCases>().RunAsync(CancellationToken.None));

    private Task<int> RaiseStepsAsync() => app.InScopeAsync(sp => sp.GetRequiredService<CollectionUseCases>().RaiseDueStepsAsync(CancellationToken.None));

    private Task<List<InboxItem>> InboxAsync(string userId, string eventKey) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<InboxItem>().AsNoTracking().Where(i => i.UserId == userId && i.EventKey == eventKey).ToListAsync());

    private async Task<int> SaleAsync(int customer, decimal amount, string date)
    {
        var confirmation = await OkAsync("sh.coord", HttpMethod.Post, "/api/receivables/confirmations", new
        {
            number = Unique("SC-"), customerId = customer, technicianId = await app.StaffIdAsync("sh.eng1"), items = "硒鼓", amountYuan = amount, soldOn = date,
        });
        var invoice = await OkAsync("sh.coord", HttpMethod.Post, "/api/receivables/invoices", new
        {
            number = Unique("FP-"), confirmationId = (int)confirmation["id"]!, invoiceDate = date, settlement = "Retail",
        });
        return (int)invoice["id"]!;
    }

    [ProviderFact]
    public async Task AR_04_holiday_friday_round_opens_once_on_wednesday_both_confirm_with_a_difference_then_the_monday_review_after_national_day()
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 28, 10, 0, 0, China));
        var customer = (int)(await OkAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = Unique("对账客户"), confirmDuplicate = true }))["id"]!;
        var overdueInvoice = await SaleAsync(customer, 120m, "2026-09-01"); // retail: due 09-10, overdue by the review
        await SaleAsync(customer, 300m, "2026-09-28");                         // due 10-13: open, not overdue
        var eng1 = await app.StaffIdAsync("sh.eng1");

        // National Day 2026: Thursday 10-01 and Friday 10-02 are off, so the round is Wednesday 09-30, opening at 09:00.
        app.Clock.Set(new DateTimeOffset(2026, 9, 30, 8, 59, 0, China));
        await RunRoundsAsync();
        Assert.Equal(0, (int)(await OkAsync("sh.coord", HttpMethod.Get, "/api/receivables/rounds?weekStart=2026-09-28"))["total"]!);

        app.Clock.Set(new DateTimeOffset(2026, 9, 30, 9, 30, 0, China));
        var first = await RunRoundsAsync();
        Assert.True(first.RoundsOpened >= 1 && first.EntriesMade >= 1, $"{first}");
        var again = await RunRoundsAsync();
        Assert.Equal(0, again.RoundsOpened);
        Assert.Equal(1, await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<ReconciliationWeek>()
            .CountAsync(w => w.WeekStart == new DateOnly(2026, 9, 28) && w.CentreId == sp.GetRequiredService<KefuDbContext>().OrgUnits.Single(u => u.Code == "SH").Id)));

        // The technician sees their own entry, made for Wednesday, with the review on Thursday 10-08.
        var mine = await OkAsync("sh.eng1", HttpMethod.Get, "/api/receivables/rounds?weekStart=2026-10-01");
        var entry = mine["items"]!.AsArray().Single(e => (string)e!["technicianId"]! == eng1)!;
        Assert.Equal("2026-09-30", (string)entry["roundDate"]!);
        Assert.Equal("2026-10-08", (string)entry["reviewDate"]!);
        Assert.Equal("Open", (string)entry["status"]!);
        var id = (int)entry["id"]!;
        Assert.NotEmpty(await InboxAsync(eng1, "ReceivablesRoundOpened"));
        Assert.NotEmpty(await InboxAsync(await app.StaffIdAsync("sh.coord"), "ReceivablesRoundCoordinator"));

        var detail = await OkAsync("sh.eng1", HttpMethod.Get, $"/api/receivables/rounds/{id}");
        var items = detail["items"]!.AsArray();
        Assert.Contains(items, i => (decimal)i!["openYuan"]! == 120m && (string)i["dueDate"]! == "2026-09-10");
        var item = (long)items.First(i => (decimal)i!["openYuan"]! == 300m)!["id"]!;

        // Bad input names the line; nothing is confirmed by it.
        var (bad, problem) = await SendAsync("sh.eng1", HttpMethod.Post, $"/api/receivables/rounds/{id}/confirm", new { differences = new[] { new { itemId = 999_999_999L, differenceYuan = 1.001m, note = "" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(problem!["errors"]!["differences[0].itemId"]);
        Assert.NotNull(problem["errors"]!["differences[0].differenceYuan"]);

        // The technician confirms with a difference on one item; a second confirmation by the same side is refused.
        var technician = await OkAsync("sh.eng1", HttpMethod.Post, $"/api/receivables/rounds/{id}/confirm",
            new { differences = new[] { new { itemId = item, differenceYuan = -50m, note = "客户已付现金 50 元，尚未交财务" } } });
        Assert.Equal("TechnicianConfirmed", (string)technician["status"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.eng1", HttpMethod.Post, $"/api/receivables/rounds/{id}/confirm", new { })).Status);
        var both = await OkAsync("sh.coord", HttpMethod.Post, $"/api/receivables/rounds/{id}/confirm", new { });
        Assert.Equal("Confirmed", (string)both["status"]!);
        var noted = both["items"]!.AsArray().Single(i => (long)i!["id"]! == item)!;
        Assert.Equal(-50m, (decimal)noted["differenceYuan"]!);
        Assert.Equal("客户已付现金 50 元，尚未交财务", (string)noted["differenceNote"]!);

        // Another centre does not see the entry.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, $"/api/receivables/rounds/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/receivables/rounds/{id}/confirm", new { })).Status);

        // Monday 10-05 is a holiday: no review yet. The first working day, Thursday 10-08, brings the manager the list.
        var csmgr = await app.StaffIdAsync("csmgr");
        app.Clock.Set(new DateTimeOffset(2026, 10, 5, 9, 30, 0, China));
        await RunRoundsAsync();
        Assert.Empty(await InboxAsync(csmgr, "ReceivablesOverdueReview"));
        app.Clock.Set(new DateTimeOffset(2026, 10, 8, 9, 30, 0, China));
        Assert.True((await RunRoundsAsync()).ReviewsSent >= 1);
        Assert.NotEmpty(await InboxAsync(csmgr, "ReceivablesOverdueReview"));
        Assert.Equal(0, (await RunRoundsAsync()).ReviewsSent);

        var review = await OkAsync("csmgr", HttpMethod.Get, "/api/receivables/rounds/overdue?asOf=2026-10-08&pageSize=200");
        var line = review["items"]!.AsArray().Single(i => (int)i!["invoiceId"]! == overdueInvoice)!;
        Assert.Equal(28, (int)line["daysOverdue"]!);
        Assert.DoesNotContain(review["items"]!.AsArray(), i => (decimal)i!["openYuan"]! == 300m && (string)i["customerName"]! == (string)line["customerName"]!);

        var (noReason, reasonProblem) = await SendAsync("csmgr", HttpMethod.Post, $"/api/receivables/rounds/overdue/{overdueInvoice}/send", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.NotNull(reasonProblem!["errors"]!["reason"]);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/receivables/rounds/overdue/{overdueInvoice}/send", new { reason = "x" })).Status);
        var sent = await OkAsync("csmgr", HttpMethod.Post, $"/api/receivables/rounds/overdue/{overdueInvoice}/send", new { reason = "已逾期四周，请本周内上门收款" });
        Assert.Equal(eng1, (string)sent["salespersonId"]!);
        Assert.NotEmpty(await InboxAsync(eng1, "ReceivablesOverdueSent"));
        var after = await OkAsync("csmgr", HttpMethod.Get, "/api/receivables/rounds/overdue?asOf=2026-10-08&pageSize=200");
        Assert.Equal("已逾期四周，请本周内上门收款", (string)after["items"]!.AsArray().Single(i => (int)i!["invoiceId"]! == overdueInvoice)!["lastReason"]!);
    }

    [ProviderFact]
    public async Task AR_04_a_centres_review_goes_to_its_own_manager_and_to_the_company_manager_only_where_it_has_none()
    {
        // A CS manager placed in the Beijing centre; Shanghai has none of its own, so the HQ manager keeps its lists.
        await OkAsync("admin", HttpMethod.Post, "/api/staff", new
        {
            userName = "bj.csmgr", displayName = "北京客服经理", employeeNumber = "E0391", orgUnitId = await app.UnitIdAsync("BJ"), roles = new[] { "CsManager" }, password = "Welcome-2026",
        });
        var beijing = await app.StaffIdAsync("bj.csmgr");
        var headOffice = await app.StaffIdAsync("csmgr");
        var (bj, sh) = await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            return (await db.OrgUnits.Where(u => u.Code == "BJ").Select(u => u.Path).SingleAsync(), await db.OrgUnits.Where(u => u.Code == "SH").Select(u => u.Path).SingleAsync());
        });
        var people = await app.InScopeAsync(async sp =>
        {
            var centres = sp.GetRequiredService<CentrePeople>();
            return (Bj: await centres.HoldersAsync(Kefu.Core.Organization.Role.CsManager, bj, CancellationToken.None),
                Sh: await centres.HoldersAsync(Kefu.Core.Organization.Role.CsManager, sh, CancellationToken.None));
        });
        Assert.Equal([beijing], people.Bj);
        Assert.Equal([headOffice], people.Sh);
    }

    [ProviderFact]
    public async Task AR_07_collection_project_ledger_day_week_month_total_against_targets_with_a_reversal()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 25, 10, 0, 0, China));
        var project = await OkAsync("sh.sup", HttpMethod.Post, "/api/receivables/collection/projects", new
        {
            name = Unique("供暖收费-"), dailyTargetYuan = 300m, weeklyTargetYuan = 1000m, monthlyTargetYuan = 400m, totalTargetYuan = 0m,
        });
        var id = (int)project["id"]!;
        var (badProject, projectProblem) = await SendAsync("sh.sup", HttpMethod.Post, "/api/receivables/collection/projects", new { name = "", monthlyTargetYuan = -1m });
        Assert.Equal(HttpStatusCode.BadRequest, badProject);
        Assert.NotNull(projectProblem!["errors"]!["name"]);
        Assert.NotNull(projectProblem["errors"]!["monthlyTargetYuan"]);

        async Task<JsonNode> Entry(string on, decimal amount) =>
            await OkAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/projects/{id}/entries", new { collectedOn = on, amountYuan = amount, note = "收费处" });
        await Entry("2026-10-30", 500m);
        await Entry("2026-11-02", 100m);
        await Entry("2026-11-23", 200m);
        var wrong = (long)(await Entry("2026-11-25", 300.5m))["id"]!;
        await OkAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/projects/{id}/entries/{wrong}/reverse", new { reason = "金额录错" });
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/projects/{id}/entries/{wrong}/reverse", new { reason = "再次" })).Status);
        await Entry("2026-11-25", 300m);

        var (bad, problem) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/projects/{id}/entries", new { collectedOn = "2026-11-26", amountYuan = -1m });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(problem!["errors"]!["collectedOn"]);
        Assert.NotNull(problem["errors"]!["amountYuan"]);

        var ledger = (await OkAsync("sh.sup", HttpMethod.Get, $"/api/receivables/collection/projects/{id}?asOf=2026-11-25"))["project"]!["ledger"]!;
        Assert.Equal(300m, (decimal)ledger["day"]!["collectedYuan"]!);
        Assert.Equal(100, (int)ledger["day"]!["percentOfTarget"]!);
        Assert.Equal(500m, (decimal)ledger["week"]!["collectedYuan"]!);
        Assert.Equal(50, (int)ledger["week"]!["percentOfTarget"]!);
        Assert.Equal(600m, (decimal)ledger["month"]!["collectedYuan"]!);
        Assert.Equal(150, (int)ledger["month"]!["percentOfTarget"]!);
        Assert.Equal(1100m, (decimal)ledger["total"]!["collectedYuan"]!);
        Assert.Null(ledger["total"]!["percentOfTarget"]);

        var earlier = (await OkAsync("finance", HttpMethod.Get, $"/api/receivables/collection/projects?asOf=2026-11-24&pageSize=200"))["items"]!.AsArray()
            .Single(p => (int)p!["id"]! == id)!["ledger"]!;
        Assert.Equal(0m, (decimal)earlier["day"]!["collectedYuan"]!);
        Assert.Equal(200m, (decimal)earlier["week"]!["collectedYuan"]!);
        Assert.Equal(300m, (decimal)earlier["month"]!["collectedYuan"]!);

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, $"/api/receivables/collection/projects/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/receivables/collection/projects/{id}/entries", new { amountYuan = 1m })).Status);
        Assert.DoesNotContain((await OkAsync("hz.sup", HttpMethod.Get, "/api/receivables/collection/projects?pageSize=200"))["items"]!.AsArray(), p => (int)p!["id"]! == id);
    }

    [ProviderFact]
    public async Task AR_07_arrears_escalate_reminder_then_lawyers_letter_then_lawsuit_each_raised_once_and_recorded()
    {
        app.Clock.Set(new DateTimeOffset(2026, 5, 30, 10, 0, 0, China));
        var project = (int)(await OkAsync("sh.sup", HttpMethod.Post, "/api/receivables/collection/projects", new { name = Unique("物业费-"), monthlyTargetYuan = 10000m }))["id"]!;
        var (bad, problem) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/projects/{project}/arrears", new { debtor = "", owedYuan = 0m, since = "2026-06-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(problem!["errors"]!["debtor"]);
        Assert.NotNull(problem["errors"]!["owedYuan"]);
        Assert.NotNull(problem["errors"]!["since"]);
        var account = (int)(await OkAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/projects/{project}/arrears", new { debtor = Unique("3号楼502-"), owedYuan = 6000m, since = "2026-05-01" }))["id"]!;
        var supervisor = await app.StaffIdAsync("sh.sup");

        async Task<JsonNode> Account() => (await OkAsync("sh.sup", HttpMethod.Get, $"/api/receivables/collection/projects/{project}"))["arrears"]!.AsArray().Single(a => (int)a!["id"]! == account)!;

        // 29 days: nothing; 30 days: the reminder, raised once.
        await RaiseStepsAsync();
        Assert.Empty((await Account())["steps"]!.AsArray());
        app.Clock.Set(new DateTimeOffset(2026, 5, 31, 10, 0, 0, China));
        Assert.True(await RaiseStepsAsync() >= 1);
        Assert.Equal(0, await RaiseStepsAsync());
        var raised = await Account();
        Assert.Equal("Reminder", (string)raised["steps"]![0]!["step"]!);
        Assert.Null(raised["steps"]![0]!["takenOn"]);
        Assert.NotEmpty(await InboxAsync(supervisor, "ArrearsStepDue"));

        // Steps go in order: a lawsuit before the reminder is refused; the reminder is recorded with its date and who.
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/arrears/{account}/steps", new { step = "Lawsuit" })).Status);
        var (badStep, stepProblem) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/arrears/{account}/steps", new { step = "Reminder", takenOn = "2026-04-01" });
        Assert.Equal(HttpStatusCode.BadRequest, badStep);
        Assert.NotNull(stepProblem!["errors"]!["takenOn"]);
        var taken = await OkAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/arrears/{account}/steps", new { step = "Reminder", takenOn = "2026-05-31", note = "电话及书面催缴" });
        Assert.Equal("2026-05-31", (string)taken["steps"]![0]!["takenOn"]!);
        Assert.Equal(await app.StaffIdAsync("sh.coord"), (string)taken["steps"]![0]!["takenById"]!);

        // 89 days: no letter yet; 90 days (07-30): the lawyer's letter.
        app.Clock.Set(new DateTimeOffset(2026, 7, 29, 10, 0, 0, China));
        await RaiseStepsAsync();
        Assert.Single((await Account())["steps"]!.AsArray());
        app.Clock.Set(new DateTimeOffset(2026, 7, 30, 10, 0, 0, China));
        await RaiseStepsAsync();
        Assert.Equal("LawyerLetter", (string)(await Account())["stepDue"]!);
        await OkAsync("sh.sup", HttpMethod.Post, $"/api/receivables/collection/arrears/{account}/steps", new { step = "LawyerLetter", takenOn = "2026-07-30" });

        // 180 days (10-28): the lawsuit.
        app.Clock.Set(new DateTimeOffset(2026, 10, 28, 10, 0, 0, China));
        await RaiseStepsAsync();
        var last = await Account();
        Assert.Equal(["Reminder", "LawyerLetter", "Lawsuit"], last["steps"]!.AsArray().Select(s => (string)s!["step"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/receivables/collection/arrears/{account}/steps", new { step = "Lawsuit" })).Status);
        await OkAsync("sh.sup", HttpMethod.Post, $"/api/receivables/collection/arrears/{account}/steps", new { step = "Lawsuit", takenOn = "2026-10-28", note = "已向法院起诉" });
        Assert.Null((await Account())["stepDue"]);
    }

    [ProviderFact]
    public async Task AR_07_an_arrears_account_closed_as_paid_escalates_no_further_and_a_write_off_needs_its_reason()
    {
        app.Clock.Set(new DateTimeOffset(2026, 5, 31, 10, 0, 0, China));
        var project = (int)(await OkAsync("sh.sup", HttpMethod.Post, "/api/receivables/collection/projects", new { name = Unique("水费-"), monthlyTargetYuan = 8000m }))["id"]!;
        var account = (int)(await OkAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/projects/{project}/arrears", new { debtor = Unique("5号楼101-"), owedYuan = 800m, since = "2026-05-01" }))["id"]!;
        var url = $"/api/receivables/collection/arrears/{account}/close";

        // A write-off without its reason, or a day before the arrears began, is refused by field; another centre finds nothing.
        var (noReason, reasonProblem) = await SendAsync("sh.coord", HttpMethod.Post, url, new { outcome = "WrittenOff" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.NotNull(reasonProblem!["errors"]!["note"]);
        var (early, earlyProblem) = await SendAsync("sh.coord", HttpMethod.Post, url, new { outcome = "Paid", closedOn = "2026-04-30" });
        Assert.Equal(HttpStatusCode.BadRequest, early);
        Assert.NotNull(earlyProblem!["errors"]!["closedOn"]);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, url, new { outcome = "Paid" })).Status);

        var closed = await OkAsync("sh.coord", HttpMethod.Post, url, new { outcome = "Paid", closedOn = "2026-05-31", note = "业主已缴清" });
        Assert.Equal("Paid", (string)closed["outcome"]!);
        Assert.Equal("2026-05-31", (string)closed["closedOn"]!);
        Assert.Null(closed["stepDue"]);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.coord", HttpMethod.Post, url, new { outcome = "Settled" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.coord", HttpMethod.Post, $"/api/receivables/collection/arrears/{account}/steps", new { step = "Reminder" })).Status);

        // Months later the closed account raises nothing.
        app.Clock.Set(new DateTimeOffset(2026, 8, 15, 10, 0, 0, China));
        await RaiseStepsAsync();
        var after = (await OkAsync("sh.sup", HttpMethod.Get, $"/api/receivables/collection/projects/{project}"))["arrears"]!.AsArray().Single(a => (int)a!["id"]! == account)!;
        Assert.Empty(after["steps"]!.AsArray());
        Assert.Null(after["stepDue"]);
    }
}

public sealed class RoundsAndCollectionTestsOnSqlite(SqliteClockApp app) : RoundsAndCollectionTests(app), IClassFixture<SqliteClockApp>;

public sealed class RoundsAndCollectionTestsOnPostgres(PostgresClockApp app) : RoundsAndCollectionTests(app), IClassFixture<PostgresClockApp>;
