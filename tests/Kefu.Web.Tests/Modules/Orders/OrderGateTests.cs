using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Orders;

/// <summary>ORD-01..07 over the API on both databases: the intake and confirmation gates, routing, tracking, late delivery, scope.</summary>
public abstract class OrderGateTests(ClockApp app)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% signed scan\n"u8.ToArray();

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null);
    }

    private async Task<int> CustomerAsync(string user = "sh.cs")
    {
        var (status, body) = await SendAsync(user, HttpMethod.Post, "/api/customers", new { name = "订单客户" + Guid.NewGuid().ToString("N")[..8], confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.Created, status);
        return (int)body!["id"]!;
    }

    private object OrderBody(int customerId, string channel = "Fax", bool readBack = false, string jobType = "SameCityDelivery",
        string pickupCity = "上海", string deliveryCity = "上海", double arrivalHours = 48) => new
    {
        customerId, channel, readBackConfirmed = readBack, dangerousGoods = "None", jobType, vehicleType = "4.2米厢式车",
        requestedArrival = app.Clock.GetUtcNow().AddHours(arrivalHours), pickupParty = "浦江仓库", pickupCity, pickupAddress = "浦东新区 1 号",
        pickupContact = "王先生", pickupPhone = "021-55550001", deliveryParty = "收货公司", deliveryCity, deliveryAddress = "某路 2 号",
        deliveryContact = "李女士", deliveryPhone = "010-55550002", goodsName = "电子元件", pieces = 12, weightKg = 350.5m, volumeM3 = 2.4m,
        packaging = "纸箱", estimatedCharge = 1280.50m, declaredValue = 20000m, settlement = "Monthly",
    };

    private async Task<JsonNode> CreateOrderAsync(string user, object body)
    {
        var (status, order) = await SendAsync(user, HttpMethod.Post, "/api/orders", body);
        Assert.True(status == HttpStatusCode.Created, $"create: {(int)status} {order?.ToJsonString()}");
        return order!;
    }

    private async Task<HttpStatusCode> AttachAsync(string user, int orderId, string kind)
    {
        using var client = await app.ClientFor(user);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new ByteArrayContent(Pdf), "file", kind + ".pdf" },
        };
        using var response = await client.PostAsync($"/api/orders/{orderId}/attachments", form);
        return response.StatusCode;
    }

    private static string[] ErrorFields(JsonNode? problem) => problem!["errors"]!.AsObject().Select(e => e.Key).ToArray();

    [ProviderFact]
    public async Task ORD_01_phone_order_without_the_read_back_tick_is_refused_naming_the_field()
    {
        var customer = await CustomerAsync();
        var (status, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/orders", OrderBody(customer, channel: "Phone"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("readBackConfirmed", ErrorFields(problem));
        Assert.Equal("ORD-01", (string)problem!["rules"]!["readBackConfirmed"]![0]!);
        Assert.Equal("ORD-01", (string)problem["rule"]!);

        var order = await CreateOrderAsync("sh.cs", OrderBody(customer, channel: "Phone", readBack: true));
        Assert.Equal("Draft", (string?)order["status"]);
        Assert.StartsWith("WO", (string?)order["number"], StringComparison.Ordinal);
        Assert.Equal(1280.50m, (decimal)order["estimatedCharge"]!);
    }

    [ProviderFact]
    public async Task ORD_02_confirmation_is_refused_without_the_signed_notice_and_allowed_once_it_is_attached()
    {
        var customer = await CustomerAsync();
        var id = (int)(await CreateOrderAsync("sh.cs", OrderBody(customer)))["id"]!;

        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(["dangerousGoodsNotice"], ErrorFields(problem));
        var (_, review) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/orders/{id}/review");
        Assert.Equal("ORD-02", (string?)review!["refusals"]![0]!["rule"]);

        Assert.Equal(HttpStatusCode.Created, await AttachAsync("sh.cs", id, "DangerousGoodsNotice"));
        var (confirmed, order) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
        Assert.Equal(HttpStatusCode.OK, confirmed);
        Assert.Equal("Confirmed", (string?)order!["status"]);
        Assert.Equal("DispatchCentre", (string?)order["handlingCentre"]);

        // A confirmed order is no longer a draft: no more edits, no second confirmation.
        var (again, _) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
        Assert.Equal(HttpStatusCode.Conflict, again);
        var (edit, _) = await SendAsync("sh.cs", HttpMethod.Put, $"/api/orders/{id}", OrderBody(customer));
        Assert.Equal(HttpStatusCode.Conflict, edit);
    }

    [ProviderFact]
    public async Task ORD_03_marketing_customer_is_refused_until_the_handover_form_is_approved_through_the_chain()
    {
        var customer = await CustomerAsync();
        var (created, handover) = await SendAsync("sh.cs", HttpMethod.Post, "/api/orders/handovers",
            new { customerId = customer, delivery = true, contractOrQuote = "合同 HT-2026-001：上海市内 ¥1.2/kg" });
        Assert.Equal(HttpStatusCode.Created, created);
        var handoverId = (int)handover!["id"]!;

        // The customer came through marketing: its order is break-in business, the CS director's in person.
        var order = await CreateOrderAsync("sh.cs", OrderBody(customer));
        var id = (int)order["id"]!;
        Assert.True((bool)order["breakIn"]!);
        Assert.Equal(await app.StaffIdAsync("csdir"), (string?)order["ownerId"]);
        Assert.Equal(HttpStatusCode.Created, await AttachAsync("csdir", id, "DangerousGoodsNotice"));

        var (bySupervisor, supervisorProblem) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
        Assert.Equal(HttpStatusCode.BadRequest, bySupervisor);
        Assert.Contains("owner", ErrorFields(supervisorProblem));
        var (refused, problem) = await SendAsync("csdir", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(["handover"], ErrorFields(problem));

        var (submitted, form) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/handovers/{handoverId}/submit");
        Assert.Equal(HttpStatusCode.OK, submitted);
        foreach (var (step, approver) in new[] { ("marketing-manager", "mkt"), ("cs-director", "csdir"), ("operations-manager", "east.gm"), ("gm", "gm") })
        {
            Assert.Equal(step, (string?)form!["currentStepKey"]);
            var (stillRefused, _) = await SendAsync("csdir", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
            Assert.Equal(HttpStatusCode.BadRequest, stillRefused);
            (var decided, form) = await SendAsync(approver, HttpMethod.Post, $"/api/orders/handovers/{handoverId}/decision", new { stepKey = step, action = "Approve" });
            Assert.True(decided == HttpStatusCode.OK, $"{step} by {approver}: {(int)decided} {form?.ToJsonString()}");
        }

        Assert.Equal("Approved", (string?)form!["status"]);
        var (confirmed, confirmedOrder) = await SendAsync("csdir", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
        Assert.Equal(HttpStatusCode.OK, confirmed);
        Assert.Equal("Confirmed", (string?)confirmedOrder!["status"]);
    }

    [ProviderFact]
    public async Task ORD_03_a_leader_may_let_orders_be_confirmed_before_the_handover_is_approved()
    {
        var customer = await CustomerAsync();
        var (_, handover) = await SendAsync("sh.cs", HttpMethod.Post, "/api/orders/handovers", new { customerId = customer, settlementAgreement = "月结，次月 10 日前付款" });
        var handoverId = (int)handover!["id"]!;
        var id = (int)(await CreateOrderAsync("sh.cs", OrderBody(customer)))["id"]!;
        Assert.Equal(HttpStatusCode.Created, await AttachAsync("csdir", id, "DangerousGoodsNotice"));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("csdir", HttpMethod.Post, $"/api/orders/{id}/confirm", new { })).Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/orders/handovers/{handoverId}/special-procedure", new { reason = "急单" })).Status);
        var (noReason, problem) = await SendAsync("gm", HttpMethod.Post, $"/api/orders/handovers/{handoverId}/special-procedure", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Contains("reason", ErrorFields(problem));
        var (granted, form) = await SendAsync("gm", HttpMethod.Post, $"/api/orders/handovers/{handoverId}/special-procedure", new { reason = "客户急单，合同补签中" });
        Assert.Equal(HttpStatusCode.OK, granted);
        Assert.Equal("Draft", (string?)form!["status"]);

        var (confirmed, order) = await SendAsync("csdir", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
        Assert.Equal(HttpStatusCode.OK, confirmed);
        Assert.Equal("Confirmed", (string?)order!["status"]);
    }

    [ProviderFact]
    public async Task ORD_04_confirmation_tells_the_dispatch_centre_for_city_jobs_and_the_freight_centre_for_long_distance()
    {
        var dispatcherName = "dsp." + Guid.NewGuid().ToString("N")[..6];
        var dispatcher = await app.CreateStaffAsync(dispatcherName, "HQ-DSP", ["Coordinator"], KefuFactory.DemoPassword);
        var freight = await app.CreateStaffAsync("frt." + Guid.NewGuid().ToString("N")[..6], "HQ-FRT", ["Coordinator"], KefuFactory.DemoPassword);
        var customer = await CustomerAsync();

        var city = (int)(await CreateOrderAsync("sh.cs", OrderBody(customer)))["id"]!;
        var far = (int)(await CreateOrderAsync("sh.cs", OrderBody(customer, jobType: "DoorToDoor", deliveryCity: "北京")))["id"]!;
        foreach (var id in new[] { city, far })
        {
            Assert.Equal(HttpStatusCode.Created, await AttachAsync("sh.cs", id, "DangerousGoodsNotice"));
            var (confirmed, _) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
            Assert.Equal(HttpStatusCode.OK, confirmed);
        }

        var inbox = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<InboxItem>().AsNoTracking()
            .Where(i => i.EventKey == "OrderToPrint" && (i.UserId == dispatcher || i.UserId == freight)).ToListAsync());
        Assert.Equal([$"/orders/{city}/print"], inbox.Where(i => i.UserId == dispatcher).Select(i => i.Link ?? "").ToArray());
        Assert.Equal([$"/orders/{far}/print"], inbox.Where(i => i.UserId == freight).Select(i => i.Link ?? "").ToArray());

        // The centre it was routed to may print it although the order is outside its data scope; the other centre may not.
        var (mine, printed) = await SendAsync(dispatcherName, HttpMethod.Get, $"/api/orders/{city}/print");
        Assert.Equal(HttpStatusCode.OK, mine);
        Assert.Equal("电子元件", (string?)printed!["goodsName"]);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(dispatcherName, HttpMethod.Get, $"/api/orders/{far}/print")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(dispatcherName, HttpMethod.Get, $"/api/orders/{city}")).Status); // the order itself stays out of their scope
    }

    [ProviderFact]
    public async Task ORD_05_first_order_is_class_A_with_its_checklist_and_the_agent_may_choose_another_class()
    {
        var customer = await CustomerAsync();
        var id = (int)(await CreateOrderAsync("sh.cs", OrderBody(customer, arrivalHours: 120)))["id"]!;
        Assert.Equal(HttpStatusCode.Created, await AttachAsync("sh.cs", id, "DangerousGoodsNotice"));
        var (_, review) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/orders/{id}/review");
        Assert.Equal("A", (string?)review!["proposal"]!["class"]);
        Assert.Contains("FirstTimeCustomer", review["proposal"]!["reasons"]!.AsArray().Select(r => (string)r!));

        var (_, order) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/confirm", new { });
        Assert.Equal("A", (string?)order!["trackingClass"]);
        var points = order["trackingPoints"]!.AsArray();
        Assert.Equal(10, points.Count);
        Assert.Equal("printed", (string?)points[0]!["key"]);

        var printed = (int)points[0]!["id"]!;
        var (done, afterDone) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/tracking-points/{printed}/done", new { note = "已打印" });
        Assert.Equal(HttpStatusCode.OK, done);
        Assert.Equal("InTransit", (string?)afterDone!["status"]);

        var (changed, classC) = await SendAsync("sh.cs", HttpMethod.Put, $"/api/orders/{id}/tracking-class", new { trackingClass = "C" });
        Assert.Equal(HttpStatusCode.OK, changed);
        Assert.Equal("A", (string?)classC!["proposedClass"]);
        var keys = classC["trackingPoints"]!.AsArray().Select(p => (string)p!["key"]!).ToArray();
        Assert.Equal(["shipped", "shipping-mode-confirmed", "final-confirmation", "delivered"], keys.Where(k => k != "printed").ToArray());
        Assert.Contains("printed", keys); // ticked points stay
    }

    [ProviderFact]
    public async Task ORD_07_late_order_stays_open_until_cause_remedy_both_parties_told_and_the_signed_pod()
    {
        var customer = await CustomerAsync();
        var id = (int)(await CreateOrderAsync("sh.cs", OrderBody(customer, arrivalHours: 24)))["id"]!;
        Assert.Equal(HttpStatusCode.Created, await AttachAsync("sh.cs", id, "DangerousGoodsNotice"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/confirm", new { })).Status);

        app.Clock.Advance(TimeSpan.FromHours(30));
        var (arrived, order) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/arrival", new { actualArrival = app.Clock.GetUtcNow(), satisfied = false });
        Assert.Equal(HttpStatusCode.OK, arrived);
        Assert.False((bool)order!["onTime"]!);
        Assert.Equal("Delivered", (string?)order["status"]);

        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/close");
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(["cause", "remedy", "consignorInformed", "consigneeInformed", "pod"], ErrorFields(problem));

        var (recorded, _) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/late",
            new { cause = "高速封路", remedy = "改道调发", consignorInformed = true, consigneeInformed = true });
        Assert.Equal(HttpStatusCode.OK, recorded);
        var (stillOpen, podProblem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/close");
        Assert.Equal(HttpStatusCode.BadRequest, stillOpen);
        Assert.Equal(["pod"], ErrorFields(podProblem));

        Assert.Equal(HttpStatusCode.Created, await AttachAsync("sh.cs", id, "SignedPod"));
        var (closed, closedOrder) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/close");
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("Closed", (string?)closedOrder!["status"]);

        var (_, sheet) = await SendAsync("sh.sup", HttpMethod.Get, "/api/orders/tracking-sheet?onTime=false&pageSize=200");
        var row = sheet!["items"]!.AsArray().Single(r => (int)r!["id"]! == id)!;
        Assert.False((bool)row["satisfied"]!);
        Assert.Equal("上海", (string?)row["destination"]);
    }

    // Seed 001 §2.3 (与客户核对当日订单数量，防止漏单): no catalogue rule ID; ORD-01 is the intake channels and the phone read-back.
    [ProviderFact]
    public async Task Daily_count_the_days_orders_are_reconciled_with_the_count_the_customer_states()
    {
        var customer = await CustomerAsync();
        await CreateOrderAsync("sh.cs", OrderBody(customer));
        await CreateOrderAsync("sh.cs", OrderBody(customer));
        var today = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (_, before) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/orders/reconciliation?date={today}");
        Assert.Equal("Unstated", (string?)before!["rows"]!.AsArray().Single(r => (int)r!["customerId"]! == customer)!["state"]);

        var (stated, after) = await SendAsync("sh.cs", HttpMethod.Put, "/api/orders/reconciliation/counts", new { customerId = customer, date = today, statedCount = 3 });
        Assert.Equal(HttpStatusCode.OK, stated);
        var row = after!["rows"]!.AsArray().Single(r => (int)r!["customerId"]! == customer)!;
        Assert.Equal("Mismatch", (string?)row["state"]);
        Assert.Equal(-1, (int)row["difference"]!);

        var (bad, problem) = await SendAsync("sh.cs", HttpMethod.Get, "/api/orders/reconciliation?date=24-11-2026");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("date", ErrorFields(problem));
    }

    [ProviderFact]
    public async Task ORD_08_distributor_order_steps_complete_in_order_each_by_its_owner()
    {
        var customer = await CustomerAsync();
        var body = System.Text.Json.JsonSerializer.SerializeToNode(OrderBody(customer))!.AsObject();
        body["distributor"] = true;
        var id = (int)(await CreateOrderAsync("sh.cs", body))["id"]!;
        var (_, flow) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/orders/{id}/flow");
        Assert.Equal("check-stock", (string?)flow!["nextStep"]);
        Assert.Equal("BusinessAssistant", (string?)flow["steps"]![0]!["ownerRole"]);

        var (early, earlyProblem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/flow/customer-payment", new { });
        Assert.Equal(HttpStatusCode.BadRequest, early);
        Assert.Equal("ORD-08", (string)earlyProblem!["rules"]!["stepKey"]![0]!);
        var (notOwner, _) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/flow/check-stock", new { });
        Assert.Equal(HttpStatusCode.BadRequest, notOwner);

        foreach (var (step, user) in new[] { ("check-stock", "bizasst"), ("arrange-transport", "bizasst"), ("customer-payment", "sh.cs") })
        {
            (var status, flow) = await SendAsync(user, HttpMethod.Post, $"/api/orders/{id}/flow/{step}", new { note = "矩阵" });
            Assert.True(status == HttpStatusCode.OK, $"{step} by {user}: {(int)status} {flow?.ToJsonString()}");
        }

        Assert.Equal("finance-confirms-payment", (string?)flow!["nextStep"]);
        var finance = await app.StaffIdAsync("finance");
        Assert.True(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<InboxItem>()
            .AnyAsync(i => i.UserId == finance && i.EventKey == "OrderFlowStep" && i.Link == $"/orders/{id}")));
        var (again, _) = await SendAsync("bizasst", HttpMethod.Post, $"/api/orders/{id}/flow/check-stock", new { });
        Assert.Equal(HttpStatusCode.BadRequest, again);

        var plain = (int)(await CreateOrderAsync("sh.cs", OrderBody(customer)))["id"]!;
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("bizasst", HttpMethod.Post, $"/api/orders/{plain}/flow/check-stock", new { })).Status);
    }

    [ProviderFact]
    public async Task ORD_08_the_administrator_configures_the_flow_steps_and_their_owners()
    {
        var (_, original) = await SendAsync("admin", HttpMethod.Get, "/api/settings/order-policy");
        Assert.Equal(9, original!["distributorFlow"]!.AsArray().Count);
        try
        {
            var bad = original.DeepClone().AsObject();
            bad["distributorFlow"] = new JsonArray(new JsonObject { ["key"] = "check-stock", ["ownerRole"] = "Nobody" });
            var (refused, problem) = await SendAsync("admin", HttpMethod.Put, "/api/settings/order-policy", bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused);
            Assert.Contains("distributorFlow", ErrorFields(problem));

            var good = original.DeepClone().AsObject();
            good["distributorFlow"] = new JsonArray(
                new JsonObject { ["key"] = "check-stock", ["ownerRole"] = "CsSpecialist" },
                new JsonObject { ["key"] = "shipped", ["ownerRole"] = "Logistics" });
            var (saved, _) = await SendAsync("admin", HttpMethod.Put, "/api/settings/order-policy", good);
            Assert.Equal(HttpStatusCode.NoContent, saved);

            var customer = await CustomerAsync();
            var body = System.Text.Json.JsonSerializer.SerializeToNode(OrderBody(customer))!.AsObject();
            body["distributor"] = true;
            var id = (int)(await CreateOrderAsync("sh.cs", body))["id"]!;
            var (done, flow) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/orders/{id}/flow/check-stock", new { });
            Assert.Equal(HttpStatusCode.OK, done);
            Assert.Equal(["check-stock", "shipped"], flow!["steps"]!.AsArray().Select(s => (string)s!["key"]!).ToArray());
            Assert.Equal("shipped", (string?)flow["nextStep"]);
        }
        finally
        {
            // The policy read back must save as it is (a round trip of every field), and the other tests keep the defaults.
            var (restored, problem) = await SendAsync("admin", HttpMethod.Put, "/api/settings/order-policy", original);
            Assert.True(restored == HttpStatusCode.NoContent, problem?.ToJsonString());
        }

        var (_, after) = await SendAsync("admin", HttpMethod.Get, "/api/settings/order-policy");
        Assert.Equal(original.ToJsonString(), after!.ToJsonString());
    }

    [ProviderFact]
    public async Task ORG_03_another_centre_gets_404_on_a_shanghai_order()
    {
        var customer = await CustomerAsync();
        var id = (int)(await CreateOrderAsync("sh.cs", OrderBody(customer)))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.sup", HttpMethod.Get, $"/api/orders/{id}")).Status);
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, $"/api/orders/{id}"), (HttpMethod.Get, $"/api/orders/{id}/review"), (HttpMethod.Post, $"/api/orders/{id}/confirm"),
                     (HttpMethod.Get, $"/api/orders/{id}/print"), (HttpMethod.Post, $"/api/orders/{id}/close"),
                 })
        {
            var (status, _) = await SendAsync("hz.sup", method, url, method == HttpMethod.Post ? new { } : null);
            Assert.True(status == HttpStatusCode.NotFound, $"{method} {url}: {(int)status}");
        }

        var (list, page) = await SendAsync("hz.sup", HttpMethod.Get, "/api/orders?pageSize=200");
        Assert.Equal(HttpStatusCode.OK, list);
        Assert.DoesNotContain(page!["items"]!.AsArray(), o => (int)o!["id"]! == id);
    }

    [ProviderFact]
    public async Task ORD_01_pickup_and_delivery_phones_with_letters_are_refused_naming_each_field()
    {
        var customer = await CustomerAsync();
        var body = System.Text.Json.JsonSerializer.SerializeToNode(OrderBody(customer))!.AsObject();
        body["pickupPhone"] = "021-5555 000l";
        body["deliveryPhone"] = "ask the driver";
        var (status, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/orders", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["deliveryPhone", "pickupPhone"], ErrorFields(problem).Order(StringComparer.Ordinal));

        body["pickupPhone"] = "+86 21 5555 0001";
        body["deliveryPhone"] = "138 0013 8000";
        await CreateOrderAsync("sh.cs", body);
    }
}

public sealed class OrderGateTestsOnSqlite(SqliteClockApp app) : OrderGateTests(app), IClassFixture<SqliteClockApp>;

public sealed class OrderGateTestsOnPostgres(PostgresClockApp app) : OrderGateTests(app), IClassFixture<PostgresClockApp>;
