using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Receivables;

/// <summary>The sales ledger and the aging page (AR-01, AR-08) as the coordinator, a technician and finance read them, on SQLite.</summary>
public sealed class ReceivablesPageTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private static readonly string[] InternalNames = ["Receivables.", "Nav.", "AR-0", "InvoiceSettlement", "AgingGroup", "Retail", "Monthly"];

    private async Task<JsonNode> ApiAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} as {user}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static void Readable(string html) => Assert.All(InternalNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));

    [Fact]
    public async Task AR_01_08_the_ledger_lists_filters_sorts_and_exports_and_the_aging_page_charts_the_buckets_in_both_languages()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.FromHours(8)));
        var customer = (int)(await ApiAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "台账页面客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true }))["id"]!;
        var number = "SC-P" + Guid.NewGuid().ToString("N")[..6];
        var confirmation = await ApiAsync("sh.coord", HttpMethod.Post, "/api/receivables/confirmations", new
        {
            number, customerId = customer, technicianId = await app.StaffIdAsync("sh.eng1"), items = "打印机 1 台", amountYuan = 1234.56m, soldOn = "2026-09-28",
        });
        await ApiAsync("sh.coord", HttpMethod.Post, "/api/receivables/invoices", new { number = "FP-" + number, confirmationId = (int)confirmation["id"]!, invoiceDate = "2026-09-28", settlement = "Retail" });

        using var coordinator = await PageClient.SignInAsync(app, "sh.coord");
        var (status, ledger) = await coordinator.GetAsync("/receivables/ledger?open=true&sort=amount&dir=desc");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(number, ledger, StringComparison.Ordinal);
        Assert.Contains("¥1,234.56", ledger, StringComparison.Ordinal);
        Assert.Contains("沈工程师一", ledger, StringComparison.Ordinal);
        Assert.Contains("href=\"/receivables/aging\"", ledger, StringComparison.Ordinal);
        Readable(ledger);
        var (_, none) = await coordinator.GetAsync("/receivables/ledger?q=nothing-like-this");
        Assert.DoesNotContain(number, none, StringComparison.Ordinal);
        var (exportStatus, xlsx) = await coordinator.GetAsync("/receivables/ledger?handler=Export&format=xlsx&q=" + number);
        Assert.Equal(HttpStatusCode.OK, exportStatus);
        Assert.StartsWith("PK", xlsx, StringComparison.Ordinal);

        // The invoice list: due seven working days after 09-28, overdue on 11-16, sortable and exported.
        var (invoicesStatus, invoices) = await coordinator.GetAsync("/receivables/invoices?overdue=true&sort=dueDate&dir=desc&q=FP-" + number);
        Assert.Equal(HttpStatusCode.OK, invoicesStatus);
        Assert.Contains("FP-" + number, invoices, StringComparison.Ordinal);
        Assert.Contains("2026-10-13", invoices, StringComparison.Ordinal);
        Assert.Contains("已逾期", invoices, StringComparison.Ordinal);
        Readable(invoices);
        var (invoiceExport, invoiceXlsx) = await coordinator.GetAsync("/receivables/invoices?handler=Export&format=xlsx&overdue=true");
        Assert.Equal(HttpStatusCode.OK, invoiceExport);
        Assert.StartsWith("PK", invoiceXlsx, StringComparison.Ordinal);

        // A payment shows what it settled and the method in words.
        await ApiAsync("finance", HttpMethod.Post, "/api/receivables/payments", new { customerId = customer, amountYuan = 34.56m, method = "Cheque", reference = "ZP-" + number, receivedOn = "2026-11-16" });
        var (paymentsStatus, payments) = await coordinator.GetAsync("/receivables/payments?q=ZP-" + number);
        Assert.Equal(HttpStatusCode.OK, paymentsStatus);
        Assert.Contains("支票", payments, StringComparison.Ordinal);
        Assert.Contains("¥34.56", payments, StringComparison.Ordinal);
        Readable(payments);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/receivables/payments?handler=Export&format=xlsx")).Status);

        // The technician sees their own ledger; someone of another centre does not see it.
        using var engineer = await PageClient.SignInAsync(app, "sh.eng1");
        Assert.Contains(number, (await engineer.GetAsync("/receivables/ledger")).Html, StringComparison.Ordinal);
        using var other = await PageClient.SignInAsync(app, "hz.sup");
        Assert.DoesNotContain(number, (await other.GetAsync("/receivables/ledger")).Html, StringComparison.Ordinal);

        // 49 days old on 11-16: the 31–60 bucket, in the chart's data and the table.
        using var finance = await PageClient.SignInAsync(app, "finance");
        var (agingStatus, aging) = await finance.GetAsync("/receivables/aging?asOf=2026-11-16&by=Customer");
        Assert.Equal(HttpStatusCode.OK, agingStatus);
        Assert.Contains("data-testid=\"aging-chart\"", aging, StringComparison.Ordinal);
        Assert.Contains("31–60 天", aging, StringComparison.Ordinal);
        Assert.Contains("90 天以上", aging, StringComparison.Ordinal);
        Assert.Contains("¥1,200.00", aging, StringComparison.Ordinal); // 1,234.56 less the 34.56 paid
        Readable(aging);
        var (_, english) = await finance.GetAsync("/receivables/aging?asOf=2026-11-16&by=Technician&culture=en");
        Assert.Contains("Over 90 days", english, StringComparison.Ordinal);
        Assert.Contains("Selling technician", english, StringComparison.Ordinal);
        Readable(english);
        var (agingExport, agingXlsx) = await finance.GetAsync("/receivables/aging?handler=Export&asOf=2026-11-16");
        Assert.Equal(HttpStatusCode.OK, agingExport);
        Assert.StartsWith("PK", agingXlsx, StringComparison.Ordinal);

        // A role without receivables has no entry and no page.
        using var clerk = await PageClient.SignInAsync(app, "adminclerk");
        var (clerkStatus, _) = await clerk.GetAsync("/receivables/aging");
        Assert.NotEqual(HttpStatusCode.OK, clerkStatus);
    }
}
