using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kefu.Core.Organization;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kefu.Web.Tests.Platform.Calendars;

/// <summary>
/// CAL-02 on a moved clock, on both databases: a year without its official arrangement is
/// provisional; deadlines counted through it say so; administrators are told in time; importing
/// the year recomputes what was counted provisionally, once. Each test that imports works on a
/// branch calendar of its own (a child of the company calendar), so the tests share nothing.
/// </summary>
public abstract class ProvisionalCalendarTests(ClockApp app, ITestOutputHelper output)
{
    /// <summary>Written for these tests; not the State Council's arrangement for 2027.</summary>
    private const string Test2027 = """
        {"year":2027,"papers":["test data written for Kefu's tests"],"days":[
          {"name":"元旦（测试）","date":"2027-01-01","isOffDay":true},
          {"name":"春节（测试）","date":"2027-02-05","isOffDay":true},
          {"name":"春节（测试）","date":"2027-02-08","isOffDay":true},
          {"name":"春节（测试）","date":"2027-02-14","isOffDay":false}
        ]}
        """;

    private static DateTimeOffset At(string local) => DateTimeOffset.Parse(local + "+08:00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A branch calendar of the company calendar and an org unit that uses it: the test's own calendar.</summary>
    private async Task<(string CalendarId, string OrgPath)> OwnCalendarAsync()
    {
        var id = "t" + Guid.NewGuid().ToString("N")[..10];
        using var admin = await app.ClientFor("admin");
        using (var created = await admin.PutAsJsonAsync($"/api/calendars/{id}", new { name = "测试日历 " + id, parentId = "cn" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        }

        var path = await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var company = await db.OrgUnits.SingleAsync(u => u.Code == "HQ");
            var unit = new OrgUnit { Code = id, Name = "测试部门 " + id, Kind = OrgUnitKind.Department, ParentId = company.Id, CalendarId = id };
            db.Add(unit);
            await db.SaveChangesAsync();
            unit.Path = OrgPath.Child(company.Path, unit.Id);
            await db.SaveChangesAsync();
            return unit.Path;
        });
        return (id, path);
    }

    private Task<string> UserIdAsync(string userName) =>
        app.InScopeAsync(async sp => (await sp.GetRequiredService<KefuDbContext>().Users.SingleAsync(u => u.UserName == userName)).Id);

    private async Task<long> StartAsync(string orgPath, string recordType, SlaTarget target, DateTimeOffset startAt, string owner = "sh.cs")
    {
        var ownerId = await UserIdAsync(owner);
        return await app.InScopeAsync(async sp =>
        {
            var timer = await sp.GetRequiredService<SlaService>().StartAsync(new StartTimer(
                recordType, "r-" + Guid.NewGuid().ToString("N")[..8], "EXP-05", "测试时限", target, ownerId, orgPath, StartAt: startAt));
            await sp.GetRequiredService<KefuDbContext>().SaveChangesAsync();
            return timer.Id;
        });
    }

    private Task<SlaTimer> TimerAsync(long id) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking().SingleAsync(t => t.Id == id));

    private async Task<JsonObject> TimerJsonAsync(SlaTimer timer)
    {
        using var admin = await app.ClientFor("admin");
        var list = await admin.GetFromJsonAsync<JsonArray>($"/api/sla/timers?recordType={timer.RecordType}&recordId={timer.RecordId}");
        return list!.Single()!.AsObject();
    }

    private Task<List<InboxItem>> InboxAsync(string userName, string eventKey) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var id = (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
            return await db.Set<InboxItem>().AsNoTracking().Where(i => i.UserId == id && i.EventKey == eventKey).ToListAsync();
        });

    private async Task<JsonObject> ImportAsync(string calendarId, string json)
    {
        using var admin = await app.ClientFor("admin");
        using var response = await admin.PostAsync($"/api/calendars/{calendarId}/import", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private async Task<(HttpStatusCode Status, string Body)> GetTextAsync(string url, string? user)
    {
        using var client = user is null ? app.CreateClient() : await app.ClientFor(user);
        using var response = await client.GetAsync(url);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [ProviderFact]
    public async Task CAL_02_on_2026_12_15_administrators_see_that_2027_is_provisional()
    {
        app.Clock.Set(At("2026-12-15T10:00:00"));

        using var admin = await app.ClientFor("admin");
        var status = await admin.GetFromJsonAsync<JsonObject>("/api/calendars/arrangement-status");
        Assert.False((bool)status!["degraded"]!);
        Assert.Equal("11-01", (string?)status["warnFrom"]);
        var missing = status["missing"]!.AsArray().Single()!;
        Assert.Equal(2027, (int)missing["year"]!);
        Assert.Equal("next", (string?)missing["which"]);
        Assert.Contains("cn", missing["calendars"]!.AsArray().Select(c => (string?)c));

        var (code, home) = await GetTextAsync("/", "admin");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Contains("data-testid=\"calendar-warning\" data-year=\"2027\"", home, StringComparison.Ordinal);
        Assert.Contains("2027 年的法定节假日安排尚未导入", home, StringComparison.Ordinal);
        // Only administrators can act on it, so only they are warned.
        Assert.DoesNotContain("calendar-warning", (await GetTextAsync("/", "sh.sup")).Body, StringComparison.Ordinal);

        // The company calendar's answers say which years are known.
        var cn = (await admin.GetFromJsonAsync<JsonArray>("/api/calendars"))!.Single(c => (string?)c!["id"] == "cn")!;
        Assert.DoesNotContain(2027, cn["arrangedYears"]!.AsArray().Select(y => (int)y!));
        Assert.Contains(2026, cn["arrangedYears"]!.AsArray().Select(y => (int)y!));
        var year = await admin.GetFromJsonAsync<JsonObject>("/api/calendars/cn/years/2027");
        Assert.True((bool)year!["provisional"]!);
        Assert.Equal("official", (string?)(await admin.GetFromJsonAsync<JsonObject>("/api/calendars/cn/years/2026"))!["source"]);
        Assert.True((bool)(await admin.GetFromJsonAsync<JsonObject>("/api/calendars/cn/days/2027-02-08"))!["provisional"]!);

        // Before the policy's day nothing is said; the day is the administrator's to move.
        app.Clock.Set(At("2026-10-15T10:00:00"));
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>("/api/calendars/arrangement-status"))!["missing"]!.AsArray());
        using (var saved = await admin.PutAsJsonAsync("/api/settings/calendar-policy", new { warnFromMonth = 10, warnFromDay = 1 }))
        {
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }

        Assert.Single((await admin.GetFromJsonAsync<JsonObject>("/api/calendars/arrangement-status"))!["missing"]!.AsArray());
        using (var bad = await admin.PutAsJsonAsync("/api/settings/calendar-policy", new { warnFromMonth = 2, warnFromDay = 30 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("warnFromDay", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var restored = await admin.PutAsJsonAsync("/api/settings/calendar-policy", new { warnFromMonth = 11, warnFromDay = 1 }))
        {
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        }

        // Readiness stays healthy in 2026: 2026 is arranged.
        app.Clock.Set(At("2026-12-15T10:00:00"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetTextAsync("/health/ready", null));
    }

    [ProviderFact]
    public async Task CAL_02_from_1_january_of_a_provisional_year_readiness_is_degraded_but_still_200()
    {
        app.Clock.Set(At("2027-01-04T09:00:00"));
        var (code, body) = await GetTextAsync("/health/ready", null);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.StartsWith("Degraded", body, StringComparison.Ordinal);
        Assert.Contains("calendar: 2027 has no holiday arrangement", body, StringComparison.Ordinal);

        using var admin = await app.ClientFor("admin");
        var status = await admin.GetFromJsonAsync<JsonObject>("/api/calendars/arrangement-status");
        Assert.True((bool)status!["degraded"]!);
        Assert.Contains(status["missing"]!.AsArray(), m => (int)m!["year"]! == 2027 && (string?)m["which"] == "current");
    }

    [ProviderFact]
    public async Task CAL_02_administrators_get_one_reminder_a_week_while_next_year_is_provisional()
    {
        Task<int> SendAsync() => app.InScopeAsync(sp => sp.GetRequiredService<CalendarReminders>().SendDueAsync(CancellationToken.None));
        var before = (await InboxAsync("admin", CalendarReminders.NextYearEvent)).Count;

        app.Clock.Set(At("2026-11-03T08:00:00")); // a Tuesday
        Assert.Equal(1, await SendAsync());
        Assert.Equal(0, await SendAsync());
        app.Clock.Set(At("2026-11-08T20:00:00")); // Sunday of the same week
        Assert.Equal(0, await SendAsync());
        var week1 = await InboxAsync("admin", CalendarReminders.NextYearEvent);
        Assert.Equal(before + 1, week1.Count);
        Assert.Contains(week1, i => i.Title.Contains("2027", StringComparison.Ordinal) && i.Link == "/admin/calendars/cn?year=2027");
        Assert.Empty(await InboxAsync("sh.sup", CalendarReminders.NextYearEvent));

        app.Clock.Set(At("2026-11-09T08:00:00")); // the next Monday
        Assert.Equal(1, await SendAsync());
        Assert.Equal(before + 2, (await InboxAsync("admin", CalendarReminders.NextYearEvent)).Count);
    }

    [ProviderFact]
    public async Task CAL_02_a_15_working_day_deadline_from_2026_12_20_is_provisional()
    {
        app.Clock.Set(At("2026-12-18T10:00:00"));
        var (_, path) = await OwnCalendarAsync();
        var id = await StartAsync(path, "TestCase", SlaTarget.WorkingDays(15), At("2026-12-20T10:00:00"));

        var timer = await TimerAsync(id);
        Assert.True(timer.Provisional);
        Assert.Equal(At("2027-01-08T18:00:00").UtcDateTime, timer.DueAt);
        var json = await TimerJsonAsync(timer);
        Assert.True((bool)json["provisional"]!);
        Assert.Equal("yearNotArranged", (string?)json["provisionalReason"]);
        Assert.Equal([2027], json["provisionalYears"]!.AsArray().Select(y => (int)y!));

        // The calendar's own answer for the same count says so too.
        using var admin = await app.ClientFor("admin");
        var date = await admin.GetFromJsonAsync<JsonObject>("/api/calendars/cn/add-working-days?from=2026-12-20&days=15");
        Assert.Equal("2027-01-08", (string?)date!["date"]);
        Assert.True((bool)date["provisional"]!);
        var within = await admin.GetFromJsonAsync<JsonObject>("/api/calendars/cn/add-working-days?from=2026-11-20&days=5");
        Assert.False((bool)within!["provisional"]!);

        // Where people read deadlines, the mark and its reason are in words: the page and its export.
        var reason = "暂定：2027 年的节假日安排尚未导入";
        var (_, page) = await GetTextAsync("/deadlines?state=all", "sh.cs");
        Assert.Contains("data-provisional=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains(reason, page, StringComparison.Ordinal);
        using var cs = await app.ClientFor("sh.cs");
        using var export = await cs.GetAsync(new Uri("/deadlines?handler=Export&state=all", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = new NPOI.XSSF.UserModel.XSSFWorkbook(await export.Content.ReadAsStreamAsync()).GetSheetAt(0);
        Assert.Contains(Enumerable.Range(1, sheet.LastRowNum).Select(sheet.GetRow).Where(r => r is not null),
            r => r.Cells.Any(c => c.ToString()!.StartsWith(reason, StringComparison.Ordinal)));

        // A deadline counted within 2026 is certain; a wall-clock one never depends on holidays.
        Assert.False((await TimerAsync(await StartAsync(path, "TestCase", SlaTarget.WorkingDays(3), At("2026-12-01T10:00:00")))).Provisional);
        Assert.False((await TimerAsync(await StartAsync(path, "TestCase", SlaTarget.Minutes(5), At("2026-12-31T23:58:00")))).Provisional);
    }

    [ProviderFact]
    public async Task CAL_02_importing_2027_recomputes_open_due_times_notifies_owners_and_keeps_fired_history()
    {
        app.Clock.Set(At("2026-12-20T10:00:00"));
        var (calendarId, path) = await OwnCalendarAsync();
        var deadline = await StartAsync(path, "TestCase", SlaTarget.WorkingDays(15), At("2026-12-20T10:00:00"));
        var step = await StartAsync(path, ApprovalService.TimerRecordType, SlaTarget.WorkingDays(3), At("2026-12-31T10:00:00"), owner: "sh.sup");
        var certain = await StartAsync(path, "TestCase", SlaTarget.WorkingDays(3), At("2026-12-01T10:00:00"));
        // Due at 09:30 on 1 January, a working day by the weekday rule; it fires before the import.
        var fired = await StartAsync(path, "TestCase", SlaTarget.WorkingMinutes(60), At("2026-12-31T17:30:00"));
        app.Clock.Set(At("2027-01-01T10:00:00"));
        await app.InScopeAsync(sp => sp.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None));
        Assert.NotNull((await TimerAsync(fired)).BreachedAt);

        var (deadlineBefore, stepBefore, certainBefore, firedBefore) = (await TimerAsync(deadline), await TimerAsync(step), await TimerAsync(certain), await TimerAsync(fired));
        var jsonBefore = await TimerJsonAsync(deadlineBefore);
        var movedBefore = (await InboxAsync("sh.cs", DeadlineRecompute.MovedEvent)).Count;
        var stepMovedBefore = (await InboxAsync("sh.sup", DeadlineRecompute.MovedEvent)).Count;

        var imported = await ImportAsync(calendarId, Test2027);
        Assert.True((bool)imported["changed"]!);
        Assert.Equal(2, (int)imported["moved"]!);

        var deadlineAfter = await TimerAsync(deadline);
        Assert.Equal(At("2027-01-11T18:00:00").UtcDateTime, deadlineAfter.DueAt); // 1 January is a holiday now
        Assert.False(deadlineAfter.Provisional);
        var stepAfter = await TimerAsync(step);
        Assert.Equal(At("2027-01-06T10:00:00").UtcDateTime, stepAfter.DueAt);
        Assert.Equal(At("2027-01-05T10:00:00").UtcDateTime, stepBefore.DueAt);
        Assert.False(stepAfter.Provisional);
        Assert.Equal(certainBefore.DueAt, (await TimerAsync(certain)).DueAt);

        // The timer that fired keeps its due time and breach, marked as fired on a provisional due time.
        var firedAfter = await TimerAsync(fired);
        Assert.Equal(firedBefore.DueAt, firedAfter.DueAt);
        Assert.Equal(firedBefore.BreachedAt, firedAfter.BreachedAt);
        Assert.True(firedAfter.Provisional);
        Assert.True(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaBreach>().Where(b => b.TimerId == fired).Select(b => b.Provisional).SingleAsync()));
        Assert.Equal("firedOnProvisionalDueTime", (string?)(await TimerJsonAsync(firedAfter))["provisionalReason"]);

        // Owners are told; the audit trail has the old and the new due time.
        var moved = await InboxAsync("sh.cs", DeadlineRecompute.MovedEvent);
        Assert.Equal(movedBefore + 1, moved.Count);
        Assert.Contains(moved, i => i.Body.Contains("2027-01-08 18:00", StringComparison.Ordinal) && i.Body.Contains("2027-01-11 18:00", StringComparison.Ordinal));
        Assert.Equal(stepMovedBefore + 1, (await InboxAsync("sh.sup", DeadlineRecompute.MovedEvent)).Count);
        var audit = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(SlaTimer) && a.EntityId == deadline.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Update")
            .Select(a => a.Changes).ToListAsync());
        Assert.Contains(audit, c => c!.Contains("\"DueAt\"", StringComparison.Ordinal) && c.Contains("2027-01-08T10:00:00", StringComparison.Ordinal) && c.Contains("2027-01-11T10:00:00", StringComparison.Ordinal));

        var jsonAfter = await TimerJsonAsync(deadlineAfter);
        Assert.False((bool)jsonAfter["provisional"]!);
        output.WriteLine("Before the import: " + Excerpt(jsonBefore));
        output.WriteLine("After the import:  " + Excerpt(jsonAfter));
        output.WriteLine("Import answer:     " + imported.ToJsonString());
        output.WriteLine("Fired timer after: " + Excerpt(await TimerJsonAsync(firedAfter)));
    }

    [ProviderFact]
    public async Task CAL_02_a_year_imported_twice_changes_nothing_the_second_time()
    {
        app.Clock.Set(At("2026-12-20T10:00:00"));
        var (calendarId, path) = await OwnCalendarAsync();
        var deadline = await StartAsync(path, "TestCase", SlaTarget.WorkingDays(15), At("2026-12-20T10:00:00"));
        Assert.True((bool)(await ImportAsync(calendarId, Test2027))["changed"]!);

        async Task<(DateTime Due, int Inbox, int Audit, int Days)> SnapshotAsync() => (
            (await TimerAsync(deadline)).DueAt,
            (await InboxAsync("sh.cs", DeadlineRecompute.MovedEvent)).Count,
            await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().AuditEntries.CountAsync()),
            await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<CalendarDay>().CountAsync(d => d.CalendarId == calendarId)));
        var first = await SnapshotAsync();

        var again = await ImportAsync(calendarId, Test2027);
        Assert.False((bool)again["changed"]!);
        Assert.Equal(0, (int)again["moved"]!);
        Assert.Equal(first, await SnapshotAsync());
    }

    [ProviderFact]
    public async Task CAL_02_an_administrators_complete_entry_of_a_year_arranges_it()
    {
        app.Clock.Set(At("2026-12-20T10:00:00"));
        var (calendarId, path) = await OwnCalendarAsync();
        var deadline = await StartAsync(path, "TestCase", SlaTarget.WorkingDays(15), At("2026-12-20T10:00:00"));
        using var admin = await app.ClientFor("admin");
        using (var day = await admin.PutAsJsonAsync($"/api/calendars/{calendarId}/days/2027-01-01", new { kind = "holiday", name = "元旦" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, day.StatusCode);
        }

        // One day entered is not a year: still provisional until the administrator says the entry is complete.
        Assert.True((bool)(await admin.GetFromJsonAsync<JsonObject>($"/api/calendars/{calendarId}/years/2027"))!["provisional"]!);
        using (var confirmed = await admin.PutAsJsonAsync($"/api/calendars/{calendarId}/years/2027", new { arranged = true }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Equal(1, (int)(await confirmed.Content.ReadFromJsonAsync<JsonObject>())!["moved"]!);
        }

        var year = await admin.GetFromJsonAsync<JsonObject>($"/api/calendars/{calendarId}/years/2027");
        Assert.Equal("manual", (string?)year!["source"]);
        Assert.False((bool)year["provisional"]!);
        var timer = await TimerAsync(deadline);
        Assert.False(timer.Provisional);
        Assert.Equal(At("2027-01-11T18:00:00").UtcDateTime, timer.DueAt);

        using var bad = await admin.PutAsJsonAsync($"/api/calendars/{calendarId}/years/20x7", new { arranged = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("year", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var forbidden = await (await app.ClientFor("sh.sup")).PutAsJsonAsync($"/api/calendars/{calendarId}/years/2027", new { arranged = false });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private static string Excerpt(JsonObject timer) => new JsonObject
    {
        ["name"] = timer["name"]?.DeepClone(), ["unit"] = timer["unit"]?.DeepClone(), ["amount"] = timer["amount"]?.DeepClone(),
        ["startedAt"] = timer["startedAt"]?.DeepClone(), ["dueAt"] = timer["dueAt"]?.DeepClone(), ["provisional"] = timer["provisional"]?.DeepClone(),
        ["provisionalReason"] = timer["provisionalReason"]?.DeepClone(), ["provisionalYears"] = timer["provisionalYears"]?.DeepClone(),
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

public sealed class ProvisionalCalendarTestsOnSqlite(SqliteClockApp app, ITestOutputHelper output) : ProvisionalCalendarTests(app, output), IClassFixture<SqliteClockApp>;

public sealed class ProvisionalCalendarTestsOnPostgres(PostgresClockApp app, ITestOutputHelper output) : ProvisionalCalendarTests(app, output), IClassFixture<PostgresClockApp>;
