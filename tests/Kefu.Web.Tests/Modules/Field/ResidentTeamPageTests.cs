using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Field;

/// <summary>
/// The resident and team pages (FLD-03, FLD-04, FLD-09) as the coordinator, the lead, the technicians,
/// the approvers and the key-account department use them: through forms, on SQLite.
/// </summary>
public sealed class ResidentTeamPageTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private static readonly DateTimeOffset November = new(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly string[] InternalNames = ["Resident.", "Team.", "AttendanceStatus.", "ResidentReportStatus.", "TeamProjectStatus.", "Step.", "FLD-"];

    private async Task<JsonNode> ApiAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} as {user}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private async Task<int> CustomerAsync(string name) =>
        (int)(await ApiAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name, contactName = "刘主任", confirmDuplicate = true }))["id"]!;

    private async Task PublishedSurveyAsync(string kind)
    {
        var survey = await ApiAsync("sh.sup", HttpMethod.Post, "/api/surveys", new
        {
            title = "页面评价 " + Guid.NewGuid().ToString("N")[..6], kind,
            questions = new object[] { new { text = "您满意吗？", type = "Rating", required = true } },
        });
        await ApiAsync("sh.sup", HttpMethod.Post, $"/api/surveys/{(int)survey["id"]!}/publish");
    }

    private static int IdFrom(HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split('?')[0].Split('/').Last(), CultureInfo.InvariantCulture);

    private static void Readable(string html) => Assert.All(InternalNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));

    [Fact]
    public async Task FLD_03_the_coordinator_opens_a_post_on_the_form_and_the_lead_keeps_and_sends_the_attendance_sheet_on_the_post_page()
    {
        app.Clock.Set(November);
        var customer = await CustomerAsync("驻点页面客户" + Guid.NewGuid().ToString("N")[..6]);
        var name = "驻点页" + Guid.NewGuid().ToString("N")[..6];
        var (eng1, eng2) = (await app.StaffIdAsync("sh.eng1"), await app.StaffIdAsync("sh.eng2"));

        using var coordinator = await PageClient.SignInAsync(app, "sh.coord");
        var (listStatus, list) = await coordinator.GetAsync("/field/resident");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains("href=\"/field/resident/new\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/field/resident\"", list, StringComparison.Ordinal);

        // Nothing filled in: each message next to its field, nothing saved.
        using (var refused = await coordinator.PostFormAsync("/field/resident/new", "/field/resident/new", new Dictionary<string, string> { ["Input.CustomerId"] = customer.ToString(CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Matches("data-valmsg-for=\"Input.Name\"[^>]*>“名称”为必填项", page);
            Assert.Matches("data-valmsg-for=\"Input.LeadId\"[^>]*>“驻点负责人”为必填项", page);
        }

        using var created = await coordinator.PostFormAsync("/field/resident/new", "/field/resident/new", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.CustomerId"] = customer.ToString(CultureInfo.InvariantCulture), ["Input.LeadId"] = eng1, ["Input.MemberIds"] = eng2,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = IdFrom(created);
        var url = $"/field/resident/{id}";
        var (_, listed) = await coordinator.GetAsync("/field/resident?q=" + Uri.EscapeDataString(name) + "&sort=name&dir=desc");
        Assert.Contains($"href=\"{url}\"", listed, StringComparison.Ordinal);

        // Another centre finds nothing; a role without field service is turned away.
        using (var hangzhou = await PageClient.SignInAsync(app, "hz.sup"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await hangzhou.GetAsync(url)).Status);
        }

        using (var finance = await PageClient.SignInAsync(app, "finance"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await finance.GetAsync("/field/resident")).Status);
            Assert.Equal(HttpStatusCode.Redirect, (await finance.GetAsync(url)).Status);
        }

        using var lead = await PageClient.SignInAsync(app, "sh.eng1");
        var (leadStatus, sheet) = await lead.GetAsync(url + "?month=2026-10");
        Assert.Equal(HttpStatusCode.OK, leadStatus);
        Assert.Contains("data-testid=\"day-form\"", sheet, StringComparison.Ordinal);
        Assert.Contains("2026-10 考勤表", sheet, StringComparison.Ordinal);
        Readable(sheet);

        // A technician who is not stationed here is refused next to the field.
        using (var refused = await lead.PostFormAsync(url + "?month=2026-10", url + "?handler=Record", new Dictionary<string, string>
        {
            ["Day.Date"] = "2026-10-09", ["Day.TechnicianId"] = await app.StaffIdAsync("sh.eng3"), ["Day.Status"] = "Present",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Matches("data-valmsg-for=\"Day.TechnicianId\"[^>]*>此技术员不在本驻点", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }

        foreach (var (date, status) in new[] { ("2026-10-09", "Present"), ("2026-10-12", "Leave") })
        {
            using var recorded = await lead.PostFormAsync(url + "?month=2026-10", url + "?handler=Record", new Dictionary<string, string>
            {
                ["Day.Date"] = date, ["Day.TechnicianId"] = eng2, ["Day.Status"] = status, ["Day.Note"] = "页面记录",
            });
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
            Assert.Equal($"{url}?month=2026-10", recorded.Headers.Location!.OriginalString);
        }

        var summary = (await ApiAsync("sh.coord", HttpMethod.Get, $"/api/field/resident-posts/{id}/attendance?month=2026-10"))["summary"]!.AsArray().Single(s => (string)s!["technicianId"]! == eng2)!;
        Assert.Equal((1, 1), ((int)summary["present"]!, (int)summary["leave"]!));

        // The member reads the sheet but does not keep it; they are offered their own report instead.
        using (var member = await PageClient.SignInAsync(app, "sh.eng2"))
        {
            var (_, memberPage) = await member.GetAsync(url + "?month=2026-10");
            Assert.DoesNotContain("data-testid=\"day-form\"", memberPage, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"sheet-send\"", memberPage, StringComparison.Ordinal);
            Assert.Contains("填写我的 2026-10 月报", memberPage, StringComparison.Ordinal);
        }

        using var sent = await lead.PostFormAsync(url + "?month=2026-10", url + "?handler=SubmitSheet", new Dictionary<string, string> { ["Month"] = "2026-10" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (_, closed) = await lead.GetAsync(url + "?month=2026-10");
        Assert.Contains("data-testid=\"sheet-sent\"", closed, StringComparison.Ordinal);
        Assert.Contains("已于 2026-11-02 10:00", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"day-form\"", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"sheet-send\"", closed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FLD_09_the_technician_writes_the_report_on_the_page_the_chain_decides_there_and_the_sender_gets_the_rating_link()
    {
        app.Clock.Set(November);
        await PublishedSurveyAsync("ResidentService");
        var customer = await CustomerAsync("月报页面客户" + Guid.NewGuid().ToString("N")[..6]);
        var post = (int)(await ApiAsync("sh.coord", HttpMethod.Post, "/api/field/resident-posts", new
        {
            name = "月报驻点" + Guid.NewGuid().ToString("N")[..6], customerId = customer, leadId = await app.StaffIdAsync("sh.eng1"), memberIds = new[] { await app.StaffIdAsync("sh.eng2") },
        }))["id"]!;
        var postUrl = $"/field/resident/{post}?month=2026-10";

        using var technician = await PageClient.SignInAsync(app, "sh.eng2");
        using (var refused = await technician.PostFormAsync(postUrl, $"/field/resident/{post}?handler=Write", new Dictionary<string, string> { ["Month"] = "2026-10", ["Report.WorkSummary"] = "" }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Matches("data-valmsg-for=\"Report.WorkSummary\"[^>]*>“工作内容”为必填项", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }

        using var started = await technician.PostFormAsync(postUrl, $"/field/resident/{post}?handler=Write", new Dictionary<string, string>
        {
            ["Month"] = "2026-10", ["Report.WorkSummary"] = "完成 12 次桌面支持", ["Report.Suggestions"] = "建议增加备机",
        });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var id = IdFrom(started);
        var url = $"/field/resident/reports/{id}";
        var (_, draft) = await technician.GetAsync(url);
        Assert.Contains("data-testid=\"report-edit\"", draft, StringComparison.Ordinal);
        Assert.Contains("草稿", draft, StringComparison.Ordinal);
        var version = System.Text.RegularExpressions.Regex.Match(draft, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        using var submitted = await technician.PostFormAsync(url, url + "?handler=Submit", new Dictionary<string, string>
        {
            ["Input.WorkSummary"] = "完成 12 次桌面支持，更换 2 台硒鼓", ["Input.Version"] = version,
        });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var (_, inReview) = await technician.GetAsync(url);
        Assert.Contains("审批中", inReview, StringComparison.Ordinal);
        Assert.Contains("组长审核", inReview, StringComparison.Ordinal);
        Assert.Contains("更换 2 台硒鼓", inReview, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"report-edit\"", inReview, StringComparison.Ordinal);
        Readable(inReview);

        using (var hangzhou = await PageClient.SignInAsync(app, "hz.sup"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await hangzhou.GetAsync(url)).Status);
        }

        // The team leader returns without a comment: told on the form; then approves.
        using var leader = await PageClient.SignInAsync(app, "sh.lead");
        var (_, toDecide) = await leader.GetAsync(url);
        Assert.Contains("data-testid=\"report-decide\"", toDecide, StringComparison.Ordinal);
        using (var noComment = await leader.PostFormAsync(url, url + "?handler=Decide", new Dictionary<string, string> { ["stepKey"] = "team-leader", ["action"] = "Return" }))
        {
            Assert.Equal(HttpStatusCode.OK, noComment.StatusCode);
            Assert.Contains("驳回或退回须填写意见", WebUtility.HtmlDecode(await noComment.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        foreach (var (user, step) in new[] { ("sh.lead", "team-leader"), ("csmgr", "dept-manager"), ("gm", "gm-office") })
        {
            using var approver = await PageClient.SignInAsync(app, user);
            using var decided = await approver.PostFormAsync(url, url + "?handler=Decide", new Dictionary<string, string> { ["stepKey"] = step, ["action"] = "Approve", ["comment"] = "同意" });
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        }

        // The key-account department sends it and gets the link to copy; the customer answers; the page shows the rating.
        using var sender = await PageClient.SignInAsync(app, "bizasst");
        var (_, stamped) = await sender.GetAsync(url);
        Assert.Contains("已盖章", stamped, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"report-send\"", stamped, StringComparison.Ordinal);
        Assert.Contains("总经办审批盖章", stamped, StringComparison.Ordinal);
        using var sent = await sender.PostFormAsync(url, url + "?handler=Send", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (_, withLink) = await sender.GetAsync(url);
        var link = System.Text.RegularExpressions.Regex.Match(withLink, "id=\"survey-link\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("/s/", link, StringComparison.Ordinal);
        var (_, later) = await sender.GetAsync(url);
        Assert.DoesNotContain("id=\"survey-link\"", later, StringComparison.Ordinal);
        Assert.Contains("等待客户评价", later, StringComparison.Ordinal);

        using var anonymous = app.CreateClient();
        var token = link[(link.LastIndexOf("/s/", StringComparison.Ordinal) + 3)..];
        using var answered = await anonymous.PostAsJsonAsync($"/api/public/surveys/{token}", new { answers = new Dictionary<string, object> { ["q1"] = "VerySatisfied" } });
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
        var (_, rated) = await technician.GetAsync(url);
        Assert.Contains("客户已评价", rated, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"report-rating\"[^>]*>.*很满意", rated);
        var (_, postPage) = await technician.GetAsync(postUrl);
        Assert.Contains($"href=\"{url}\"", postPage, StringComparison.Ordinal);
        Assert.Contains("打开我的 2026-10 月报", postPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FLD_04_the_coordinator_plans_a_team_project_on_the_form_and_the_leader_runs_it_from_the_project_page()
    {
        app.Clock.Set(November);
        await PublishedSurveyAsync("ProjectSatisfaction");
        var customer = (await CustomerAsync("团队页面客户" + Guid.NewGuid().ToString("N")[..6])).ToString(CultureInfo.InvariantCulture);
        var name = "机房搬迁页" + Guid.NewGuid().ToString("N")[..6];
        var (eng1, eng2, eng3, lead) = (await app.StaffIdAsync("sh.eng1"), await app.StaffIdAsync("sh.eng2"), await app.StaffIdAsync("sh.eng3"), await app.StaffIdAsync("sh.lead"));
        Dictionary<string, string> Plan(string leader, string finish) => new()
        {
            ["Input.Name"] = name, ["Input.CustomerId"] = customer, ["Input.Requirement"] = "搬迁 40 台服务器", ["Input.PlannedStart"] = "2026-11-02",
            ["Input.PlannedFinish"] = finish, ["Input.LeaderId"] = leader,
            ["Input.Tasks[0].Title"] = "拆机打包", ["Input.Tasks[0].AssigneeId"] = eng2, ["Input.Tasks[0].PersonDays"] = "4",
            ["Input.Tasks[1].Title"] = "", ["Input.Tasks[1].AssigneeId"] = "", ["Input.Tasks[1].PersonDays"] = "",
            ["Input.Tasks[2].Title"] = "上架调试", ["Input.Tasks[2].AssigneeId"] = eng3, ["Input.Tasks[2].PersonDays"] = "6",
        };

        using var coordinator = await PageClient.SignInAsync(app, "sh.coord");
        var (formStatus, form) = await coordinator.GetAsync("/field/teams/new");
        Assert.Equal(HttpStatusCode.OK, formStatus);
        Assert.Contains("name=\"Input.Tasks[2].Title\"", form, StringComparison.Ordinal);

        // Three technicians over two working days: too small for a team; said on the form, which keeps what was typed.
        var small = Plan(eng1, "2026-11-03");
        var body = small.Select(p => KeyValuePair.Create(p.Key, p.Value)).Concat([KeyValuePair.Create("Input.MemberIds", eng2), KeyValuePair.Create("Input.MemberIds", eng3)]);
        using (var refused = await coordinator.PostFormAsync("/field/teams/new", "/field/teams/new", new FormFields(body)))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Matches("data-valmsg-for=\"Input.MemberIds\"[^>]*>团队服务需 10 人日以上", page);
            Assert.Contains($"value=\"{name}\"", page, StringComparison.Ordinal);
            Assert.Contains("value=\"上架调试\"", page, StringComparison.Ordinal);
        }

        var plan = Plan(lead, "2026-11-04");
        using var created = await coordinator.PostFormAsync("/field/teams/new", "/field/teams/new",
            new FormFields(plan.Concat([KeyValuePair.Create("Input.MemberIds", eng1), KeyValuePair.Create("Input.MemberIds", eng2), KeyValuePair.Create("Input.MemberIds", eng3)])));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = IdFrom(created);
        var url = $"/field/teams/{id}";
        var (_, listed) = await coordinator.GetAsync("/field/teams?status=Planned&sort=persondays&dir=desc");
        Assert.Contains($"href=\"{url}\"", listed, StringComparison.Ordinal);
        var (_, planned) = await coordinator.GetAsync(url);
        Assert.Contains("4 人 × 3 个工作日 = 12 人日", planned, StringComparison.Ordinal);
        Assert.Contains("拆机打包", planned, StringComparison.Ordinal);
        Assert.DoesNotContain("data-task-row", planned, StringComparison.Ordinal);
        Readable(planned);

        using (var hangzhou = await PageClient.SignInAsync(app, "hz.sup"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await hangzhou.GetAsync(url)).Status);
        }

        using var member = await PageClient.SignInAsync(app, "sh.eng2");
        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync("/field/teams/new")).Status);
        var (_, memberPage) = await member.GetAsync(url);
        Assert.DoesNotContain("data-testid=\"project-start\"", memberPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"device-form\"", memberPage, StringComparison.Ordinal);

        using var leader = await PageClient.SignInAsync(app, "sh.lead");
        using (var start = await leader.PostFormAsync(url, url + "?handler=Start", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        }

        // The daily report's deadline reads as people say it: the next working day, same hour.
        var (_, running) = await leader.GetAsync(url);
        Assert.Contains("data-testid=\"daily-deadline\"", running, StringComparison.Ordinal);
        Assert.Contains("data-sla-state=\"Running\"", running, StringComparison.Ordinal);
        Assert.Contains("2026-11-03 10:00", running, StringComparison.Ordinal);
        Assert.DoesNotContain("分钟后", running, StringComparison.Ordinal);

        using (var refused = await leader.PostFormAsync(url, url + "?handler=Daily", new Dictionary<string, string> { ["Daily.Date"] = "2026-11-02", ["Daily.ProgressPercent"] = "150", ["Daily.WorkDone"] = "拆机 20 台" }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Matches("data-valmsg-for=\"Daily.ProgressPercent\"[^>]*>数值须在 0 到 100 之间", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }

        using (var daily = await leader.PostFormAsync(url, url + "?handler=Daily", new Dictionary<string, string> { ["Daily.Date"] = "2026-11-02", ["Daily.ProgressPercent"] = "40", ["Daily.WorkDone"] = "拆机 20 台" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, daily.StatusCode);
        }

        using (var device = await member.PostFormAsync(url, url + "?handler=Device", new Dictionary<string, string> { ["Device.Model"] = "Dell R740", ["Device.SerialNumber"] = "SN-PAGE-1", ["Device.Quantity"] = "2", ["Device.Location"] = "3 楼机房" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, device.StatusCode);
        }

        // A member may not send the summary (only the leader or a dispatcher).
        using (var notLeader = await member.PostFormAsync(url, url + "?handler=Finish", new Dictionary<string, string> { ["Finish.WorkDone"] = "完成", ["Finish.Summary"] = "按期" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, notLeader.StatusCode);
        }

        using (var finished = await leader.PostFormAsync(url, url + "?handler=Finish", new Dictionary<string, string> { ["Finish.WorkDone"] = "40 台全部上线", ["Finish.Summary"] = "按期完成" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        }

        var (_, done) = await leader.GetAsync(url);
        Assert.Contains("已完成", done, StringComparison.Ordinal);
        Assert.Matches("id=\"survey-link\" value=\"[^\"]*/s/", done);
        Assert.Contains("拆机 20 台", done, StringComparison.Ordinal);
        Assert.Contains("SN-PAGE-1", done, StringComparison.Ordinal);
        Assert.Contains("40 台全部上线", done, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"finish-form\"", done, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"daily-form\"", done, StringComparison.Ordinal);
    }

    /// <summary>Form fields where a name repeats (ticked checkboxes), as a browser posts them.</summary>
    private sealed class FormFields(IEnumerable<KeyValuePair<string, string>> fields) : IReadOnlyDictionary<string, string>
    {
        private readonly KeyValuePair<string, string>[] _fields = fields.ToArray();

        public string this[string key] => _fields.First(f => f.Key == key).Value;

        public IEnumerable<string> Keys => _fields.Select(f => f.Key);

        public IEnumerable<string> Values => _fields.Select(f => f.Value);

        public int Count => _fields.Length;

        public bool ContainsKey(string key) => _fields.Any(f => f.Key == key);

        public bool TryGetValue(string key, out string value)
        {
            value = ContainsKey(key) ? this[key] : "";
            return ContainsKey(key);
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_fields).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
