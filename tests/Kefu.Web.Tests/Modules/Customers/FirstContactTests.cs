using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Customers;

/// <summary>
/// CUS-05 (seed 000, 资料处理: "客服专员负责的客户，应在一周内与客户进行沟通，并做详细备案"): a specialist
/// contacts a newly assigned customer within one week and records the contact in detail.
/// </summary>
public abstract class FirstContactTests(ClockApp app)
{
    private static readonly DateTimeOffset Assigned = new(2026, 9, 28, 10, 0, 0, TimeSpan.FromHours(8)); // Monday

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    /// <summary>A customer the supervisor takes in and assigns to sh.cs at <see cref="Assigned"/>.</summary>
    private async Task<int> AssignedCustomerAsync()
    {
        app.Clock.Set(Assigned);
        var (_, created) = await SendAsync("sh.sup", HttpMethod.Post, "/api/customers", new { name = "首联客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true });
        var id = (int)created!["id"]!;
        var (assigned, _) = await SendAsync("sh.sup", HttpMethod.Post, "/api/customers/assignment", new { customerIds = new[] { id }, specialistId = await app.StaffIdAsync("sh.cs") });
        Assert.Equal(HttpStatusCode.OK, assigned);
        return id;
    }

    private Task<SlaTimer> FirstContactTimerAsync(int customerId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .SingleAsync(t => t.RecordType == "Customer" && t.RecordId == customerId.ToString(CultureInfo.InvariantCulture) && t.Rule == "CUS-05"));

    private Task<List<Visit>> ContactsAsync(int customerId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<Visit>().AsNoTracking().Where(v => v.CustomerId == customerId).ToListAsync());

    private static object Contact(string summary) => new { channel = "Phone", contactName = "王经理", summary, outcome = "约定下周上门巡检" };

    [ProviderFact]
    public async Task CUS_05_the_first_contact_is_due_one_week_after_the_assignment_and_recorded_in_detail_stops_it_in_time()
    {
        var customer = await AssignedCustomerAsync();
        var timer = await FirstContactTimerAsync(customer);
        // 一周内: seven days of the calendar (weekends and holidays count), from the assignment.
        Assert.Equal((SlaUnit.WallMinutes, 7 * 24 * 60), (timer.Unit, timer.Amount));
        Assert.Equal(Assigned.AddDays(7).UtcDateTime, timer.DueAt);

        app.Clock.Set(Assigned.AddDays(7).AddMinutes(-1));
        var (status, contact) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/contacts", Contact("介绍服务流程，客户需要空调巡检"));
        Assert.True(status == HttpStatusCode.Created, contact?.ToJsonString());
        Assert.Equal("Phone", (string?)contact!["channel"]);
        Assert.Equal("介绍服务流程，客户需要空调巡检", (string?)contact["summary"]);
        Assert.Equal("约定下周上门巡检", (string?)contact["outcome"]);
        Assert.True((bool)contact["withinFirstContactTarget"]!);

        var stopped = await FirstContactTimerAsync(customer);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, stopped.StoppedAt);
        Assert.Null(stopped.BreachedAt);
        // The detail is kept with the customer's contact history (its visits), as the specialist recorded it.
        var kept = Assert.Single(await ContactsAsync(customer));
        Assert.Equal((VisitChannel.Phone, "王经理", "介绍服务流程，客户需要空调巡检", "约定下周上门巡检"), (kept.Channel!.Value, kept.ContactName, kept.Questions, kept.Feedback));
        Assert.Equal(await app.StaffIdAsync("sh.cs"), kept.OwnerId);

        // A later contact is recorded too; the first contact stays the one that counted.
        app.Clock.Advance(TimeSpan.FromDays(3));
        var (again, later) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/contacts", new { channel = "Email", summary = "发送巡检报价" });
        Assert.Equal(HttpStatusCode.Created, again);
        Assert.Equal((string?)contact["firstContactAt"], (string?)later!["firstContactAt"]);
        Assert.Equal(2, (await ContactsAsync(customer)).Count);
    }

    [ProviderFact]
    public async Task CUS_05_a_first_contact_after_the_week_is_a_breach()
    {
        var customer = await AssignedCustomerAsync();
        app.Clock.Set(Assigned.AddDays(7).AddMinutes(1));
        var (status, contact) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/contacts", Contact("首次联系，已超过一周"));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.False((bool)contact!["withinFirstContactTarget"]!);
        Assert.NotNull((await FirstContactTimerAsync(customer)).BreachedAt);
        Assert.True(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaBreach>()
            .AnyAsync(b => b.RecordType == "Customer" && b.RecordId == customer.ToString(CultureInfo.InvariantCulture) && b.Rule == "CUS-05")));
    }

    [ProviderFact]
    public async Task CUS_05_a_contact_without_its_channel_or_what_was_discussed_is_refused_naming_them_and_saves_nothing()
    {
        var customer = await AssignedCustomerAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        var (empty, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/contacts", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal(["channel", "summary"], problem!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        var (tooLong, longProblem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/contacts",
            new { channel = "Sms", summary = new string('话', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.True(longProblem!["errors"]!.AsObject().ContainsKey("summary"));

        Assert.Empty(await ContactsAsync(customer));
        Assert.Null((await FirstContactTimerAsync(customer)).StoppedAt);
        // Another centre's specialist does not find the customer at all.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Post, $"/api/customers/{customer}/contacts", Contact("x"))).Status);
    }
}

public sealed class FirstContactTestsOnSqlite(SqliteClockApp app) : FirstContactTests(app), IClassFixture<SqliteClockApp>;

public sealed class FirstContactTestsOnPostgres(PostgresClockApp app) : FirstContactTests(app), IClassFixture<PostgresClockApp>;
