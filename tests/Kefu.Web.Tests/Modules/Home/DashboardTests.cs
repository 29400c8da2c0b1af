using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Home;

/// <summary>A widget that always fails, as a module's broken query would.</summary>
public sealed class ThrowingWidget : IDashboardWidget
{
    public string Key => "throwing";

    public int Order => 1;

    public bool ShowsTo(DashboardViewer viewer) => true;

    public Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct) => throw new InvalidOperationException("This widget is broken on purpose.");
}

/// <summary>Kefu on the hand-moved clock with one broken widget registered beside the modules' own.</summary>
public abstract class DashboardApp(DatabaseKind kind) : ClockApp(kind)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IDashboardWidget, ThrowingWidget>());
    }
}

public sealed class SqliteDashboardApp() : DashboardApp(DatabaseKind.Sqlite);

public sealed class PostgresDashboardApp() : DashboardApp(DatabaseKind.Postgres), IRequiresPostgres;

/// <summary>
/// RPT-01/RPT-02: the home page per role, on both databases, on Monday 28 September 2026 09:00.
/// Every figure is read from the page and followed to the list it links to.
/// </summary>
public abstract partial class DashboardTests(DashboardApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    /// <summary>A new CS specialist of 上海中心, so their figures count only this test's records.</summary>
    private async Task<string> NewSpecialistAsync()
    {
        var name = "dash" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateStaffAsync(name, "SH", ["CsSpecialist"], KefuFactory.DemoPassword);
        return name;
    }

    private async Task<(int Id, string Number)> CustomerOfAsync(string specialist)
    {
        var (created, customer) = await SendAsync("sh.sup", HttpMethod.Post, "/api/customers", new { name = "看板客户" + Guid.NewGuid().ToString("N")[..6], grade = "A", confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.Created, created);
        var id = (int)customer!["id"]!;
        var (assigned, _) = await SendAsync("sh.sup", HttpMethod.Post, "/api/customers/assignment", new { customerIds = new[] { id }, specialistId = await app.StaffIdAsync(specialist) });
        Assert.Equal(HttpStatusCode.OK, assigned);
        return (id, (string)customer["number"]!);
    }

    /// <summary>A planned visit due on <paramref name="dueOn"/>, written as the VIS-01 plan would.</summary>
    private Task<int> DueVisitAsync(int customerId, DateOnly dueOn) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var customer = await db.Set<Customer>().AsNoTracking().SingleAsync(c => c.Id == customerId);
            var visit = new Visit { CustomerId = customerId, OrgPath = customer.OrgPath, OwnerId = customer.OwnerId!, Status = VisitStatus.Due, DueOn = dueOn, CreatedAt = app.Clock.GetUtcNow().UtcDateTime };
            db.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });

    private async Task<(int Id, string Number)> ComplaintAsync(string user, string summary)
    {
        var (created, incident) = await SendAsync(user, HttpMethod.Post, "/api/incidents", new
        {
            type = "CustomerComplaint", customerName = "看板投诉客户", summary, receivedAt = app.Clock.GetUtcNow(), sendReport = true,
        });
        Assert.Equal(HttpStatusCode.Created, created);
        return ((int)incident!["id"]!, (string)incident["number"]!);
    }

    private static async Task<string> PageAsync(PageClient client, string url)
    {
        var (status, html) = await client.GetAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url}: {(int)status}");
        return html;
    }

    /// <summary>A figure on the dashboard: its number and the list it links to.</summary>
    private static (int Value, string Link) Figure(string html, string name)
    {
        var m = Regex.Match(html, $@"<a[^>]*href=""([^""]*)""[^>]*data-figure=""{Regex.Escape(name)}""[^>]*>([^<]*)</a>");
        Assert.True(m.Success, $"No figure '{name}' on the dashboard.");
        return (int.Parse(m.Groups[2].Value.Trim(), System.Globalization.CultureInfo.InvariantCulture), m.Groups[1].Value);
    }

    private static bool HasFigure(string html, string name) => html.Contains($"data-figure=\"{name}\"", StringComparison.Ordinal);

    /// <summary>The rows of a list's table (none when the list shows its empty state).</summary>
    private static string[] Rows(string html, string table)
    {
        var m = Regex.Match(html, $@"data-testid=""{table}"".*?<tbody>(.*?)</tbody>", RegexOptions.Singleline);
        return m.Success ? Regex.Matches(m.Groups[1].Value, "<tr.*?</tr>", RegexOptions.Singleline).Select(r => r.Value).ToArray() : [];
    }

    private async Task Serially(Func<Task> test)
    {
        app.Clock.Set(ClockApp.Start);
        await test();
    }

    [ProviderFact]
    public Task RPT_01_a_specialist_sees_the_overdue_visit_and_the_open_complaint_and_each_number_leads_to_exactly_those() => Serially(async () =>
    {
        var specialist = await NewSpecialistAsync();
        var (customerId, customerNumber) = await CustomerOfAsync(specialist);
        await DueVisitAsync(customerId, new DateOnly(2026, 9, 21)); // a week late on Monday 28 September
        var (incidentId, incidentNumber) = await ComplaintAsync(specialist, "看板：送货破损投诉");

        using var page = await PageClient.SignInAsync(app, specialist);
        var home = await PageAsync(page, "/");

        var open = Figure(home, "my-open-incidents");
        Assert.Equal(1, open.Value);
        Assert.Equal("/incidents?open=true&mine=true", open.Link);
        var incidents = Rows(await PageAsync(page, open.Link), "incidents");
        Assert.Contains($"/incidents/{incidentId}\"", Assert.Single(incidents), StringComparison.Ordinal);
        Assert.Contains(incidentNumber, incidents[0], StringComparison.Ordinal);

        var complaints = Figure(home, "my-open-complaints");
        Assert.Equal(1, complaints.Value);
        Assert.Contains(incidentNumber, Assert.Single(Rows(await PageAsync(page, complaints.Link), "incidents")), StringComparison.Ordinal);

        var overdue = Figure(home, "visits-overdue");
        Assert.Equal(1, overdue.Value);
        Assert.Equal("/visits?mine=true&dueBy=2026-09-27", overdue.Link);
        var visits = await PageAsync(page, overdue.Link);
        Assert.Contains(customerNumber, Assert.Single(Rows(visits, "visits")), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"active-filters\"", visits, StringComparison.Ordinal); // the list says it is filtered
        // Due by the end of the next working day (Tuesday 29 September): the same visit, nothing else.
        var dueSoon = Figure(home, "visits-due");
        Assert.Equal(1, dueSoon.Value);
        Assert.Equal("/visits?mine=true&dueBy=2026-09-29", dueSoon.Link);

        // CUS-05: the customer assigned this morning is still to be contacted, with its clock shown as people say it.
        var contacts = Figure(home, "first-contacts");
        Assert.Equal(1, contacts.Value);
        Assert.Contains(customerNumber, Assert.Single(Rows(await PageAsync(page, contacts.Link), "customers")), StringComparison.Ordinal);
        Assert.Matches(@"data-due=""ahead""[^>]*>\d+ 天后到期<", home);

        // The complaint's report (EXC-02) runs out in 5 working minutes: due soon, not yet breached.
        Assert.Equal(0, Figure(home, "my-breached").Value);
        Assert.True(Figure(home, "my-due-soon").Value >= 1);

        Assert.Contains("data-widget=\"my-claims\"", home, StringComparison.Ordinal);
        Assert.Equal("/expenses?status=Returned&mine=true", Figure(home, "my-claims-returned").Link);

        // A specialist's dashboard has no company or centre figures, and no requirement ids.
        Assert.False(HasFigure(home, "team-open-incidents"));
        Assert.False(HasFigure(home, "company-incidents-month"));
        Assert.DoesNotMatch(@"\b(EXC|CUS|VIS|SLA|RPT)-\d\d\b", Regex.Replace(home, "<script.*?</script>", "", RegexOptions.Singleline));
    });

    [ProviderFact]
    public Task RPT_01_once_the_report_deadline_passes_the_specialist_sees_it_breached_and_the_link_lists_it() => Serially(async () =>
    {
        var specialist = await NewSpecialistAsync();
        var (incidentId, _) = await ComplaintAsync(specialist, "看板：超时投诉");
        app.Clock.Advance(TimeSpan.FromMinutes(30));

        using var page = await PageClient.SignInAsync(app, specialist);
        var home = await PageAsync(page, "/");
        var breached = Figure(home, "my-breached");
        Assert.Equal(1, breached.Value);
        var deadlines = Rows(await PageAsync(page, breached.Link), "deadlines");
        Assert.Contains($"/incidents/{incidentId}", Assert.Single(deadlines), StringComparison.Ordinal);
        Assert.Matches(@"data-due=""late""[^>]*>已超时 \d+ 分钟<", home);
    });

    [ProviderFact]
    public Task RPT_01_a_supervisor_sees_the_claim_waiting_for_their_approval_and_the_inbox_behind_the_number() => Serially(async () =>
    {
        using var engineer = await app.ClientFor("sh.eng1");
        using var created = await engineer.PostAsJsonAsync("/api/expenses/claims", new
        {
            lines = new[] { new { date = "2026-09-25", category = "Meals", amount = 45m, receiptCount = 1, description = "看板", workOrders = "WX-9" } },
            hasTravelSummary = false,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var (submitted, claim) = await SendAsync("sh.eng1", HttpMethod.Post, $"/api/expenses/claims/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.OK, submitted);
        Assert.Equal("supervisor", (string?)claim!["currentStep"]);

        using var page = await PageClient.SignInAsync(app, "sh.sup");
        var home = await PageAsync(page, "/");
        var waiting = Figure(home, "approvals-waiting");
        Assert.Equal("/approvals", waiting.Link);
        var inbox = Rows(await PageAsync(page, waiting.Link), "approvals");
        Assert.True(waiting.Value >= 1);
        Assert.Equal(waiting.Value, inbox.Length);
        Assert.Contains(inbox, r => r.Contains($"/expenses/{id}", StringComparison.Ordinal));

        // RPT-02: the centre's eight weeks of deadlines with the share met, and the table of exact values beneath.
        Assert.Contains("data-widget=\"team-sla\"", home, StringComparison.Ordinal);
        var sla = Regex.Match(home, @"data-widget=""team-sla"".*?data-testid=""widget-table"".*?<tbody>(.*?)</tbody>", RegexOptions.Singleline);
        Assert.True(sla.Success);
        Assert.Equal(8, Regex.Count(sla.Groups[1].Value, "<tr"));
        Assert.Contains("data-widget=\"team-incidents\"", home, StringComparison.Ordinal);
        Assert.Contains("data-widget=\"satisfaction\"", home, StringComparison.Ordinal);
    });

    [ProviderFact]
    public Task RPT_01_a_centre_sees_only_its_own_numbers() => Serially(async () =>
    {
        using var hz = await PageClient.SignInAsync(app, "hz.sup");
        using var sh = await PageClient.SignInAsync(app, "sh.sup");
        var hzBefore = Figure(await PageAsync(hz, "/"), "team-open-incidents").Value;
        var shBefore = Figure(await PageAsync(sh, "/"), "team-open-incidents").Value;

        var specialist = await NewSpecialistAsync();
        var (_, number) = await ComplaintAsync(specialist, "看板：上海中心的投诉");

        var hzHome = await PageAsync(hz, "/");
        var hzOpen = Figure(hzHome, "team-open-incidents");
        Assert.Equal(hzBefore, hzOpen.Value);
        var hzList = Rows(await PageAsync(hz, hzOpen.Link), "incidents");
        Assert.Equal(hzOpen.Value, hzList.Length);
        Assert.DoesNotContain(hzList, r => r.Contains(number, StringComparison.Ordinal));

        var shOpen = Figure(await PageAsync(sh, "/"), "team-open-incidents");
        Assert.Equal(shBefore + 1, shOpen.Value);
        Assert.Contains(Rows(await PageAsync(sh, shOpen.Link), "incidents"), r => r.Contains(number, StringComparison.Ordinal));

        // The GM sees the month by branch: 华东 counts the complaint, and its cell links to that branch's list.
        using var gm = await PageClient.SignInAsync(app, "gm");
        var gmHome = await PageAsync(gm, "/");
        Assert.Contains("data-widget=\"company-incidents\"", gmHome, StringComparison.Ordinal);
        var east = await app.UnitIdAsync("EAST");
        var cell = Regex.Match(gmHome, $@"<a href=""(/incidents\?month=2026-09&unit={east})"">(\d+)</a>");
        Assert.True(cell.Success, "No link to 华东's incidents of the month.");
        var eastList = Rows(await PageAsync(gm, cell.Groups[1].Value), "incidents");
        Assert.Equal(int.Parse(cell.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), eastList.Length);
        Assert.Contains(eastList, r => r.Contains(number, StringComparison.Ordinal));
        Assert.Contains("data-widget=\"company-sla\"", gmHome, StringComparison.Ordinal);
        Assert.Contains("data-widget=\"company-expenses\"", gmHome, StringComparison.Ordinal);
    });

    [ProviderFact]
    public Task RPT_01_finance_sees_payments_waiting_the_window_and_batches() => Serially(async () =>
    {
        using var page = await PageClient.SignInAsync(app, "finance");
        var home = await PageAsync(page, "/");
        var atPayment = Figure(home, "finance-at-payment");
        Assert.Equal(atPayment.Value, Rows(await PageAsync(page, atPayment.Link), "claims").Length);
        Assert.Contains("data-figure=\"finance-window\"", home, StringComparison.Ordinal);
        var waiting = Figure(home, "batches-waiting");
        Assert.Equal("/expenses/batches?state=waiting", waiting.Link);
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync(waiting.Link)).Status);
    });

    [ProviderFact]
    public Task RPT_01_a_widget_that_fails_leaves_the_rest_of_the_dashboard_standing() => Serially(async () =>
    {
        using var page = await PageClient.SignInAsync(app, "sh.sup");
        var home = await PageAsync(page, "/");
        Assert.DoesNotContain("data-widget=\"throwing\"", home, StringComparison.Ordinal);
        Assert.Contains("data-widget=\"approvals-waiting\"", home, StringComparison.Ordinal);
        Assert.Contains("data-widget=\"team-incidents\"", home, StringComparison.Ordinal);
    });
}

public sealed class DashboardTestsOnSqlite(SqliteDashboardApp app) : DashboardTests(app), IClassFixture<SqliteDashboardApp>;

public sealed class DashboardTestsOnPostgres(PostgresDashboardApp app) : DashboardTests(app), IClassFixture<PostgresDashboardApp>;
