using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Modules.Orders;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Orders;

/// <summary>
/// Seed 001 steps over the API on both databases (issue 15 items 7, 9, 10, 11): an email order confirmed with the
/// customer before it is processed (ORD-01), tracking points that warn and escalate and late arrivals that open a
/// delay incident (ORD-05/07), city jobs told to the customer (ORD-04), the signed POD before any order closes (ORD-07).
/// </summary>
public abstract class OrderSeedStepsTests(ClockApp app)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% signed scan\n"u8.ToArray();

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null);
    }

    private async Task<int> CustomerAsync(string? phone = "13800138000", string? email = null)
    {
        var (status, body) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers",
            new { name = "追踪客户" + Guid.NewGuid().ToString("N")[..8], phone, contactName = "王经理", contactEmail = email, confirmDuplicate = true });
        Assert.True(status == HttpStatusCode.Created, body?.ToJsonString());
        return (int)body!["id"]!;
    }

    private object OrderBody(int customerId, string channel = "Fax", double arrivalHours = 48, string jobType = "SameCityDelivery", string feedback = "Sms") => new
    {
        customerId, channel, dangerousGoods = "None", jobType, vehicleType = "4.2米厢式车",
        requestedArrival = app.Clock.GetUtcNow().AddHours(arrivalHours), pickupParty = "浦江仓库", pickupCity = "上海", pickupAddress = "浦东新区 1 号",
        deliveryParty = "收货公司", deliveryCity = "上海", deliveryAddress = "某路 2 号", goodsName = "电子元件", pieces = 3, feedbackChannel = feedback,
    };

    private async Task<int> OrderAsync(object body, bool confirm)
    {
        var (status, order) = await SendAsync("sh.cs", HttpMethod.Post, "/api/orders", body);
        Assert.True(status == HttpStatusCode.Created, order?.ToJsonString());
        var id = (int)order!["id"]!;
        Assert.Equal(HttpStatusCode.Created, await AttachAsync(id, "DangerousGoodsNotice"));
        if (confirm)
        {
            var (confirmed, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
            Assert.True(confirmed == HttpStatusCode.OK, problem?.ToJsonString());
        }

        return id;
    }

    private async Task<HttpStatusCode> AttachAsync(int orderId, string kind)
    {
        using var client = await app.ClientFor("sh.cs");
        using var form = new MultipartFormDataContent { { new StringContent(kind), "kind" }, { new ByteArrayContent(Pdf), "file", kind + ".pdf" } };
        using var response = await client.PostAsync($"/api/orders/{orderId}/attachments", form);
        return response.StatusCode;
    }

    private static string[] ErrorFields(JsonNode? problem) => problem!["errors"]!.AsObject().Select(e => e.Key).ToArray();

    /// <summary>The next weekday (outside the October holidays) at <paramref name="hour"/>:30 China time: working time, so EXC-04 asks no phone call first.</summary>
    private void MoveToWorkingMorning(int hour)
    {
        var day = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || (day.Month == 10 && day.Day <= 8))
        {
            day = day.AddDays(1);
        }

        app.Clock.Set(new DateTimeOffset(day.AddHours(hour).AddMinutes(30), TimeSpan.FromHours(8)));
    }

    [ProviderFact]
    public async Task ORD_01_an_email_order_is_confirmed_only_after_its_content_was_checked_with_the_customer()
    {
        var customer = await CustomerAsync();
        var id = await OrderAsync(OrderBody(customer, channel: "Email"), confirm: false);
        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(["emailConfirmation"], ErrorFields(problem));
        Assert.Equal("ORD-01", (string)problem!["rules"]!["emailConfirmation"]![0]!);

        // Who, when, how and what are all required; bad values are named, never a 500.
        var (bad, badProblem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/email-confirmation", new { method = "Pigeon" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        var (empty, emptyProblem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/email-confirmation", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal(["confirmedAt", "confirmedWith", "content", "method"], ErrorFields(emptyProblem).Order(StringComparer.Ordinal));
        var (future, futureProblem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/email-confirmation",
            new { confirmedWith = "王经理", confirmedAt = app.Clock.GetUtcNow().AddHours(2), method = "Phone", content = "件数、地址" });
        Assert.Equal(HttpStatusCode.BadRequest, future);
        Assert.Equal(["confirmedAt"], ErrorFields(futureProblem));
        Assert.NotNull(badProblem);

        var (recorded, order) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/email-confirmation",
            new { confirmedWith = "王经理", confirmedAt = app.Clock.GetUtcNow(), method = "Phone", content = "件数 3 件、送货地址、到货时间已核对" });
        Assert.Equal(HttpStatusCode.OK, recorded);
        Assert.Equal("王经理", (string?)order!["emailConfirmation"]!["confirmedWith"]);
        Assert.Equal(await app.StaffIdAsync("sh.cs"), (string?)order["emailConfirmation"]!["recordedById"]);
        var (confirmed, _) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
        Assert.Equal(HttpStatusCode.OK, confirmed);

        // A fax order has nothing to confirm this way; another centre does not see the order.
        var fax = await OrderAsync(OrderBody(customer), confirm: false);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{fax}/email-confirmation",
            new { confirmedWith = "王经理", confirmedAt = app.Clock.GetUtcNow(), method = "Phone", content = "核对" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/orders/{id}/email-confirmation",
            new { confirmedWith = "王经理", confirmedAt = app.Clock.GetUtcNow(), method = "Phone", content = "核对" })).Status);
    }

    [ProviderFact]
    public async Task ORD_07_an_on_time_order_is_refused_closing_naming_the_pod_until_the_signed_pod_is_attached()
    {
        var id = await OrderAsync(OrderBody(await CustomerAsync()), confirm: true);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/arrival", new { actualArrival = app.Clock.GetUtcNow(), satisfied = true })).Status);
        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/close");
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(["pod"], ErrorFields(problem));
        Assert.Equal("ORD-07", (string)problem!["rules"]!["pod"]![0]!);

        Assert.Equal(HttpStatusCode.Created, await AttachAsync(id, "SignedPod"));
        var (closed, order) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/close");
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("Closed", (string?)order!["status"]);
    }

    [ProviderFact]
    public async Task ORD_05_each_tracking_point_is_a_deadline_that_warns_escalates_and_stops_when_ticked()
    {
        var id = await OrderAsync(OrderBody(await CustomerAsync(), arrivalHours: 120), confirm: true); // a first order: class A, ten points
        var (_, order) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/orders/{id}");
        var points = order!["trackingPoints"]!.AsArray();
        var keys = points.Select(p => ((int)p!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var timers = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == OrderTrackingTimers.PointRecordType && keys.Contains(t.RecordId)).ToListAsync());
        Assert.Equal(points.Count, timers.Count);
        Assert.All(timers, t => Assert.Equal("ORD-05", t.Rule));
        Assert.All(timers, t => Assert.Equal($"/orders/{id}", t.Link));

        // "printed" is due 30 minutes after acceptance: ticked in time, its timer stops without a breach.
        var printed = (int)points[0]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/tracking-points/{printed}/done", new { note = "已打印" })).Status);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.InScopeAsync(sp => sp.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None));
        var after = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == OrderTrackingTimers.PointRecordType && keys.Contains(t.RecordId)).ToListAsync());
        var printedTimer = after.Single(t => t.RecordId == keys[0]);
        Assert.Equal(TimerStatus.Stopped, printedTimer.Status);
        Assert.Null(printedTimer.BreachedAt);

        // "handed-to-dispatch" (1 h) and the 2-hour points were missed: breached, the owner and the centre supervisor told.
        var handed = after.Single(t => t.RecordId == keys[1]);
        Assert.NotNull(handed.BreachedAt);
        var supervisor = await app.StaffIdAsync("sh.sup");
        Assert.True(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<InboxItem>()
            .AnyAsync(i => i.UserId == supervisor && i.EventKey == "SlaBreach" && i.Link == $"/orders/{id}")));
        // Closing the order stops the rest.
        var open = after.Count(t => t.Status != TimerStatus.Stopped);
        Assert.True(open > 0);
    }

    [ProviderFact]
    public async Task ORD_07_a_late_arrival_is_detected_the_freight_centre_told_and_a_delay_incident_opened()
    {
        var freight = await app.CreateStaffAsync("frt." + Guid.NewGuid().ToString("N")[..6], "HQ-FRT", ["Coordinator"], KefuFactory.DemoPassword);
        MoveToWorkingMorning(9);
        var id = await OrderAsync(OrderBody(await CustomerAsync(), arrivalHours: 1, jobType: "DoorToDoor"), confirm: true);
        var onTime = await OrderAsync(OrderBody(await CustomerAsync(), arrivalHours: 1), confirm: true);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{onTime}/arrival", new { actualArrival = app.Clock.GetUtcNow(), satisfied = true })).Status);

        // Within the grace (30 minutes by default) nothing is detected yet.
        app.Clock.Advance(TimeSpan.FromMinutes(80));
        await app.InScopeAsync(sp => sp.GetRequiredService<LateArrivalDetector>().RunAsync(CancellationToken.None));
        var (_, early) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/orders/{id}");
        Assert.Null((string?)early!["lateDetectedAt"]);

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await app.InScopeAsync(sp => sp.GetRequiredService<LateArrivalDetector>().RunAsync(CancellationToken.None));
        await app.InScopeAsync(sp => sp.GetRequiredService<LateArrivalDetector>().RunAsync(CancellationToken.None)); // once only
        var (_, late) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/orders/{id}");
        Assert.NotNull((string?)late!["lateDetectedAt"]);
        var incidentId = (int)late["lateIncidentId"]!;
        var (_, delivered) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/orders/{onTime}");
        Assert.Null((string?)delivered!["lateDetectedAt"]);

        var told = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<InboxItem>().AsNoTracking()
            .Where(i => i.EventKey == "OrderLateArrival" && i.Link == $"/orders/{id}").Select(i => i.UserId).ToListAsync());
        Assert.Contains(freight, told);
        Assert.Contains(await app.StaffIdAsync("sh.cs"), told);
        Assert.Equal(told.Count, told.Distinct().Count());

        var incident = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<Incident>().AsNoTracking().SingleAsync(i => i.Id == incidentId));
        Assert.Equal(Kefu.Core.Incidents.IncidentType.Delay, incident.Type);
        Assert.Equal(Kefu.Core.Incidents.IncidentSource.FoundInTracking, incident.Source);
        Assert.Equal((string?)late["number"], incident.OrderReference);
        Assert.Equal(1, await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<Incident>().CountAsync(i => i.OrderReference == incident.OrderReference)));
    }

    [ProviderFact]
    public async Task ORD_04_a_city_job_records_vehicle_driver_and_eta_and_tells_the_customer_through_the_outbox()
    {
        var id = await OrderAsync(OrderBody(await CustomerAsync(phone: "13900139000")), confirm: true);
        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/city-job", new { vehicle = "沪A12345", driverPhone = "call me" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(["driver", "driverPhone", "eta"], ErrorFields(problem).Order(StringComparer.Ordinal));
        Assert.Equal("ORD-04", (string)problem!["rules"]!["driver"]![0]!);
        var (far, farProblem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/city-job",
            new { vehicle = "沪A12345", driver = "张师傅", driverPhone = "13800138000", eta = app.Clock.GetUtcNow().AddDays(10) });
        Assert.Equal(HttpStatusCode.BadRequest, far);
        Assert.Equal(["eta"], ErrorFields(farProblem));

        var eta = app.Clock.GetUtcNow().AddHours(3);
        var (saved, order) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/city-job",
            new { vehicle = "沪A12345", driver = "张师傅", driverPhone = "13800138000", eta });
        Assert.True(saved == HttpStatusCode.OK, order?.ToJsonString());
        Assert.Equal("沪A12345", (string?)order!["cityJob"]!["vehicle"]);
        Assert.Equal("Sms", (string?)order["cityJob"]!["noticeChannel"]);
        var sms = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<OutboxMessage>().AsNoTracking()
            .SingleAsync(m => m.EventKey == OrderFollowUpUseCases.CityJobMailEvent && m.RelatedId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(NotificationChannel.Sms, sms.Channel);
        Assert.Equal("13900139000", sms.Recipient);
        Assert.Contains("沪A12345", sms.Body, StringComparison.Ordinal);
        Assert.Contains("张师傅", sms.Body, StringComparison.Ordinal);

        // A long-distance job has no city vehicle; a customer asking for email gets it by email.
        var far2 = await OrderAsync(OrderBody(await CustomerAsync(), jobType: "DoorToDoor"), confirm: true);
        var (notCity, notCityProblem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{far2}/city-job",
            new { vehicle = "沪A12345", driver = "张师傅", driverPhone = "13800138000", eta });
        Assert.Equal(HttpStatusCode.BadRequest, notCity);
        Assert.Equal(["jobType"], ErrorFields(notCityProblem));
        var byMail = await OrderAsync(OrderBody(await CustomerAsync(email: "buyer@customer.example"), feedback: "Email"), confirm: true);
        var (_, mailed) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{byMail}/city-job", new { vehicle = "沪B6", driver = "李师傅", driverPhone = "13700137000", eta });
        Assert.Equal("Email", (string?)mailed!["cityJob"]!["noticeChannel"]);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/orders/{id}/city-job", new { vehicle = "x" })).Status);
    }

    [ProviderFact]
    public async Task ORD_01_the_order_page_records_the_email_confirmation_and_shows_the_city_job_card()
    {
        var customer = await CustomerAsync();
        var id = await OrderAsync(OrderBody(customer, channel: "Email"), confirm: false);
        using var page = await PageClient.SignInAsync(app, "sh.cs");
        var (shown, html) = await page.GetAsync($"/orders/{id}");
        Assert.Equal(HttpStatusCode.OK, shown);
        Assert.Contains("data-testid=\"email-confirmation\"", html, StringComparison.Ordinal);
        Assert.Contains("尚未与客户确认邮件内容", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ORD-01", html, StringComparison.Ordinal);

        using var refused = await page.PostFormAsync($"/orders/{id}", $"/orders/{id}?handler=EmailConfirmation", new Dictionary<string, string> { ["method"] = "Phone" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the page again, with the fields named
        var local = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        using var saved = await page.PostFormAsync($"/orders/{id}", $"/orders/{id}?handler=EmailConfirmation", new Dictionary<string, string>
        {
            ["confirmedWith"] = "王经理", ["confirmedAt"] = local, ["method"] = "Phone", ["content"] = "件数与地址已核对",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, order) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/orders/{id}");
        Assert.Equal("件数与地址已核对", (string?)order!["emailConfirmation"]!["content"]);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/confirm", new { })).Status);
        var (_, confirmedHtml) = await page.GetAsync($"/orders/{id}");
        Assert.Contains("data-testid=\"city-job\"", confirmedHtml, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task ORD_05_the_administrator_edits_the_order_numbers_on_the_settings_page()
    {
        var (_, original) = await SendAsync("admin", HttpMethod.Get, "/api/settings/order-policy");
        try
        {
            var bad = original!.DeepClone().AsObject();
            bad["checkpointWarningPercent"] = 0;
            bad["checkpointEscalation"] = new JsonArray("Nobody");
            var (refused, problem) = await SendAsync("admin", HttpMethod.Put, "/api/settings/order-policy", bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused);
            Assert.Equal(["checkpointEscalation", "checkpointWarningPercent"], ErrorFields(problem).Order(StringComparer.Ordinal));

            using var page = await PageClient.SignInAsync(app, "admin");
            var (shown, html) = await page.GetAsync("/admin/settings/orders");
            Assert.Equal(HttpStatusCode.OK, shown);
            Assert.Contains("data-testid=\"order-settings\"", html, StringComparison.Ordinal);
            using (var manager = await PageClient.SignInAsync(app, "csmgr"))
            {
                using var denied = await manager.Client.GetAsync("/admin/settings/orders");
                Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
                Assert.Contains("/account/denied", denied.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
            }

            using var saved = await page.PostFormAsync("/admin/settings/orders", "/admin/settings/orders", new Dictionary<string, string>
            {
                ["On"] = "signedPodOnEveryOrder", ["Values[breakInDays]"] = "30", ["Values[classAUnderHours]"] = "24", ["Values[classBWithinHours]"] = "72",
                ["Values[valuableGoodsOver]"] = "50000", ["Values[onTimeToleranceMinutes]"] = "0", ["Values[lateArrivalGraceMinutes]"] = "45",
                ["Values[checkpointWarningPercent]"] = "70", ["Values[cityJobEtaWithinHours]"] = "48", ["Escalation"] = "CsManager",
            });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var (_, after) = await SendAsync("admin", HttpMethod.Get, "/api/settings/order-policy");
            Assert.False((bool)after!["emailConfirmationRequired"]!);
            Assert.Equal(70, (int)after["checkpointWarningPercent"]!);
            Assert.Equal(48, (int)after["cityJobEtaWithinHours"]!);
            Assert.Equal("00:45:00", (string?)after["lateArrivalGrace"]);
            Assert.Equal(["CsManager"], after["checkpointEscalation"]!.AsArray().Select(x => (string)x!).ToArray());
        }
        finally
        {
            var (restored, problem) = await SendAsync("admin", HttpMethod.Put, "/api/settings/order-policy", original);
            Assert.True(restored == HttpStatusCode.NoContent, problem?.ToJsonString());
        }
    }
}

public sealed class OrderSeedStepsTestsOnSqlite(SqliteClockApp app) : OrderSeedStepsTests(app), IClassFixture<SqliteClockApp>;

public sealed class OrderSeedStepsTestsOnPostgres(PostgresClockApp app) : OrderSeedStepsTests(app), IClassFixture<PostgresClockApp>;
