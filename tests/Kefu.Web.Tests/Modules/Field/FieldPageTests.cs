using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Field;

/// <summary>The field-service pages as the coordinator and the technician use them (FLD-05/06), through forms, on SQLite.</summary>
public sealed class FieldPageTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 30, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task FLD_01_an_installation_job_opens_from_an_order_with_its_customer_delivery_site_and_number()
    {
        app.Clock.Set(Morning);
        using var api = await app.ClientFor("sh.sup");
        var order = JsonNode.Parse(await api.GetStringAsync("/api/orders/1"))!;
        var number = (string)order["number"]!;
        using var coordinator = await PageClient.SignInAsync(app, "sh.coord");
        var (status, page) = await coordinator.GetAsync("/field/jobs/new?orderId=1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(number, page, StringComparison.Ordinal);
        Assert.Contains("value=\"Order\" selected", page, StringComparison.Ordinal);

        // Another centre's coordinator cannot carry someone else's order into a job.
        using var other = await PageClient.SignInAsync(app, "hz.sup");
        var (_, otherPage) = await other.GetAsync("/field/jobs/new?orderId=1");
        Assert.DoesNotContain(number, otherPage, StringComparison.Ordinal);

        using var created = await coordinator.PostFormAsync("/field/jobs/new?orderId=1", "/field/jobs/new", new Dictionary<string, string>
        {
            ["Type"] = "Install", ["Mode"] = "Mobile", ["Priority"] = "Normal", ["Source"] = "Order", ["CustomerId"] = (string)order["customerId"]!.ToString(),
            ["Problem"] = "安装调试", ["OrderReference"] = number, ["RequestKey"] = Guid.NewGuid().ToString("N"),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = created.Headers.Location!.OriginalString.Split('/').Last();
        var job = JsonNode.Parse(await api.GetStringAsync($"/api/field/jobs/{id}"))!["job"]!;
        Assert.Equal((number, "Order", "Install"), ((string)job["orderReference"]!, (string)job["source"]!, (string)job["type"]!));
        Assert.StartsWith("AZ", (string)job["number"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FLD_06_the_coordinator_takes_a_call_on_the_form_and_assigns_from_the_board_and_the_technician_runs_it_from_the_phone_page()
    {
        app.Clock.Set(Morning);
        using var coordinator = await PageClient.SignInAsync(app, "sh.coord");
        var problem = "复印机卡纸" + Guid.NewGuid().ToString("N")[..6];
        var key = Guid.NewGuid().ToString("N");
        var form = new Dictionary<string, string>
        {
            ["Type"] = "Repair", ["Mode"] = "Mobile", ["Priority"] = "High", ["Source"] = "Phone", ["CustomerName"] = "页面报修客户", ["Problem"] = problem,
            ["Skill"] = "复印机", ["SiteLatitude"] = "31.2304", ["SiteLongitude"] = "121.4737", ["RequestKey"] = key,
        };
        using var created = await coordinator.PostFormAsync("/field/jobs/new", "/field/jobs/new", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var jobUrl = created.Headers.Location!.OriginalString;

        // The same form sent again (the network dropped after the server saved) opens the same job.
        using var again = await coordinator.PostFormAsync("/field/jobs/new", "/field/jobs/new", form);
        Assert.Equal(jobUrl, again.Headers.Location!.OriginalString);

        var (boardStatus, board) = await coordinator.GetAsync("/field/board");
        Assert.Equal(HttpStatusCode.OK, boardStatus);
        Assert.Contains(problem, board, StringComparison.Ordinal);
        Assert.Contains("派给", board, StringComparison.Ordinal);
        Assert.DoesNotContain("FLD-", board, StringComparison.Ordinal);

        var id = int.Parse(jobUrl.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        using var client = await app.ClientFor("sh.coord");
        var job = JsonNode.Parse(await client.GetStringAsync($"/api/field/jobs/{id}"))!["job"]!;
        using var assigned = await coordinator.PostFormAsync("/field/board", "/field/board?handler=Assign", new Dictionary<string, string>
        {
            ["JobId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["TechnicianId"] = await app.StaffIdAsync("sh.eng2"),
            ["Version"] = ((int)job["version"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);

        // The technician's list and job page: big buttons for the next steps, in words.
        using var technician = await PageClient.SignInAsync(app, "sh.eng2");
        var (_, mine) = await technician.GetAsync("/field/jobs");
        Assert.Contains(problem, mine, StringComparison.Ordinal);
        var (_, page) = await technician.GetAsync(jobUrl);
        Assert.Contains("data-testid=\"job-setout\"", page, StringComparison.Ordinal);
        Assert.Contains("出发时限", page, StringComparison.Ordinal);
        using var setOut = await technician.PostFormAsync(jobUrl, jobUrl + "?handler=SetOut", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, setOut.StatusCode);
        using var arrived = await technician.PostFormAsync(jobUrl, jobUrl + "?handler=Arrive", new Dictionary<string, string>());

        // Finishing without the work done says so on the form and keeps the job on site.
        using var refused = await technician.PostFormAsync(jobUrl, jobUrl + "?handler=Finish", new Dictionary<string, string> { ["Issue"] = "Hardware" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("data-testid=\"job-errors\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var finished = await technician.PostFormAsync(jobUrl, jobUrl + "?handler=Finish", new Dictionary<string, string>
        {
            ["WorkDone"] = "清理搓纸轮", ["Issue"] = "Other", ["CooperationFormCharged"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        var (_, done) = await technician.GetAsync(jobUrl);
        Assert.Contains("配合单注明免费", done, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"signature-pad\"", done, StringComparison.Ordinal);
        using var signed = await technician.PostFormAsync(jobUrl, jobUrl + "?handler=Sign", new Dictionary<string, string>
        {
            ["SignedBy"] = "赵女士", ["Signature"] = FieldJobTests.SignaturePng,
        });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);

        var (sheetStatus, sheet) = await technician.GetAsync(jobUrl + "/sheet");
        Assert.Equal(HttpStatusCode.OK, sheetStatus);
        Assert.Contains("维修单", sheet, StringComparison.Ordinal);
        Assert.Contains("赵女士", sheet, StringComparison.Ordinal);
        Assert.Contains("handler=File", sheet, StringComparison.Ordinal);

        // Another centre's supervisor finds nothing.
        using var other = await PageClient.SignInAsync(app, "hz.sup");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(jobUrl)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(jobUrl + "/sheet")).Status);
    }

    [Fact]
    public async Task The_field_pages_open_in_English_for_each_role_without_internal_names()
    {
        foreach (var (user, url) in new[] { ("sh.coord", "/field/board"), ("sh.coord", "/field/jobs"), ("sh.coord", "/field/jobs/new"), ("sh.eng1", "/field/jobs") })
        {
            using var page = await PageClient.SignInAsync(app, user);
            var (status, html) = await page.GetAsync(url + "?culture=en");
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var internalName in new[] { "JobKind.", "JobState.", "ServiceMode.", "TechnicianState.", "Jobs.", "Board." })
            {
                Assert.DoesNotContain(internalName, html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task RPT_01_the_technician_sees_my_jobs_and_the_coordinator_the_boards_counts_on_the_dashboard()
    {
        app.Clock.Set(Morning);
        using var api = await app.ClientFor("sh.coord");
        using var created = await api.SendJsonAsync("POST", "/api/field/jobs", new
        {
            type = "Repair", customerName = "看板客户", problem = "仪表盘测试" + Guid.NewGuid().ToString("N")[..6], technicianId = await app.StaffIdAsync("sh.eng3"),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["number"]!;

        using var technician = await PageClient.SignInAsync(app, "sh.eng3");
        var (_, home) = await technician.GetAsync("/");
        Assert.Contains("data-widget=\"my-jobs\"", home, StringComparison.Ordinal);
        Assert.Contains(number, home, StringComparison.Ordinal);

        using var coordinator = await PageClient.SignInAsync(app, "sh.coord");
        var (_, board) = await coordinator.GetAsync("/");
        Assert.Contains("data-widget=\"dispatch-board\"", board, StringComparison.Ordinal);
        Assert.Contains("href=\"/field/board\"", board, StringComparison.Ordinal);
    }
}
