using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Field;

/// <summary>FLD-02..07 and CHG-01..04 over the API with a hand-moved clock, on both databases.</summary>
public abstract class FieldJobTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>A 1×1 PNG, as the phone's signature pad sends it.</summary>
    internal const string SignaturePng = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private async Task<JsonNode> OkAsync(string user, HttpMethod method, string url, object? body = null)
    {
        var (status, node) = await SendAsync(user, method, url, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {url} as {user}: {(int)status} {node?.ToJsonString()}");
        return node!;
    }

    private Task<List<SlaTimer>> TimersAsync(int id) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == "ServiceJob" && t.RecordId.StartsWith(id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/")).OrderBy(t => t.Id).ToListAsync());

    private Task<List<InboxItem>> InboxAsync(string userName, string eventKey, string text) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var id = (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
            return await db.Set<InboxItem>().AsNoTracking().Where(i => i.UserId == id && i.EventKey == eventKey && (i.Body.Contains(text) || i.Title.Contains(text))).ToListAsync();
        });

    private async Task<int> CustomerAsync()
    {
        var customer = await OkAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "服务客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true });
        return (int)customer["id"]!;
    }

    private async Task<JsonNode> JobAsync(int customerId, string mode = "Mobile", string type = "Repair", string? technician = null, object? devices = null, string? issue = null, string? key = null) =>
        await OkAsync("sh.coord", HttpMethod.Post, "/api/field/jobs", new
        {
            type, mode, customerId, problem = "打印机卡纸", skill = "打印机", siteLatitude = 31.23, siteLongitude = 121.47,
            technicianId = technician is null ? null : await app.StaffIdAsync(technician), devices, issue, requestKey = key,
        });

    [ProviderFact]
    public async Task FLD_02_a_mobile_technician_who_sets_out_late_is_a_breach_the_coordinator_hears_of_and_FLD_05_the_sheet_keeps_every_time()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 2, 10, 0, 0, China));
        var job = await JobAsync(await CustomerAsync(), devices: new[] { new { model = "HP M404", serialNumber = "CN123", quantity = 1, warrantyEnd = "2026-06-30" } });
        var id = (int)job["id"]!;
        Assert.StartsWith("WX", (string)job["number"]!);
        Assert.Equal("New", (string)job["state"]!);

        var assigned = await OkAsync("sh.coord", HttpMethod.Post, $"/api/field/jobs/{id}/assign", new { technicianId = await app.StaffIdAsync("sh.eng1") });
        Assert.Equal("Assigned", (string)assigned["state"]!);
        var setOut = Assert.Single(await TimersAsync(id));
        Assert.Equal(("FLD-02", new DateTimeOffset(2026, 11, 2, 10, 10, 0, China).UtcDateTime), (setOut.Rule, setOut.DueAt));
        Assert.Single(await InboxAsync("sh.eng1", "JobAssigned", (string)job["number"]!));

        // Another centre cannot see it; another technician of the same centre neither.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, $"/api/field/jobs/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.eng1", HttpMethod.Post, $"/api/field/jobs/{id}/set-out", new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("sh.eng2", HttpMethod.Post, $"/api/field/jobs/{id}/set-out", new { })).Status);
        var mine = await OkAsync("sh.eng1", HttpMethod.Get, "/api/field/jobs?state=Open&pageSize=200");
        Assert.Contains(mine["items"]!.AsArray(), j => (int)j!["id"]! == id);
        Assert.DoesNotContain((await OkAsync("sh.eng2", HttpMethod.Get, "/api/field/jobs?pageSize=200"))["items"]!.AsArray(), j => (int)j!["id"]! == id);

        // Twelve minutes later the sweep records the breach and tells the coordinator.
        app.Clock.Advance(TimeSpan.FromMinutes(12));
        await app.InScopeAsync(sp => sp.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None));
        Assert.NotEmpty(await InboxAsync("sh.coord", "SlaBreach", (string)job["number"]!));
        var breaches = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaBreach>().AsNoTracking()
            .Where(b => b.RecordType == "ServiceJob" && b.RecordId == $"{id}/SetOut").ToListAsync());
        Assert.Equal(await app.StaffIdAsync("sh.eng1"), Assert.Single(breaches).OwnerId);

        await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{id}/set-out", new { latitude = 31.20, longitude = 121.44 });
        Assert.NotNull(Assert.Single(await TimersAsync(id)).StoppedAt);
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{id}/arrive", new { latitude = 31.23, longitude = 121.47 });

        // Finishing without the work done is refused, naming the field; then CHG-01: the warranty ended in June, so the fee and the drum are charged.
        var (refused, problem) = await SendAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{id}/finish", new { issue = "Hardware" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("workDone"));
        var drum = await PriceItemAsync("P-DRUM");
        app.Clock.Advance(TimeSpan.FromMinutes(40));
        var finished = await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{id}/finish",
            new { workDone = "更换硒鼓", issue = "Hardware", parts = new[] { new { priceItemId = (int)drum["id"]!, quantity = 1 } }, rating = "VerySatisfied" });
        Assert.Equal(("Finished", true, "WarrantyEnded"), ((string)finished["state"]!, (bool)finished["charged"]!, (string)finished["chargeReason"]!));
        Assert.Equal(150m + 380m, (decimal)finished["chargeYuan"]!);

        // VIS-03: the finished job created its callback, due by the end of the next working day.
        var callbackId = (int)finished["callbackId"]!;
        var callbacks = await OkAsync("sh.coord", HttpMethod.Get, "/api/callbacks?status=Pending&pageSize=200");
        var callback = Assert.Single(callbacks["items"]!.AsArray(), c => (int)c!["id"]! == callbackId)!;
        Assert.Equal((string)job["number"]!, (string)callback["jobReference"]!);
        Assert.Equal(await app.StaffIdAsync("sh.eng1"), (string)callback["technicianId"]!);

        var signed = await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{id}/sign", new { signedBy = "王先生", signature = SignaturePng });
        Assert.Equal("Signed", (string)signed["state"]!);
        var detail = await OkAsync("sh.coord", HttpMethod.Get, $"/api/field/jobs/{id}");
        Assert.Equal(["Created", "Assign", "SetOut", "Arrive", "Finish", "Charge", "Sign"], detail["history"]!.AsArray().Select(e => (string)e!["kind"]!));
        foreach (var time in new[] { "assignedAt", "setOutAt", "arrivedAt", "finishedAt", "signedAt" })
        {
            Assert.NotNull(detail["job"]![time]);
        }

        Assert.Equal("HP M404", (string)detail["devices"]![0]!["model"]!);
        Assert.Equal("硒鼓", (string)detail["parts"]![0]!["name"]!);
        await OkAsync("sh.coord", HttpMethod.Post, $"/api/field/jobs/{id}/close");

        // CUS-06: the customer's analysis sheet has the service card with what was charged.
        var analysis = await OkAsync("sh.cs", HttpMethod.Get, $"/api/customers/{(int)job["customerId"]!}/analysis");
        var service = analysis["sections"]!.AsArray().Single(s => (string?)s!["topic"] == "Service")!;
        Assert.Contains(service["figures"]!.AsArray(), f => (string)f!["value"]! == "¥530.00");
        Assert.Contains(service["recent"]!.AsArray(), r => ((string)r!["text"]!).StartsWith((string)job["number"]!, StringComparison.Ordinal));
    }

    private async Task<JsonNode> PriceItemAsync(string code)
    {
        var items = await OkAsync("sh.coord", HttpMethod.Get, "/api/field/price-items");
        return items.AsArray().Single(i => (string)i!["code"]! == code)!;
    }

    [ProviderFact]
    public async Task FLD_03_a_resident_call_runs_a_one_minute_answer_and_a_five_minute_arrival_clock()
    {
        var received = new DateTimeOffset(2026, 11, 3, 14, 0, 0, China);
        app.Clock.Set(received);
        var job = await JobAsync(await CustomerAsync(), mode: "Resident", technician: "sh.eng3");
        var id = (int)job["id"]!;
        var timers = await TimersAsync(id);
        Assert.Equal([("FLD-03", received.AddMinutes(1).UtcDateTime), ("FLD-03", received.AddMinutes(5).UtcDateTime)], timers.Select(t => (t.Rule, t.DueAt)));

        app.Clock.Advance(TimeSpan.FromSeconds(40));
        await OkAsync("sh.eng3", HttpMethod.Post, $"/api/field/jobs/{id}/accept", new { });
        timers = await TimersAsync(id);
        Assert.NotNull(timers.Single(t => t.RecordId.EndsWith("/Respond", StringComparison.Ordinal)).StoppedAt);
        Assert.Null(timers.Single(t => t.RecordId.EndsWith("/OnSite", StringComparison.Ordinal)).StoppedAt);

        // A second tap (the network dropped after the first) answers the same, without a second history line.
        await OkAsync("sh.eng3", HttpMethod.Post, $"/api/field/jobs/{id}/accept", new { });
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await OkAsync("sh.eng3", HttpMethod.Post, $"/api/field/jobs/{id}/arrive", new { });
        Assert.All(await TimersAsync(id), t => Assert.NotNull(t.StoppedAt));
        var detail = await OkAsync("sh.eng3", HttpMethod.Get, $"/api/field/jobs/{id}");
        Assert.Single(detail["history"]!.AsArray(), e => (string)e!["kind"]! == "Accept");
        Assert.Empty(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaBreach>().Where(b => b.RecordId.StartsWith(id + "/")).ToListAsync()));
    }

    [ProviderFact]
    public async Task FLD_07_a_hand_over_passes_the_job_and_its_history_to_the_next_technician()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 4, 9, 0, 0, China));
        var job = await JobAsync(await CustomerAsync(), technician: "sh.eng1");
        var id = (int)job["id"]!;
        await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{id}/set-out", new { note = "带上定影组件" });
        await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{id}/arrive", new { });

        var handed = await OkAsync("sh.coord", HttpMethod.Post, $"/api/field/jobs/{id}/assign", new { technicianId = await app.StaffIdAsync("sh.eng2"), note = "沈工临时调往机房" });
        Assert.Equal(("Assigned", await app.StaffIdAsync("sh.eng2")), ((string)handed["state"]!, (string)handed["technicianId"]!));
        var detail = await OkAsync("sh.eng2", HttpMethod.Get, $"/api/field/jobs/{id}");
        var history = detail["history"]!.AsArray();
        Assert.Contains(history, e => (string)e!["kind"]! == "SetOut" && (string?)e["note"] == "带上定影组件");
        Assert.Contains(history, e => (string)e!["kind"]! == "HandOver" && (string?)e["note"] == "沈工临时调往机房");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("sh.eng1", HttpMethod.Get, $"/api/field/jobs/{id}")).Status);

        // The new technician's set-out clock runs from the hand-over.
        var running = (await TimersAsync(id)).Where(t => t.StoppedAt is null).ToList();
        Assert.Equal(await app.StaffIdAsync("sh.eng2"), Assert.Single(running).OwnerId);

        // A finished job cannot be handed over.
        await OkAsync("sh.eng2", HttpMethod.Post, $"/api/field/jobs/{id}/arrive", new { });
        await OkAsync("sh.eng2", HttpMethod.Post, $"/api/field/jobs/{id}/finish", new { workDone = "更换定影", issue = "Other", cooperationFormCharged = false });
        var (refused, _) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/field/jobs/{id}/assign", new { technicianId = await app.StaffIdAsync("sh.eng1") });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
    }

    [ProviderFact]
    public async Task CHG_02_the_fourth_software_visit_of_a_customer_is_charged_and_CHG_03_the_salespersons_decision_is_recorded_and_followed()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 5, 9, 0, 0, China));
        var customer = await CustomerAsync();
        var charges = new List<(bool, string)>();
        int last = 0;
        for (var visit = 1; visit <= 4; visit++)
        {
            var job = await JobAsync(customer, technician: "sh.eng1");
            last = (int)job["id"]!;
            await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{last}/arrive", new { });
            var finished = await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{last}/finish", new { workDone = "重装驱动", issue = "Software" });
            charges.Add(((bool)finished["charged"]!, (string)finished["chargeReason"]!));
            app.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal([(false, "FreeSoftwareVisit"), (false, "FreeSoftwareVisit"), (false, "FreeSoftwareVisit"), (true, "FreeVisitsUsedUp")], charges);

        // The customer disputes the fourth; the salesperson waives it and the decision is kept with who made it.
        var (early, _) = await SendAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{last}/decision", new { charge = false });
        Assert.Equal(HttpStatusCode.BadRequest, early);
        await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{last}/dispute", new { note = "客户认为是上次安装遗留问题" });
        var decided = await OkAsync("sh.eng1", HttpMethod.Post, $"/api/field/jobs/{last}/decision", new { charge = false, decidedBy = "业务员 刘洋" });
        Assert.Equal((false, "DecidedFree", 0m, "业务员 刘洋"), ((bool)decided["charged"]!, (string)decided["chargeReason"]!, (decimal)decided["chargeYuan"]!, (string)decided["disputeDecidedBy"]!));
        var history = (await OkAsync("sh.coord", HttpMethod.Get, $"/api/field/jobs/{last}"))["history"]!.AsArray();
        Assert.Contains(history, e => (string)e!["kind"]! == "Dispute");
        Assert.Contains(history, e => (string)e!["kind"]! == "Decision" && ((string)e["note"]!).Contains("刘洋", StringComparison.Ordinal));
    }

    [ProviderFact]
    public async Task FLD_06_the_board_shows_open_jobs_and_technicians_and_suggests_by_skill_distance_and_load_and_a_retried_create_is_one_job()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 6, 9, 0, 0, China));
        var customer = await CustomerAsync();
        var key = Guid.NewGuid().ToString("N");
        var job = await JobAsync(customer, key: key);
        var again = await OkAsync("sh.coord", HttpMethod.Post, "/api/field/jobs", new { type = "Repair", customerId = customer, problem = "打印机卡纸", requestKey = key });
        Assert.Equal((int)job["id"]!, (int)again["id"]!);

        // Positions reported by the phones: sh.eng2 is next to the site, sh.eng1 across town.
        using (var eng2 = await app.ClientFor("sh.eng2"))
        {
            (await eng2.SendJsonAsync("POST", "/api/field/me/position", new { latitude = 31.231, longitude = 121.471 })).EnsureSuccessStatusCode();
        }

        using (var eng1 = await app.ClientFor("sh.eng1"))
        {
            (await eng1.SendJsonAsync("POST", "/api/field/me/position", new { latitude = 31.30, longitude = 121.60 })).EnsureSuccessStatusCode();
        }

        var suggestions = (await OkAsync("sh.coord", HttpMethod.Get, $"/api/field/jobs/{(int)job["id"]!}/suggestions?take=10")).AsArray();
        var eng2Rank = suggestions.Select(s => (string)s!["technicianId"]!).ToList().IndexOf(await app.StaffIdAsync("sh.eng2"));
        var eng1Rank = suggestions.Select(s => (string)s!["technicianId"]!).ToList().IndexOf(await app.StaffIdAsync("sh.eng1"));
        Assert.True(eng2Rank >= 0 && eng1Rank >= 0 && eng2Rank < eng1Rank, suggestions.ToJsonString());
        Assert.True((double)suggestions[eng2Rank]!["distanceKm"]! < 1);
        Assert.DoesNotContain(suggestions, s => (string)s!["technicianId"]! == "hz.eng1");

        var board = await OkAsync("sh.coord", HttpMethod.Get, "/api/field/board");
        Assert.Contains(board["jobs"]!.AsArray(), j => (int)j!["id"]! == (int)job["id"]!);
        Assert.Contains(board["technicians"]!.AsArray(), t => (string)t!["id"]! == (string)suggestions[0]!["technicianId"]!);
        Assert.DoesNotContain(board["technicians"]!.AsArray(), t => (string)t!["id"]! == (string?)null);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.eng1", HttpMethod.Get, "/api/field/board")).Status);
        var hzBoard = await OkAsync("hz.sup", HttpMethod.Get, "/api/field/board");
        Assert.DoesNotContain(hzBoard["jobs"]!.AsArray(), j => (int)j!["id"]! == (int)job["id"]!);
    }

    [ProviderFact]
    public async Task FLD_02_the_set_out_minutes_are_the_administrators_and_a_policy_out_of_range_is_refused_naming_the_field()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 10, 9, 0, 0, China));
        var policy = (await OkAsync("admin", HttpMethod.Get, "/api/settings/field-policy")).AsObject();
        Assert.Equal(10, (int)policy["mobileSetOutMinutes"]!);
        var changed = JsonNode.Parse(policy.ToJsonString())!.AsObject();
        changed["mobileSetOutMinutes"] = 15;
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync("admin", HttpMethod.Put, "/api/settings/field-policy", changed)).Status);
        try
        {
            var job = await JobAsync(await CustomerAsync(), technician: "sh.eng1");
            Assert.Equal(new DateTimeOffset(2026, 11, 10, 9, 15, 0, China).UtcDateTime, Assert.Single(await TimersAsync((int)job["id"]!)).DueAt);

            var bad = JsonNode.Parse(policy.ToJsonString())!.AsObject();
            bad["mobileSetOutMinutes"] = 0;
            bad["stageWorkingHours"]!["Parts"] = -1;
            var (status, problem) = await SendAsync("admin", HttpMethod.Put, "/api/settings/field-policy", bad);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(problem!["errors"]!.AsObject().ContainsKey("mobileSetOutMinutes"));
            Assert.True(problem["errors"]!.AsObject().ContainsKey("stageWorkingHours.Parts"));
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("csmgr", HttpMethod.Put, "/api/settings/field-policy", changed)).Status);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync("admin", HttpMethod.Put, "/api/settings/field-policy", policy)).Status);
        }
    }

    [ProviderFact]
    public async Task FLD_05_bad_input_is_a_400_naming_the_field_and_saves_nothing()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 9, 9, 0, 0, China));
        var before = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<Kefu.Web.Modules.Field.ServiceJob>().CountAsync());
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { customerName = "x", problem = "p" }, "type"),
                     (new { type = "Repair", customerName = "x" }, "problem"),
                     (new { type = "Repair", customerName = "x", problem = "p", siteLatitude = 91.0, siteLongitude = 10.0 }, "siteLatitude"),
                     (new { type = "Repair", customerName = "x", problem = "p", devices = new[] { new { model = "", quantity = 0 } } }, "devices[0].model"),
                     (new { type = "Repair", customerName = "x", problem = "p", technicianId = "nobody" }, "technicianId"),
                 })
        {
            var (status, problem) = await SendAsync("sh.coord", HttpMethod.Post, "/api/field/jobs", body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(problem!["errors"]!.AsObject().ContainsKey(field), $"{field}: {problem.ToJsonString()}");
        }

        Assert.Equal(before, await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<Kefu.Web.Modules.Field.ServiceJob>().CountAsync()));
        var (badSignature, signatureProblem) = await SendAsync("sh.coord", HttpMethod.Post, "/api/field/jobs/999999/sign", new { signedBy = "x", signature = "abc" });
        Assert.Equal(HttpStatusCode.NotFound, badSignature);
        Assert.Null(signatureProblem?["errors"]);
    }
}

public sealed class FieldJobTestsOnSqlite(SqliteClockApp app) : FieldJobTests(app), IClassFixture<SqliteClockApp>;

public sealed class FieldJobTestsOnPostgres(PostgresClockApp app) : FieldJobTests(app), IClassFixture<PostgresClockApp>;
