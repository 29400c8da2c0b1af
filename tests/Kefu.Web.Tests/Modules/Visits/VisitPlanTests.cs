using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Visits;

/// <summary>
/// VIS-01 plan and VIS-02 visit records on both databases, on the hand-moved clock (the plan
/// job is off, so the test decides when the plan runs); and the ORG-03 scope of customers,
/// visits, cases and callbacks for another centre's staff.
/// </summary>
public abstract class VisitPlanTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    /// <summary>A customer of 上海中心 created by sh.sup and assigned to sh.cs (which starts the CUS-05 week).</summary>
    private async Task<int> AssignedCustomerAsync(string grade)
    {
        var (created, customer) = await SendAsync("sh.sup", HttpMethod.Post, "/api/customers", new { name = "计划客户" + Guid.NewGuid().ToString("N")[..6], grade, confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.Created, created);
        var id = (int)customer!["id"]!;
        var (assigned, _) = await SendAsync("sh.sup", HttpMethod.Post, "/api/customers/assignment", new { customerIds = new[] { id }, specialistId = await app.StaffIdAsync("sh.cs") });
        Assert.Equal(HttpStatusCode.OK, assigned);
        return id;
    }

    /// <summary>A visit made long ago, written straight to the database (the API records visits at the clock's now).</summary>
    private Task<int> AddPastVisitAsync(int customerId, DateTimeOffset doneAt) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var customer = await db.Set<Customer>().AsNoTracking().SingleAsync(c => c.Id == customerId);
            db.Add(new Visit
            {
                CustomerId = customerId, OrgPath = customer.OrgPath, OwnerId = customer.OwnerId!, Status = VisitStatus.Done, DoneAt = doneAt.UtcDateTime,
                Channel = VisitChannel.Phone, CreatedAt = doneAt.UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });

    private Task<int> PlanAsync() => app.InScopeAsync(sp => sp.GetRequiredService<VisitUseCases>().PlanAsync(CancellationToken.None));

    private async Task<JsonArray> VisitsAsync(string user, int customerId, string? status = null)
    {
        var (code, page) = await SendAsync(user, HttpMethod.Get, $"/api/visits?customerId={customerId}&pageSize=200" + (status is null ? "" : "&status=" + status));
        Assert.Equal(HttpStatusCode.OK, code);
        return page!["items"]!.AsArray();
    }

    private async Task<string?> FirstContactTimerStatusAsync(int customerId)
    {
        var (_, timers) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/sla/timers?recordType=Customer&recordId={customerId}");
        return (string?)timers!.AsArray().Single(t => (string?)t!["rule"] == "CUS-05")!["status"];
    }

    /// <summary>The clock belongs to the class fixture; xunit runs a class's tests one at a time, each from the same start.</summary>
    private async Task Serially(Func<Task> test)
    {
        app.Clock.Set(ClockApp.Start);
        await test();
    }

    [ProviderFact]
    public Task VIS_01_the_plan_creates_a_due_visit_by_grade_once_and_VIS_02_recording_it_completes_it_opens_a_case_and_stops_the_first_contact_week() => Serially(async () =>
    {
        // Monday 28 September 2026: an A customer (monthly) last visited on 10 August, a C customer (half-yearly) on the same day.
        var overdue = await AssignedCustomerAsync("A");
        var recent = await AssignedCustomerAsync("C");
        await AddPastVisitAsync(overdue, new DateTimeOffset(2026, 8, 10, 10, 0, 0, China));
        await AddPastVisitAsync(recent, new DateTimeOffset(2026, 8, 10, 10, 0, 0, China));
        Assert.Equal("Running", await FirstContactTimerStatusAsync(overdue));

        Assert.True(await PlanAsync() >= 1);
        var due = Assert.Single(await VisitsAsync("sh.cs", overdue, "Due"))!;
        Assert.Equal("2026-09-10", (string?)due["dueOn"]); // a month after the last visit
        Assert.Equal(await app.StaffIdAsync("sh.cs"), (string?)due["ownerId"]);
        Assert.Empty(await VisitsAsync("sh.cs", recent, "Due")); // due in February 2027

        // Running the plan again adds nothing.
        Assert.Equal(0, await PlanAsync());
        Assert.Single(await VisitsAsync("sh.cs", overdue, "Due"));

        // The supervisor sees the plan of the centre; another centre's supervisor does not.
        var (_, plan) = await SendAsync("sh.sup", HttpMethod.Get, "/api/visits?status=Due&pageSize=200");
        Assert.Contains(plan!["items"]!.AsArray(), v => (int)v!["id"]! == (int)due["id"]!);
        var (_, foreignPlan) = await SendAsync("hz.sup", HttpMethod.Get, "/api/visits?status=Due&pageSize=200");
        Assert.DoesNotContain(foreignPlan!["items"]!.AsArray(), v => (int)v!["customerId"]! == overdue);

        // VIS-02: the specialist makes the visit two days later.
        app.Clock.Set(new DateTimeOffset(2026, 9, 30, 14, 0, 0, China));
        var (recorded, visit) = await SendAsync("sh.cs", HttpMethod.Post, "/api/visits", new
        {
            customerId = overdue, visitId = (int)due["id"]!, channel = "OnSite", contactName = "王经理", questions = "设备运行是否正常？",
            rating = "Neutral", feedback = "二号机房空调噪音大", createFollowUp = true, followUpTitle = "检查二号机房空调噪音",
        });
        Assert.Equal(HttpStatusCode.Created, recorded);
        Assert.Equal((int)due["id"]!, (int)visit!["id"]!);
        Assert.Equal("Done", (string?)visit["status"]);
        Assert.Equal("OnSite", (string?)visit["channel"]);
        Assert.Equal("Neutral", (string?)visit["rating"]);
        Assert.Equal("王经理", (string?)visit["contactName"]);
        Assert.NotNull(visit["followUpCaseId"]);
        Assert.Empty(await VisitsAsync("sh.cs", overdue, "Due"));
        Assert.Equal("Stopped", await FirstContactTimerStatusAsync(overdue));

        // A completed visit cannot be completed again.
        var (again, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/visits", new { customerId = overdue, visitId = (int)due["id"]!, channel = "Phone" });
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("visitId"));

        // The case is on the analysis sheet, and the next plan waits a month from this visit.
        var (_, analysis) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/customers/{overdue}/analysis");
        var cases = analysis!["sections"]!.AsArray().Single(s => (string?)s!["topic"] == "Cases")!;
        Assert.Contains(cases["recent"]!.AsArray(), i => ((string)i!["text"]!).Contains("检查二号机房空调噪音", StringComparison.Ordinal));
        await PlanAsync();
        Assert.Empty(await VisitsAsync("sh.cs", overdue, "Due"));
        app.Clock.Set(new DateTimeOffset(2026, 10, 25, 9, 0, 0, China)); // within the plan's week ahead of 30 October
        await PlanAsync();
        Assert.Equal("2026-10-30", (string?)Assert.Single(await VisitsAsync("sh.cs", overdue, "Due"))!["dueOn"]);
    });

    [ProviderFact]
    public Task VIS_01_two_plan_runs_at_the_same_time_create_one_due_visit_per_customer() => Serially(async () =>
    {
        var customers = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var customer = await AssignedCustomerAsync("B");
            await AddPastVisitAsync(customer, new DateTimeOffset(2026, 5, 4, 10, 0, 0, China));
            customers.Add(customer);
        }

        // The daily job and a supervisor's "plan now" may overlap.
        await Task.WhenAll(PlanAsync(), PlanAsync(), PlanAsync());
        foreach (var customer in customers)
        {
            Assert.Equal("2026-08-04", (string?)Assert.Single(await VisitsAsync("sh.cs", customer, "Due"))!["dueOn"]);
        }
    });

    [ProviderFact]
    public Task VIS_02_a_visit_without_a_channel_or_with_a_follow_up_but_no_title_is_refused() => Serially(async () =>
    {
        var customer = await AssignedCustomerAsync("B");
        var (noChannel, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/visits", new { customerId = customer });
        Assert.Equal(HttpStatusCode.BadRequest, noChannel);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("channel"));

        var (noTitle, titleProblem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/visits", new { customerId = customer, channel = "Phone", createFollowUp = true });
        Assert.Equal(HttpStatusCode.BadRequest, noTitle);
        Assert.True(titleProblem!["errors"]!.AsObject().ContainsKey("followUpTitle"));

        // Nothing was saved, and the first-contact week still runs.
        Assert.Empty(await VisitsAsync("sh.cs", customer));
        Assert.Equal("Running", await FirstContactTimerStatusAsync(customer));
    });

    [ProviderFact]
    public Task ORG_03_a_Hangzhou_specialist_sees_no_Shanghai_customers_visits_cases_or_callbacks() => Serially(async () =>
    {
        var customer = await AssignedCustomerAsync("A");
        var name = (string)(await SendAsync("sh.cs", HttpMethod.Get, $"/api/customers/{customer}")).Body!["name"]!;
        var (_, visit) = await SendAsync("sh.cs", HttpMethod.Post, "/api/visits", new
        {
            customerId = customer, channel = "Phone", rating = "Satisfied", feedback = "需要上门检查", createFollowUp = true,
        });
        var caseId = (int)visit!["followUpCaseId"]!;
        var (_, callback) = await SendAsync("sh.coord", HttpMethod.Post, "/api/callbacks", new
        {
            jobReference = "SCOPE-" + Guid.NewGuid().ToString("N")[..6], customerId = customer, technicianId = await app.StaffIdAsync("sh.eng1"),
            completedAt = app.Clock.GetUtcNow().AddHours(-1),
        });
        var callbackId = (int)callback!["id"]!;

        // Customers: not in the list, not by id, not its history or analysis.
        var (_, list) = await SendAsync("hz.cs", HttpMethod.Get, "/api/customers?pageSize=200&q=" + Uri.EscapeDataString(name));
        Assert.Empty(list!["items"]!.AsArray());
        var (_, all) = await SendAsync("hz.cs", HttpMethod.Get, "/api/customers?pageSize=200");
        Assert.DoesNotContain(all!["items"]!.AsArray(), c => (int)c!["id"]! == customer);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Get, $"/api/customers/{customer}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Get, $"/api/customers/{customer}/history")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Get, $"/api/customers/{customer}/analysis")).Status);

        // Visits and cases: not listed, not recordable, not closable.
        Assert.Empty(await VisitsAsync("hz.cs", customer));
        var (_, hzVisits) = await SendAsync("hz.cs", HttpMethod.Get, "/api/visits?pageSize=200");
        Assert.DoesNotContain(hzVisits!["items"]!.AsArray(), v => (int)v!["customerId"]! == customer);
        var (record, recordProblem) = await SendAsync("hz.cs", HttpMethod.Post, "/api/visits", new { customerId = customer, channel = "Phone" });
        Assert.Equal(HttpStatusCode.BadRequest, record);
        Assert.True(recordProblem!["errors"]!.AsObject().ContainsKey("customerId"));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Post, $"/api/visits/cases/{caseId}/close")).Status);
        Assert.Single(await VisitsAsync("sh.cs", customer)); // the visit is still there, and still the only one

        // Callbacks: a specialist does not read the callback list at all; Hangzhou's readers do not see 上海's.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("hz.cs", HttpMethod.Get, "/api/callbacks")).Status);
        foreach (var reader in new[] { "hz.sup", "hz.eng1" })
        {
            var (_, callbacks) = await SendAsync(reader, HttpMethod.Get, "/api/callbacks?pageSize=200");
            Assert.DoesNotContain(callbacks!["items"]!.AsArray(), c => (int)c!["id"]! == callbackId);
        }

        var (_, shCallbacks) = await SendAsync("sh.coord", HttpMethod.Get, "/api/callbacks?status=Pending&pageSize=200");
        Assert.Contains(shCallbacks!["items"]!.AsArray(), c => (int)c!["id"]! == callbackId);
    });
}

public sealed class VisitPlanTestsOnSqlite(SqliteClockApp app) : VisitPlanTests(app), IClassFixture<SqliteClockApp>;

public sealed class VisitPlanTestsOnPostgres(PostgresClockApp app) : VisitPlanTests(app), IClassFixture<PostgresClockApp>;
