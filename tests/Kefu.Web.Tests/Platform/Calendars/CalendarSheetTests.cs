using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Platform.Calendars;

/// <summary>
/// PLT-05 / CAL-02: a calendar year as a sheet, one row per date. The year is one unit: one bad row
/// or a missing date and nothing changes; the export imports back unchanged.
/// </summary>
public abstract class CalendarSheetTests(KefuFactory app)
{
    /// <summary>A calendar of its own (not inheriting cn's days), Monday to Friday.</summary>
    private static async Task<string> NewCalendarAsync(HttpClient admin)
    {
        var id = "sheet-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await admin.PutAsJsonAsync($"/api/calendars/{id}",
            new { name = "表格测试日历", timeZone = "Asia/Shanghai", workingWeekdays = "1,2,3,4,5", periods = "09:00-12:00,13:00-18:00" });
        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        return id;
    }

    private static async Task<JsonObject> ImportAsync(HttpClient admin, string id, int year, byte[] file)
    {
        using var response = await Sheets.UploadAsync(admin, $"/api/calendars/{id}/years/{year}/import", file);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<string?> KindAsync(HttpClient admin, string id, string date) =>
        (string?)(await admin.GetFromJsonAsync<JsonObject>($"/api/calendars/{id}/days/{date}"))!["kind"];

    private static async Task<bool> ArrangedAsync(HttpClient admin, string id, int year) =>
        (bool)(await admin.GetFromJsonAsync<JsonObject>($"/api/calendars/{id}/years/{year}"))!["arranged"]!;

    [ProviderFact]
    public async Task PLT_05_a_calendar_year_exported_imports_back_into_another_calendar_unchanged()
    {
        using var admin = await app.ClientFor("admin");
        var exported = await admin.GetByteArrayAsync("/api/calendars/cn/years/2026/export");
        Assert.Equal(["日期", "星期", "类型", "名称"], Sheets.Header(exported));
        var rows = Sheets.Read(exported);
        Assert.Equal(365, rows.Count);
        Assert.Contains(rows, r => (string?)r["日期"] == "2026-10-01" && (string?)r["类型"] == "节假日" && (string?)r["名称"] == "国庆节");
        Assert.Contains(rows, r => (string?)r["日期"] == "2026-10-10" && (string?)r["类型"] == "调休上班");

        var id = await NewCalendarAsync(admin);
        Assert.False(await ArrangedAsync(admin, id, 2026));
        Assert.Equal("workday", await KindAsync(admin, id, "2026-10-01"));
        var result = await ImportAsync(admin, id, 2026, exported);
        Assert.Equal(365, (int)result["rows"]!);
        Assert.Equal(365, (int)result["imported"]!);
        Assert.Empty(result["errors"]!.AsArray());

        Assert.True(await ArrangedAsync(admin, id, 2026));
        Assert.Equal("holiday", await KindAsync(admin, id, "2026-10-01"));
        Assert.Equal("makeup", await KindAsync(admin, id, "2026-10-10"));
        var back = Sheets.Read(await admin.GetByteArrayAsync($"/api/calendars/{id}/years/2026/export"));
        Assert.Equal(rows.Select(r => string.Join('|', r.Values)), back.Select(r => string.Join('|', r.Values)));
    }

    [ProviderFact]
    public async Task PLT_05_one_bad_row_or_a_missing_date_in_a_calendar_year_changes_nothing()
    {
        using var admin = await app.ClientFor("admin");
        var id = await NewCalendarAsync(admin);
        var rows = Sheets.Read(await admin.GetByteArrayAsync("/api/calendars/cn/years/2026/export"));
        var header = rows[0].Keys.ToArray();
        var wednesday = rows.FindIndex(r => (string?)r["日期"] == "2026-06-03");
        rows[wednesday]["类型"] = "周末";                                              // a Wednesday off is a holiday
        var saturday = rows.FindIndex(r => (string?)r["日期"] == "2026-06-06");
        rows[saturday]["类型"] = "工作日";                                             // a working Saturday is a make-up day
        rows.RemoveAt(rows.FindIndex(r => (string?)r["日期"] == "2026-12-31"));        // a date missing
        rows.Add(new Dictionary<string, object?> { ["日期"] = "2027-01-01", ["类型"] = "节假日", ["名称"] = "元旦" });   // another year

        var result = await ImportAsync(admin, id, 2026, Sheets.Build(rows, header));
        Assert.Equal(0, (int)result["imported"]!);
        var errors = Sheets.Errors(result);
        Assert.Equal([(0, "date"), (wednesday + 2, "kind"), (saturday + 2, "kind"), (rows.Count + 1, "date")], errors.Order());
        Assert.Contains("2026-12-31", (string)result["errors"]!.AsArray().Single(e => e!["row"] is null)!["message"]!, StringComparison.Ordinal);

        // The year is one unit: not one of the good rows (the National Day holidays) was taken.
        Assert.False(await ArrangedAsync(admin, id, 2026));
        Assert.Equal("workday", await KindAsync(admin, id, "2026-10-01"));

        // The template is the year by the working week alone: it imports as it is.
        var template = await admin.GetByteArrayAsync($"/api/calendars/{id}/years/2027/import/template");
        var days = Sheets.Read(template);
        Assert.Equal(365, days.Count);
        Assert.Equal(["周末", "工作日"], days.Select(d => (string?)d["类型"]).Distinct().Order());
        var imported = await ImportAsync(admin, id, 2027, template);
        Assert.Equal(365, (int)imported["imported"]!);
        Assert.True(await ArrangedAsync(admin, id, 2027));
    }

    [ProviderFact]
    public async Task PLT_05_a_calendar_sheet_needs_its_date_and_kind_columns_and_an_existing_calendar()
    {
        using var admin = await app.ClientFor("admin");
        using (var noKind = await Sheets.UploadAsync(admin, "/api/calendars/cn/years/2031/import", Sheets.Build(["日期", "名称"], ["2031-01-01", "元旦"])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noKind.StatusCode);
            Assert.Contains("类型", (string)(await noKind.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["file"]![0]!, StringComparison.Ordinal);
        }

        using var unknown = await Sheets.UploadAsync(admin, "/api/calendars/mars/years/2031/import", Sheets.Build(["日期", "类型"], ["2031-01-01", "节假日"]));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(await ArrangedAsync(admin, "cn", 2031));
    }
}

public sealed class CalendarSheetTestsOnSqlite(SqliteApp app) : CalendarSheetTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarSheetTestsOnPostgres(PostgresApp app) : CalendarSheetTests(app), IClassFixture<PostgresApp>;
