using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Incidents;

/// <summary>EXC-11 (重大投诉, seed 003) over the API on both databases: the flag, the regional manager told, their follow-up on the timeline, scope.</summary>
public abstract class MajorComplaintTests(KefuFactory app)
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    /// <summary>A Shanghai complaint recorded now; the call is logged in case now is outside working time (EXC-04).</summary>
    private async Task<JsonNode> ComplaintAsync(bool major = false)
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (status, incident) = await SendAsync("sh.cs", HttpMethod.Post, "/api/incidents", new
        {
            type = "CustomerComplaint", customerName = "重大投诉客户", summary = "货损要求赔付" + Guid.NewGuid().ToString("N")[..6], receivedAt = now.AddMinutes(-1),
            phoneCallTo = "赵主任", phoneCallAt = now.AddMinutes(-1), sendReport = false, major,
        });
        Assert.True(status == HttpStatusCode.Created, $"record: {(int)status} {incident?.ToJsonString()}");
        return incident!;
    }

    private async Task<int> MajorNoticesAsync(string userName, string number)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var id = (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
        return await db.Set<InboxItem>().AsNoTracking().CountAsync(i => i.UserId == id && i.EventKey == "IncidentMajor" && (i.Title.Contains(number) || i.Body.Contains(number)));
    }

    private async Task<string[]> TimelineAsync(int id)
    {
        var (_, detail) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/incidents/{id}");
        return detail!["timeline"]!.AsArray().Select(e => (string)e!["kind"]!).ToArray();
    }

    [ProviderFact]
    public async Task EXC_11_a_major_complaint_notifies_the_regional_manager_and_is_listed_as_major()
    {
        var incident = await ComplaintAsync();
        var (id, number) = ((int)incident["id"]!, (string)incident["number"]!);
        Assert.False((bool)incident["major"]!);

        var (flagged, body) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/incidents/{id}/major", new { reason = "客户要求赔付货损" });
        Assert.Equal(HttpStatusCode.OK, flagged);
        Assert.True((bool)body!["major"]!);

        // The regional manager is the GM of the incident's branch (华东), not another branch's.
        Assert.Equal(1, await MajorNoticesAsync("east.gm", number));
        Assert.Equal(0, await MajorNoticesAsync("north.gm", number));
        Assert.Contains("MajorFlagged", await TimelineAsync(id));

        var (_, majorOnly) = await SendAsync("sh.sup", HttpMethod.Get, "/api/incidents?major=true&pageSize=200");
        Assert.Contains(id, majorOnly!["items"]!.AsArray().Select(i => (int)i!["id"]!));
        Assert.All(majorOnly["items"]!.AsArray(), i => Assert.True((bool)i!["major"]!));

        // Flagged once: again is refused, naming the flag.
        var (again, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/incidents/{id}/major", new { reason = "再次标记" });
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal("EXC-11", (string?)problem!["rules"]!["major"]![0]);
    }

    [ProviderFact]
    public async Task EXC_11_flagged_at_recording_the_regional_manager_hears_of_it_too()
    {
        var incident = await ComplaintAsync(major: true);

        Assert.True((bool)incident["major"]!);
        Assert.Equal(1, await MajorNoticesAsync("east.gm", (string)incident["number"]!));
    }

    [ProviderFact]
    public async Task EXC_11_the_regional_manager_follow_up_lands_on_the_timeline()
    {
        var incident = await ComplaintAsync();
        var id = (int)incident["id"]!;

        // Only a major complaint takes follow-ups.
        var (notMajor, problem) = await SendAsync("east.gm", HttpMethod.Post, $"/api/incidents/{id}/major-follow-up", new { text = "已了解" });
        Assert.Equal(HttpStatusCode.BadRequest, notMajor);
        Assert.Contains("major", problem!["errors"]!.AsObject().Select(e => e.Key));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("csmgr", HttpMethod.Post, $"/api/incidents/{id}/major", new { })).Status);
        var (empty, emptyProblem) = await SendAsync("east.gm", HttpMethod.Post, $"/api/incidents/{id}/major-follow-up", new { text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Contains("text", emptyProblem!["errors"]!.AsObject().Select(e => e.Key));

        var (followed, _) = await SendAsync("east.gm", HttpMethod.Post, $"/api/incidents/{id}/major-follow-up", new { text = "已约见客户，商定赔付方案" });
        Assert.Equal(HttpStatusCode.OK, followed);
        var (_, detail) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/incidents/{id}");
        var last = detail!["timeline"]!.AsArray().Last()!;
        Assert.Equal("MajorFollowUp", (string?)last["kind"]);
        Assert.Equal("已约见客户，商定赔付方案", (string?)last["text"]);
        Assert.Equal("陈华东", (string?)last["actor"]);

        // Not the supervisor's to record; another branch's manager finds nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/incidents/{id}/major-follow-up", new { text = "主管跟进" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("north.gm", HttpMethod.Post, $"/api/incidents/{id}/major-follow-up", new { text = "华北跟进" })).Status);
    }

    [ProviderFact]
    public async Task EXC_11_a_specialist_of_another_centre_cannot_flag_it()
    {
        var id = (int)(await ComplaintAsync())["id"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Post, $"/api/incidents/{id}/major", new { reason = "越权" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("qc", HttpMethod.Post, $"/api/incidents/{id}/major", new { reason = "质控" })).Status);
        Assert.DoesNotContain("MajorFlagged", await TimelineAsync(id));
    }

    [ProviderFact]
    public async Task EXC_11_the_incident_page_flags_a_major_complaint_and_takes_the_regional_managers_follow_up()
    {
        var incident = await ComplaintAsync();
        var (id, number) = ((int)incident["id"]!, (string)incident["number"]!);
        var url = $"/incidents/{id}";

        using var supervisor = await PageSession.SignedInAsync(app, "sh.sup");
        var html = await supervisor.GetStringAsync(url);
        Assert.Contains("data-testid=\"flag-major\"", html, StringComparison.Ordinal);
        using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["MajorReason"] = "需要赔付处理", ["__RequestVerificationToken"] = PageSession.FormToken(html) }))
        using (var flagged = await supervisor.PostAsync($"{url}?handler=FlagMajor", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, flagged.StatusCode);
        }

        Assert.Contains("data-testid=\"major-badge\"", await supervisor.GetStringAsync(url), StringComparison.Ordinal);
        var list = await supervisor.GetStringAsync("/incidents?major=true&q=" + Uri.EscapeDataString(number));
        Assert.Contains($"href=\"{url}\"", list, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"major-badge\"", list, StringComparison.Ordinal);

        using var manager = await PageSession.SignedInAsync(app, "east.gm");
        var managerPage = await manager.GetStringAsync(url);
        using (var empty = new FormUrlEncodedContent(new Dictionary<string, string> { ["FollowUp"] = "", ["__RequestVerificationToken"] = PageSession.FormToken(managerPage) }))
        using (var refused = await manager.PostAsync($"{url}?handler=MajorFollowUp", empty))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("data-testid=\"follow-up-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["FollowUp"] = "已上门与客户商定赔付", ["__RequestVerificationToken"] = PageSession.FormToken(managerPage) }))
        using (var followed = await manager.PostAsync($"{url}?handler=MajorFollowUp", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        }

        var timeline = await manager.GetStringAsync(url);
        Assert.Contains("区域经理跟踪处理", timeline, StringComparison.Ordinal);
        Assert.Contains("已上门与客户商定赔付", timeline, StringComparison.Ordinal);
    }
}

public sealed class MajorComplaintTestsOnSqlite(SqliteApp app) : MajorComplaintTests(app), IClassFixture<SqliteApp>;

public sealed class MajorComplaintTestsOnPostgres(PostgresApp app) : MajorComplaintTests(app), IClassFixture<PostgresApp>;
