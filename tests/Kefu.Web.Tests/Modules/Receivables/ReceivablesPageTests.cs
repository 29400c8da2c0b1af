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

    [Fact]
    public async Task AR_01_03_06_the_coordinator_registers_and_invoices_on_forms_and_finance_records_applies_and_reverses_a_payment()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        var customer = (int)(await ApiAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "表单客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true }))["id"]!;
        var engineer = await app.StaffIdAsync("sh.eng1");
        var number = "SC-F" + Guid.NewGuid().ToString("N")[..6];
        using var coordinator = await PageClient.SignInAsync(app, "sh.coord");

        // The list offers the form to the coordinator; the form lists the centre's technicians.
        var (ledgerStatus, ledger) = await coordinator.GetAsync("/receivables/ledger");
        Assert.Equal(HttpStatusCode.OK, ledgerStatus);
        Assert.Contains("href=\"/receivables/confirmations/new\"", ledger, StringComparison.Ordinal);
        var (formStatus, form) = await coordinator.GetAsync($"/receivables/confirmations/new?customerId={customer}");
        Assert.Equal(HttpStatusCode.OK, formStatus);
        Assert.Contains(engineer, form, StringComparison.Ordinal);
        Readable(form);

        // A bad amount is named on the form and nothing is registered.
        var fields = new Dictionary<string, string>
        {
            ["Input.Number"] = number, ["Input.CustomerId"] = customer.ToString(), ["Input.TechnicianId"] = engineer, ["Input.Items"] = "复印机 1 台",
            ["Input.AmountYuan"] = "12.345", ["Input.SoldOn"] = "2026-11-18",
        };
        using (var refused = await coordinator.PostFormAsync("/receivables/confirmations/new", "/receivables/confirmations/new", fields))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("请填写大于 0 的金额，最多两位小数。", html, StringComparison.Ordinal);
            Readable(html);
        }

        Assert.Equal(0, (int)(await ApiAsync("sh.coord", HttpMethod.Get, $"/api/receivables/confirmations?q={number}"))["total"]!);
        fields["Input.AmountYuan"] = "800.50";
        using (var registered = await coordinator.PostFormAsync("/receivables/confirmations/new", "/receivables/confirmations/new", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
            var (_, after) = await coordinator.GetAsync(registered.Headers.Location!.OriginalString);
            Assert.Contains(number, after, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"notice\"", after, StringComparison.Ordinal);
        }

        // The same number again is refused on the form.
        using (var twice = await coordinator.PostFormAsync("/receivables/confirmations/new", "/receivables/confirmations/new", fields))
        {
            Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
            Assert.Contains("该确认书编号已登记过。", System.Net.WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // The invoice form offers the customer's confirmation with what is left to invoice.
        var confirmationId = (int)(await ApiAsync("sh.coord", HttpMethod.Get, $"/api/receivables/confirmations?q={number}"))["items"]![0]!["id"]!;
        var (invoiceFormStatus, invoiceForm) = await coordinator.GetAsync($"/receivables/invoices/new?confirmationId={confirmationId}");
        Assert.Equal(HttpStatusCode.OK, invoiceFormStatus);
        Assert.Contains("¥800.50", invoiceForm, StringComparison.Ordinal);
        Readable(invoiceForm);
        var invoiceNumber = "FP-" + number;
        using (var invoiced = await coordinator.PostFormAsync($"/receivables/invoices/new?customerId={customer}", "/receivables/invoices/new", new Dictionary<string, string>
        {
            ["Input.CustomerId"] = customer.ToString(), ["Input.Number"] = invoiceNumber, ["Input.InvoiceDate"] = "2026-11-19", ["Input.ConfirmationId"] = confirmationId.ToString(),
            ["Input.AmountYuan"] = "800.50", ["Input.Settlement"] = "Retail",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, invoiced.StatusCode);
        }

        var invoice = (await ApiAsync("finance", HttpMethod.Get, $"/api/receivables/invoices?q={invoiceNumber}"))["items"]![0]!;
        Assert.Equal(800.50m, (decimal)invoice["openYuan"]!);

        // A technician may not record payments.
        using var technician = await PageClient.SignInAsync(app, "sh.eng1");
        Assert.NotEqual(HttpStatusCode.OK, (await technician.GetAsync("/receivables/payments/new")).Status);

        // Finance: the customer's open invoice on the form, a line over what is open is named on that line, then 300.25 applied to it.
        using var finance = await PageClient.SignInAsync(app, "finance");
        var (paymentFormStatus, paymentForm) = await finance.GetAsync($"/receivables/payments/new?customerId={customer}");
        Assert.Equal(HttpStatusCode.OK, paymentFormStatus);
        Assert.Contains(invoiceNumber, paymentForm, StringComparison.Ordinal);
        Readable(paymentForm);
        var payment = new Dictionary<string, string>
        {
            ["Input.CustomerId"] = customer.ToString(), ["Input.AmountYuan"] = "900.00", ["Input.ReceivedOn"] = "2026-11-20", ["Input.Method"] = "Cheque",
            ["Input.Reference"] = "ZP-" + number, ["Input.Allocations[0].InvoiceId"] = ((int)invoice["id"]!).ToString(), ["Input.Allocations[0].AmountYuan"] = "850.00",
        };
        using (var over = await finance.PostFormAsync($"/receivables/payments/new?customerId={customer}", "/receivables/payments/new", payment))
        {
            Assert.Equal(HttpStatusCode.OK, over.StatusCode);
            var html = System.Net.WebUtility.HtmlDecode(await over.Content.ReadAsStringAsync());
            Assert.Contains("分配金额超过了该发票的未收金额。", html, StringComparison.Ordinal);
        }

        Assert.Equal(0, (int)(await ApiAsync("finance", HttpMethod.Get, $"/api/receivables/payments?customerId={customer}"))["total"]!);
        payment["Input.Allocations[0].AmountYuan"] = "300.25";
        string detail;
        using (var recorded = await finance.PostFormAsync($"/receivables/payments/new?customerId={customer}", "/receivables/payments/new", payment))
        {
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
            detail = recorded.Headers.Location!.OriginalString.Split('?')[0];
        }

        var (detailStatus, detailHtml) = await finance.GetAsync(detail);
        Assert.Equal(HttpStatusCode.OK, detailStatus);
        Assert.Contains(invoiceNumber, detailHtml, StringComparison.Ordinal);
        Assert.Contains("¥599.75", detailHtml, StringComparison.Ordinal); // 900.00 less 300.25: the credit
        Assert.Contains("回款已登记。", System.Net.WebUtility.HtmlDecode((await finance.GetAsync(detail + "?recorded=true")).Html), StringComparison.Ordinal);
        Readable(detailHtml);
        Assert.Equal(500.25m, (decimal)(await ApiAsync("finance", HttpMethod.Get, $"/api/receivables/invoices/{(int)invoice["id"]!}"))["openYuan"]!);

        // The credit applied oldest first settles the invoice; the reversal needs a reason and opens it again.
        using (var applied = await finance.PostFormAsync(detail, detail + "?handler=Allocate", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        }

        Assert.Equal(0m, (decimal)(await ApiAsync("finance", HttpMethod.Get, $"/api/receivables/invoices/{(int)invoice["id"]!}"))["openYuan"]!);
        using (var noReason = await finance.PostFormAsync(detail, detail + "?handler=Reverse", new Dictionary<string, string> { ["Reason"] = " " }))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.Contains("field-validation-error", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var reversed = await finance.PostFormAsync(detail, detail + "?handler=Reverse", new Dictionary<string, string> { ["Reason"] = "支票退票" }))
        {
            Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
            Assert.Contains("回款已冲销。", System.Net.WebUtility.HtmlDecode(await reversed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(800.50m, (decimal)(await ApiAsync("finance", HttpMethod.Get, $"/api/receivables/invoices/{(int)invoice["id"]!}"))["openYuan"]!);
        var (_, english) = await finance.GetAsync(detail + "?culture=en");
        Assert.Contains("Reversed", english, StringComparison.Ordinal);
        Readable(english);
    }

    [Fact]
    public async Task AR_05_the_invoice_page_shows_its_history_and_takes_an_extension_request_and_an_omission_fine()
    {
        app.Clock.Set(new DateTimeOffset(2026, 10, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        var customer = (int)(await ApiAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "发票页客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true }))["id"]!;
        var number = "SC-D" + Guid.NewGuid().ToString("N")[..6];
        var confirmation = await ApiAsync("sh.coord", HttpMethod.Post, "/api/receivables/confirmations", new
        {
            number, customerId = customer, technicianId = await app.StaffIdAsync("sh.eng1"), items = "扫描仪 1 台", amountYuan = 500m, soldOn = "2026-09-01",
        });
        var invoice = (int)(await ApiAsync("sh.coord", HttpMethod.Post, "/api/receivables/invoices", new { number = "FP-" + number, confirmationId = (int)confirmation["id"]!, invoiceDate = "2026-09-01", settlement = "Retail" }))["id"]!;
        await ApiAsync("finance", HttpMethod.Post, "/api/receivables/payments", new { customerId = customer, amountYuan = 100m, method = "Transfer", receivedOn = "2026-10-20" });
        var page = $"/receivables/invoices/{invoice}";

        // The technician sees the invoice, its payment on the history and the extension form, not the fine.
        using var engineer = await PageClient.SignInAsync(app, "sh.eng1");
        var (status, html) = await engineer.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, status);
        html = System.Net.WebUtility.HtmlDecode(html);
        Assert.Contains("FP-" + number, html, StringComparison.Ordinal);
        Assert.Contains("回款 ¥100.00", html, StringComparison.Ordinal);
        Assert.Contains("¥400.00", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"extension-form\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"fine-form\"", html, StringComparison.Ordinal);
        Readable(html);

        // A date not later than the due date is refused next to its field; nothing goes for approval.
        using (var refused = await engineer.PostFormAsync(page, page + "?handler=Extension", new Dictionary<string, string>
        {
            ["Extension.RequestedDueDate"] = "2026-09-02", ["Extension.Reason"] = "客户资金周转",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("申请的回款日期须晚于当前到期日。", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var sent = await engineer.PostFormAsync(page, page + "?handler=Extension", new Dictionary<string, string>
        {
            ["Extension.RequestedDueDate"] = "2026-11-30", ["Extension.Reason"] = "客户资金周转",
        }))
        {
            var after = System.Net.WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());
            Assert.Contains("延期申请已提交审批。", after, StringComparison.Ordinal);
            Assert.Contains("申请延期至 2026-11-30", after, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"extension-form\"", after, StringComparison.Ordinal);
        }

        // The supervisor records the omission of the overdue invoice as a fine; it shows on the history, once.
        using var supervisor = await PageClient.SignInAsync(app, "sh.sup");
        using (var fined = await supervisor.PostFormAsync(page, page + "?handler=Fine", new Dictionary<string, string> { ["FineNote"] = "漏登记销售台账" }))
        {
            var after = System.Net.WebUtility.HtmlDecode(await fined.Content.ReadAsStringAsync());
            Assert.Contains("罚款已记入绩效台账。", after, StringComparison.Ordinal);
            Assert.Contains("沈工程师一 因遗漏被罚款", after, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"fine-form\"", after, StringComparison.Ordinal);
            Readable(after);
        }

        // The technician cannot post the fine form; another centre does not find the invoice.
        using (var forbidden = await engineer.PostFormAsync(page, page + "?handler=Fine", new Dictionary<string, string> { ["FineNote"] = "x" }))
        {
            Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
        }

        using var otherCentre = await PageClient.SignInAsync(app, "bj.sup");
        Assert.Equal(HttpStatusCode.NotFound, (await otherCentre.GetAsync(page)).Status);
        var (_, english) = await engineer.GetAsync(page + "?culture=en");
        Assert.Contains("Extension to 2026-11-30 requested", System.Net.WebUtility.HtmlDecode(english), StringComparison.Ordinal);
    }
}
