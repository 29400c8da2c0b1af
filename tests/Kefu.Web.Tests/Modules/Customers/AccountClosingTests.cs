using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Customers;

/// <summary>CUS-08 (开户、做单、销户) over the API on both databases: closing with a reason, the order gate, reopening, scope.</summary>
public abstract partial class AccountClosingTests(KefuFactory app)
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    private async Task<int> CustomerAsync()
    {
        var (status, body) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "销户客户" + Guid.NewGuid().ToString("N")[..8], confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.Created, status);
        return (int)body!["id"]!;
    }

    private object OrderBody(int customerId) => new
    {
        customerId, channel = "Email", dangerousGoods = "None", jobType = "SameCityDelivery", vehicleType = "4.2米厢式车",
        requestedArrival = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(48), pickupParty = "浦江仓库", pickupCity = "上海",
        pickupAddress = "浦东新区 1 号", pickupContact = "王先生", pickupPhone = "021-55550001", deliveryParty = "收货公司", deliveryCity = "上海",
        deliveryAddress = "某路 2 号", deliveryContact = "李女士", deliveryPhone = "010-55550002", goodsName = "电子元件", pieces = 12, weightKg = 350.5m,
        volumeM3 = 2.4m, packaging = "纸箱", estimatedCharge = 1280.50m, declaredValue = 20000m, settlement = "Monthly",
    };

    private static string[] ErrorFields(JsonNode? problem) => problem!["errors"]!.AsObject().Select(e => e.Key).ToArray();

    private async Task<int[]> ListedAsync(string query = "")
    {
        var (_, page) = await SendAsync("sh.sup", HttpMethod.Get, "/api/customers?pageSize=200" + query);
        return page!["items"]!.AsArray().Select(c => (int)c!["id"]!).ToArray();
    }

    [ProviderFact]
    public async Task CUS_08_a_closed_account_refuses_new_orders_naming_the_customer_and_reopening_takes_them_again()
    {
        var customer = await CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync("sh.cs", HttpMethod.Post, "/api/orders", OrderBody(customer))).Status);

        var (closed, account) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/customers/{customer}/close", new { reason = "客户停业" });
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("Closed", (string?)account!["accountStatus"]);
        Assert.Equal("客户停业", (string?)account["closeReason"]);
        Assert.NotNull((string?)account["openedAt"]);

        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/orders", OrderBody(customer));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(["customerId"], ErrorFields(problem));
        Assert.Equal("CUS-08", (string?)problem!["rules"]!["customerId"]![0]);
        Assert.Contains("销户", (string?)problem["errors"]!["customerId"]![0], StringComparison.Ordinal);

        // It leaves the active list; the filter shows it among the closed ones; it stays readable.
        Assert.DoesNotContain(customer, await ListedAsync());
        Assert.Contains(customer, await ListedAsync("&closed=true"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Get, $"/api/customers/{customer}")).Status);

        var (reopened, again) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/customers/{customer}/reopen", new { reason = "客户恢复合作" });
        Assert.Equal(HttpStatusCode.OK, reopened);
        Assert.Equal("Open", (string?)again!["accountStatus"]);
        Assert.Equal("客户恢复合作", (string?)again["reopenReason"]);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync("sh.cs", HttpMethod.Post, "/api/orders", OrderBody(customer))).Status);
        Assert.Contains(customer, await ListedAsync());

        // Both are on the customer's history, with who did it.
        var (_, history) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{customer}/history");
        var changes = history!.AsArray().Select(h => (string?)h!["changes"] ?? "").ToArray();
        Assert.Contains(changes, c => c.Contains("CloseReason", StringComparison.Ordinal) && c.Contains("客户停业", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Contains("ReopenReason", StringComparison.Ordinal) && c.Contains("客户恢复合作", StringComparison.Ordinal));
        Assert.All(history.AsArray().TakeLast(2), h => Assert.Equal("sh.sup", (string?)h!["userName"]));
    }

    [ProviderFact]
    public async Task CUS_08_closing_without_a_reason_is_refused_naming_the_reason_and_changes_nothing()
    {
        var customer = await CustomerAsync();

        var (status, problem) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/customers/{customer}/close", new { reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["reason"], ErrorFields(problem));
        Assert.Equal("CUS-08", (string?)problem!["rule"]);

        var (_, unchanged) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{customer}");
        Assert.Equal("Open", (string?)unchanged!["accountStatus"]);
        // Reopening an open account is refused too.
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/customers/{customer}/reopen", new { reason = "误操作" })).Status);
    }

    [ProviderFact]
    public async Task CUS_08_another_centre_finds_nothing_a_specialist_may_not_close_and_a_stale_version_conflicts()
    {
        var customer = await CustomerAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/customers/{customer}/close", new { reason = "越权销户" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/customers/{customer}/close", new { reason = "专员销户" })).Status);

        var (_, read) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{customer}");
        var version = (int)read!["version"]!;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/customers/{customer}/close", new { reason = "客户停业", version })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/customers/{customer}/reopen", new { reason = "恢复", version })).Status);
    }

    [ProviderFact]
    public async Task CUS_08_the_customer_page_closes_with_a_reason_shows_who_and_when_and_reopens()
    {
        var customer = await CustomerAsync();
        var (_, read) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/customers/{customer}");
        var name = (string)read!["name"]!;
        using var page = await PageSession.SignedInAsync(app, "sh.sup");
        var url = $"/customers/{customer}";

        async Task<HttpResponseMessage> PostAsync(string handler, string reason)
        {
            var html = await page.GetStringAsync(url);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["AccountReason"] = reason, ["AccountVersion"] = AccountVersion().Match(html).Groups[1].Value,
                ["__RequestVerificationToken"] = PageSession.FormToken(html),
            });
            return await page.PostAsync($"{url}?handler={handler}", form);
        }

        // Without a reason the page stays, with the message next to the field.
        using (var refused = await PostAsync("CloseAccount", ""))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("data-testid=\"account-reason-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var closed = await PostAsync("CloseAccount", "客户停业清算"))
        {
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        }

        var shown = await page.GetStringAsync(url);
        Assert.Contains("data-testid=\"account-closed\"", shown, StringComparison.Ordinal);
        Assert.Contains("客户停业清算", shown, StringComparison.Ordinal);
        Assert.Contains("褚上海主管", shown, StringComparison.Ordinal);
        // The search box repeats what was typed: the row is its link.
        var row = $"href=\"{url}\"";
        Assert.DoesNotContain(row, await page.GetStringAsync("/customers?q=" + Uri.EscapeDataString(name)), StringComparison.Ordinal);
        Assert.Contains(row, await page.GetStringAsync("/customers?closed=true&q=" + Uri.EscapeDataString(name)), StringComparison.Ordinal);

        using (var reopened = await PostAsync("ReopenAccount", "客户恢复经营"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        }

        var after = await page.GetStringAsync(url);
        Assert.DoesNotContain("data-testid=\"account-closed\"", after, StringComparison.Ordinal);
        Assert.Contains("客户恢复经营", after, StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"name=""AccountVersion"" value=""(\d+)""")]
    private static partial System.Text.RegularExpressions.Regex AccountVersion();
}

public sealed class AccountClosingTestsOnSqlite(SqliteApp app) : AccountClosingTests(app), IClassFixture<SqliteApp>;

public sealed class AccountClosingTestsOnPostgres(PostgresApp app) : AccountClosingTests(app), IClassFixture<PostgresApp>;
