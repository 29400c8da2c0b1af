using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Platform.Calendars;

/// <summary>The calendar API of CAL-01..04 on both databases.</summary>
public abstract class CalendarApiTests(KefuFactory app)
{
    private async Task<JsonObject> GetAsync(string url, string user = "sh.eng1")
    {
        using var client = await app.ClientFor(user);
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body)> TryGetAsync(string url)
    {
        using var client = await app.ClientFor("sh.eng1");
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : null);
    }

    [ProviderFact]
    public async Task CAL_01_default_calendar_is_listed_with_its_settings()
    {
        using var client = await app.ClientFor("sh.eng1");
        var list = await client.GetFromJsonAsync<JsonArray>("/api/calendars");
        var cn = list!.Single(c => (string?)c!["id"] == "cn")!;
        Assert.Equal("Asia/Shanghai", (string?)cn["timeZone"]);
        Assert.Equal("09:00-12:00,13:00-18:00", (string?)cn["periods"]);
        Assert.Equal([1, 2, 3, 4, 5], cn["workingWeekdays"]!.AsArray().Select(n => (int)n!));
    }

    [ProviderTheory]
    [InlineData("2026-10-01", false, "holiday", "国庆节")]
    [InlineData("2026-10-10", true, "makeup", "国庆节")]
    [InlineData("2026-10-11", false, "weekend", null)]
    [InlineData("2026-10-12", true, "workday", null)]
    public async Task CAL_02_day_kinds_of_the_shipped_arrangement(string date, bool working, string kind, string? name)
    {
        var day = await GetAsync($"/api/calendars/cn/days/{date}");
        Assert.Equal(date, (string?)day["date"]);
        Assert.Equal(working, (bool)day["isWorkingDay"]!);
        Assert.Equal(kind, (string?)day["kind"]);
        Assert.Equal(name, (string?)day["name"]);
    }

    [ProviderFact]
    public async Task CAL_04_operations_over_http()
    {
        Assert.Equal(3, (int)(await GetAsync("/api/calendars/cn/working-days?from=2026-10-01&to=2026-10-10"))["count"]!);
        Assert.Equal("2026-10-08", (string?)(await GetAsync("/api/calendars/cn/add-working-days?from=2026-09-30&days=1"))["date"]);
        // EXC-04's example, in the calendar's zone, whatever zone the caller used.
        Assert.Equal("2026-10-08T09:00:00+08:00", (string?)(await GetAsync("/api/calendars/cn/add-working-time?from=2026-09-30T12:00:00Z&minutes=0"))["at"]);
        Assert.Equal("2026-10-08T10:00:00+08:00", (string?)(await GetAsync("/api/calendars/cn/add-working-time?from=2026-09-30T20:00:00%2B08:00&minutes=60"))["at"]);
        Assert.Equal(120, (double)(await GetAsync("/api/calendars/cn/working-time?from=2026-09-30T17:00:00%2B08:00&to=2026-10-08T10:00:00%2B08:00"))["minutes"]!);
    }

    [ProviderTheory]
    [InlineData("/api/calendars/cn/days/2026-13-01", "date")]
    [InlineData("/api/calendars/cn/working-days?from=2026-10-01", "to")]
    [InlineData("/api/calendars/cn/working-days?from=2026-10-10&to=2026-10-01", "to")]
    [InlineData("/api/calendars/cn/add-working-days?from=2026-09-30&days=abc", "days")]
    [InlineData("/api/calendars/cn/add-working-time?from=2026-09-30T20:00:00&minutes=5", "from")]
    [InlineData("/api/calendars/cn/add-working-time?from=yesterday&minutes=5", "from")]
    [InlineData("/api/calendars/cn/working-time?from=2026-09-30T20:00:00Z", "to")]
    [InlineData("/api/calendars/cn/days/1999-01-01", "date")]
    public async Task CAL_04_bad_input_is_400_naming_the_field(string url, string field)
    {
        var (status, body) = await TryGetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body!["errors"]!.AsObject().ContainsKey(field), body.ToJsonString());
    }

    [ProviderFact]
    public async Task CAL_04_unknown_calendar_is_404()
    {
        var (status, _) = await TryGetAsync("/api/calendars/mars/days/2026-10-01");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [ProviderFact]
    public async Task CAL_02_import_of_a_year_then_reimport_replaces_it()
    {
        using var admin = await app.ClientFor("admin");
        var first = """{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true},{"name":"春节","date":"2027-02-06","isOffDay":false},{"name":"春节","date":"2027-02-08","isOffDay":true}]}""";
        using (var response = await admin.PostAsync("/api/calendars/cn/import", new StringContent(first, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(3, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["imported"]!);
        }

        Assert.Equal("makeup", (string?)(await GetAsync("/api/calendars/cn/days/2027-02-06"))["kind"]);
        Assert.Equal("holiday", (string?)(await GetAsync("/api/calendars/cn/days/2027-02-08"))["kind"]);

        var second = """{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}""";
        using (var response = await admin.PostAsync("/api/calendars/cn/import", new StringContent(second, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("weekend", (string?)(await GetAsync("/api/calendars/cn/days/2027-02-06"))["kind"]);
        Assert.Equal("workday", (string?)(await GetAsync("/api/calendars/cn/days/2027-02-08"))["kind"]);
        // The shipped years are untouched.
        Assert.Equal("holiday", (string?)(await GetAsync("/api/calendars/cn/days/2026-10-01"))["kind"]);
    }

    [ProviderTheory]
    [InlineData("not json")]
    [InlineData("""{"year":2028,"days":[{"name":"x","date":"2028-02-30","isOffDay":true}]}""")]
    [InlineData("""{"year":2028,"days":[{"name":"ok","date":"2028-01-03","isOffDay":true},{"name":"bad","date":"2028-01-04","isOffDay":"maybe"}]}""")]
    public async Task CAL_02_malformed_import_is_400_and_changes_nothing(string json)
    {
        using var admin = await app.ClientFor("admin");
        using var response = await admin.PostAsync("/api/calendars/cn/import", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("body", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("workday", (string?)(await GetAsync("/api/calendars/cn/days/2028-01-03"))["kind"]);
    }

    [ProviderFact]
    public async Task CAL_03_branch_calendar_inherits_and_overrides_a_day()
    {
        using var admin = await app.ClientFor("admin");
        using (var created = await admin.PutAsJsonAsync("/api/calendars/east", new { name = "华东分公司日历", parentId = "cn" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        }

        using (var day = await admin.PutAsJsonAsync("/api/calendars/east/days/2026-11-30", new { kind = "holiday", name = "厂庆" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, day.StatusCode);
        }

        Assert.Equal("holiday", (string?)(await GetAsync("/api/calendars/east/days/2026-11-30"))["kind"]);
        Assert.Equal("holiday", (string?)(await GetAsync("/api/calendars/east/days/2026-10-01"))["kind"]); // inherited
        Assert.Equal("workday", (string?)(await GetAsync("/api/calendars/cn/days/2026-11-30"))["kind"]);
        Assert.Equal("09:00-12:00,13:00-18:00", (string?)(await admin.GetFromJsonAsync<JsonArray>("/api/calendars"))!.Single(c => (string?)c!["id"] == "east")!["periods"]);

        using var bad = await admin.PutAsJsonAsync("/api/calendars/east", new { name = "华东", parentId = "cn", periods = "18:00-09:00" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("periods", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
    /// <summary>
    /// CAL-03: 华东分公司 keeps its own calendar, on which Monday 19 October 2026 is a holiday of its
    /// own. A deadline of a record owned inside the branch (a callback of 上海中心, VIS-03: the end of
    /// the next working day) is counted on that calendar; the same deadline of 北京中心 (华北分公司,
    /// no calendar of its own) on the company's.
    /// </summary>
    [ProviderFact]
    public async Task CAL_03_a_deadline_uses_the_calendar_of_the_branch_that_owns_the_record()
    {
        using var admin = await app.ClientFor("admin");
        using (var created = await admin.PutAsJsonAsync("/api/calendars/east-own", new { name = "华东分公司自有日历", parentId = "cn" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        }

        using (var day = await admin.PutAsJsonAsync("/api/calendars/east-own/days/2026-10-19", new { kind = "holiday", name = "华东厂庆" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, day.StatusCode);
        }

        var eastId = await app.UnitIdAsync("EAST");
        var east = await admin.GetFromJsonAsync<JsonObject>($"/api/org/units/{eastId}");
        Assert.Null((string?)east!["calendarId"]);
        object Branch(string? calendarId) => new { kind = "Branch", function = "None", code = "EAST", name = (string?)east["name"], nameEn = (string?)east["nameEn"], calendarId };

        using (var unknown = await admin.PutAsJsonAsync($"/api/org/units/{eastId}", Branch("mars")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("calendarId", await unknown.ProblemFieldsAsync());
        }

        using (var saved = await admin.PutAsJsonAsync($"/api/org/units/{eastId}", Branch("east-own")))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal("east-own", (string?)(await saved.JsonObjectAsync())["calendarId"]);
        }

        try
        {
            // Friday 16 October 2026, 19:00: both jobs are finished after office hours.
            var finished = new DateTimeOffset(2026, 10, 16, 19, 0, 0, TimeSpan.FromHours(8));
            Assert.Equal(new DateTimeOffset(2026, 10, 20, 18, 0, 0, TimeSpan.FromHours(8)), await CallbackDueAsync("sh.coord", "sh.eng1", finished));
            Assert.Equal(new DateTimeOffset(2026, 10, 19, 18, 0, 0, TimeSpan.FromHours(8)), await CallbackDueAsync("bj.sup", "bj.eng1", finished));
        }
        finally
        {
            using var restored = await admin.PutAsJsonAsync($"/api/org/units/{eastId}", Branch(null));
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }
    }

    private async Task<DateTimeOffset> CallbackDueAsync(string coordinator, string technician, DateTimeOffset finished)
    {
        using var client = await app.ClientFor(coordinator);
        using var response = await client.PostAsJsonAsync("/api/callbacks", new
        {
            jobReference = "CAL03-" + Guid.NewGuid().ToString("N")[..6], customerName = "日历客户", technicianId = await app.StaffIdAsync(technician), completedAt = finished,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return DateTimeOffset.Parse((string)JsonNode.Parse(body)!["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
    }
}

public sealed class CalendarApiTestsOnSqlite(SqliteApp app) : CalendarApiTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarApiTestsOnPostgres(PostgresApp app) : CalendarApiTests(app), IClassFixture<PostgresApp>;
