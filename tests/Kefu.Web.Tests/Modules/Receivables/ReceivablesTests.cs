using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Modules.Performance;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Receivables;

/// <summary>AR-01, 03, 05, 06, 08 over HTTP, on both databases: ledger → invoice → payment → aging, allocation, extension, fines, scope.</summary>
public abstract class ReceivablesTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    private async Task<JsonNode> OkAsync(string user, HttpMethod method, string url, object? body = null)
    {
        var (status, node) = await SendAsync(user, method, url, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {url} as {user}: {(int)status} {node?.ToJsonString()}");
        return node!;
    }

    private async Task<int> CustomerAsync() =>
        (int)(await OkAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = Unique("应收客户"), confirmDuplicate = true }))["id"]!;

    private async Task<JsonNode> ConfirmationAsync(int customer, decimal amount, string soldOn) =>
        await OkAsync("sh.coord", HttpMethod.Post, "/api/receivables/confirmations", new
        {
            number = Unique("SC-"), customerId = customer, technicianId = await app.StaffIdAsync("sh.eng1"), items = "硒鼓 2 个", amountYuan = amount, soldOn,
        });

    private async Task<JsonNode> InvoiceAsync(int customer, decimal amount, string date, int? confirmation = null) =>
        await OkAsync("sh.coord", HttpMethod.Post, "/api/receivables/invoices", new
        {
            number = Unique("FP-"), customerId = customer, confirmationId = confirmation, amountYuan = amount, invoiceDate = date, settlement = "Retail",
        });

    [ProviderFact]
    public async Task AR_01_03_08_confirmation_then_invoice_then_partial_payment_then_aging_as_of_two_dates()
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 28, 10, 0, 0, China));
        var customer = await CustomerAsync();

        // AR-01: registered by number; the number is unique, bad input names its field.
        var confirmation = await ConfirmationAsync(customer, 300m, "2026-09-28");
        var number = (string)confirmation["number"]!;
        var (duplicate, _) = await SendAsync("sh.coord", HttpMethod.Post, "/api/receivables/confirmations", new
        {
            number, customerId = customer, technicianId = await app.StaffIdAsync("sh.eng1"), items = "再次登记", amountYuan = 1m,
        });
        Assert.Equal(HttpStatusCode.Conflict, duplicate);
        var (bad, problem) = await SendAsync("sh.coord", HttpMethod.Post, "/api/receivables/confirmations", new
        {
            number = " ", customerId = customer, technicianId = await app.StaffIdAsync("sh.eng1"), items = "x", amountYuan = 1.005m,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(problem!["errors"]!["number"]);
        Assert.NotNull(problem["errors"]!["amountYuan"]);

        // AR-03: a retail invoice on 09-28 is due seven working days later across National Day: 10-13.
        var invoice = await InvoiceAsync(customer, 300m, "2026-09-28", (int)confirmation["id"]!);
        Assert.Equal("2026-10-13", (string)invoice["dueDate"]!);
        var invoiceId = (int)invoice["id"]!;
        var timer = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .SingleAsync(t => t.RecordType == "Invoice" && t.RecordId == invoiceId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("AR-03", timer.Rule);
        Assert.Equal(new DateOnly(2026, 10, 13), DateOnly.FromDateTime(SlaService.Utc(timer.DueAt).ToOffset(China).DateTime));
        Assert.True(timer.WarnAt < timer.DueAt, "the clock warns before the due date passes");

        // Finance records a partial payment on 11-15; the rest stays open.
        app.Clock.Set(new DateTimeOffset(2026, 11, 15, 10, 0, 0, China));
        var payment = await OkAsync("finance", HttpMethod.Post, "/api/receivables/payments", new { customerId = customer, amountYuan = 100m, method = "Transfer", receivedOn = "2026-11-15" });
        Assert.Equal(100m, (decimal)payment["allocatedYuan"]!);
        var after = await OkAsync("sh.coord", HttpMethod.Get, $"/api/receivables/invoices/{invoiceId}");
        Assert.Equal(200m, (decimal)after["openYuan"]!);

        // The technician's sales ledger shows the confirmation as still open.
        var ledger = await OkAsync("sh.eng1", HttpMethod.Get, "/api/receivables/confirmations?open=true&pageSize=200");
        var line = ledger["items"]!.AsArray().Single(i => (string)i!["number"]! == number)!;
        Assert.Equal(100m, (decimal)line["paidYuan"]!);
        Assert.Equal(200m, (decimal)line["openYuan"]!);

        // AR-08: as of 11-15 the 200 open is 48 days old (31–60); as of 10-20, before the payment, 300 is 22 days old.
        var aging = await OkAsync("finance", HttpMethod.Get, "/api/receivables/aging?asOf=2026-11-15&by=Customer");
        var row = aging["rows"]!.AsArray().Single(r => ((string)r!["group"]!).StartsWith("应收客户", StringComparison.Ordinal) && (decimal)r["totalYuan"]! == 200m)!;
        Assert.Equal([0m, 200m, 0m, 0m], row["bucketsYuan"]!.AsArray().Select(b => (decimal)b!));
        var earlier = await OkAsync("finance", HttpMethod.Get, "/api/receivables/aging?asOf=2026-10-20&by=Technician");
        var tech = earlier["rows"]!.AsArray().Single(r => (string)r!["group"]! == "沈工程师一")!;
        Assert.True((decimal)tech["bucketsYuan"]![0]! >= 300m);
        var (badDate, dateProblem) = await SendAsync("finance", HttpMethod.Get, "/api/receivables/aging?asOf=3026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, badDate);
        Assert.NotNull(dateProblem!["errors"]!["asOf"]);
    }

    [ProviderFact]
    public async Task AR_06_one_payment_over_three_invoices_oldest_first_with_the_remainder_as_credit_then_reversed()
    {
        app.Clock.Set(new DateTimeOffset(2026, 10, 20, 10, 0, 0, China));
        var customer = await CustomerAsync();
        var third = (int)(await InvoiceAsync(customer, 300.03m, "2026-10-12"))["id"]!;
        var first = (int)(await InvoiceAsync(customer, 100.01m, "2026-10-08"))["id"]!;
        var second = (int)(await InvoiceAsync(customer, 200.02m, "2026-10-09"))["id"]!;

        // Told too much for one invoice: refused, naming the line, and nothing is saved.
        var (refused, problem) = await SendAsync("finance", HttpMethod.Post, "/api/receivables/payments", new
        {
            customerId = customer, amountYuan = 650.10m, method = "Cheque", allocations = new[] { new { invoiceId = first, amountYuan = 100.02m } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.NotNull(problem!["errors"]!["allocations[0].amountYuan"]);
        Assert.Equal(0, (int)(await OkAsync("finance", HttpMethod.Get, $"/api/receivables/payments?customerId={customer}"))["total"]!);

        var payment = await OkAsync("finance", HttpMethod.Post, "/api/receivables/payments", new { customerId = customer, amountYuan = 650.10m, method = "Cheque", reference = "支票 0012" });
        Assert.Equal([(first, 100.01m), (second, 200.02m), (third, 300.03m)],
            payment["allocations"]!.AsArray().Select(a => ((int)a!["invoiceId"]!, (decimal)a["amountYuan"]!)));
        Assert.Equal(50.04m, (decimal)payment["unallocatedYuan"]!);
        foreach (var id in new[] { first, second, third })
        {
            Assert.Equal(0m, (decimal)(await OkAsync("finance", HttpMethod.Get, $"/api/receivables/invoices/{id}"))["openYuan"]!);
        }

        // AR-08 of the past: the day before the payment the three settled invoices were open, each an item of its own.
        var name = (string)(await OkAsync("finance", HttpMethod.Get, $"/api/customers/{customer}"))["name"]!;
        var before = (await OkAsync("finance", HttpMethod.Get, "/api/receivables/aging?asOf=2026-10-19&by=Customer"))["rows"]!.AsArray().Single(r => (string)r!["group"]! == name)!;
        Assert.Equal(600.06m, (decimal)before["totalYuan"]!);
        Assert.Equal(3, (int)before["items"]!);
        var today = (await OkAsync("finance", HttpMethod.Get, "/api/receivables/aging?asOf=2026-10-20&by=Customer"))["rows"]!.AsArray();
        Assert.DoesNotContain(today, r => (string)r!["group"]! == name);

        var stopped = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .CountAsync(t => t.RecordType == "Invoice" && (t.RecordId == first.ToString() || t.RecordId == second.ToString() || t.RecordId == third.ToString()) && t.Status == TimerStatus.Stopped));
        Assert.Equal(3, stopped);

        // Reversal: negative entries, the invoices open again, nothing deleted.
        var reversed = await OkAsync("finance", HttpMethod.Post, $"/api/receivables/payments/{(int)payment["id"]!}/reverse", new { reason = "支票退票" });
        Assert.Equal(6, reversed["allocations"]!.AsArray().Count);
        Assert.Equal(0m, (decimal)reversed["allocatedYuan"]!);
        Assert.Equal(300.03m, (decimal)(await OkAsync("finance", HttpMethod.Get, $"/api/receivables/invoices/{third}"))["openYuan"]!);
        var (again, _) = await SendAsync("finance", HttpMethod.Post, $"/api/receivables/payments/{(int)payment["id"]!}/reverse", new { reason = "再冲" });
        Assert.Equal(HttpStatusCode.Conflict, again);

        // Open again, so each due-date clock runs again, to the same due date as the first one.
        var timers = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == "Invoice" && (t.RecordId == first.ToString() || t.RecordId == second.ToString() || t.RecordId == third.ToString()))
            .Select(t => new { t.RecordId, t.Status, t.DueAt }).ToListAsync());
        foreach (var byInvoice in timers.GroupBy(t => t.RecordId))
        {
            Assert.Single(byInvoice, t => t.Status == TimerStatus.Stopped);
            var running = Assert.Single(byInvoice, t => t.Status != TimerStatus.Stopped);
            Assert.Equal(byInvoice.Single(t => t.Status == TimerStatus.Stopped).DueAt, running.DueAt);
        }

        // The running total each invoice keeps equals the sum of its allocation entries, after payment and reversal.
        var totals = await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var ids = new[] { first, second, third };
            var kept = await db.Set<Kefu.Web.Modules.Receivables.Invoice>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.PaidFen);
            var summed = await db.Set<Kefu.Web.Modules.Receivables.PaymentAllocation>().AsNoTracking().Where(a => ids.Contains(a.InvoiceId))
                .GroupBy(a => a.InvoiceId).Select(g => new { g.Key, Fen = g.Sum(a => a.AmountFen) }).ToDictionaryAsync(g => g.Key, g => g.Fen);
            return (kept, summed);
        });
        Assert.Equal(totals.summed.OrderBy(p => p.Key), totals.kept.OrderBy(p => p.Key));
    }

    [ProviderFact]
    public async Task AR_05_an_extension_goes_through_the_engine_and_moves_the_due_date_and_an_omission_is_a_fine_on_the_ledger()
    {
        app.Clock.Set(new DateTimeOffset(2026, 10, 20, 10, 0, 0, China));
        var customer = await CustomerAsync();
        var confirmation = (int)(await ConfirmationAsync(customer, 500m, "2026-09-01"))["id"]!;
        var invoice = (int)(await InvoiceAsync(customer, 500m, "2026-09-01", confirmation))["id"]!;

        var (early, notLater) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/receivables/invoices/{invoice}/extensions", new { requestedDueDate = "2026-09-02", reason = "客户资金周转" });
        Assert.Equal(HttpStatusCode.BadRequest, early);
        Assert.Equal("AR-05", (string)notLater!["rule"]!);

        var request = await OkAsync("sh.eng1", HttpMethod.Post, $"/api/receivables/invoices/{invoice}/extensions", new { requestedDueDate = "2026-11-30", reason = "客户资金周转" });
        Assert.Equal("Pending", (string)request["status"]!);
        Assert.Equal("dept-manager", (string)request["currentStepKey"]!);
        var people = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [await app.StaffIdAsync("csmgr")] = "csmgr",
            [await app.StaffIdAsync("gm")] = "gm",
        };
        var id = (int)request["id"]!;
        foreach (var step in new[] { "dept-manager", "gm-office" })
        {
            var current = await OkAsync("sh.coord", HttpMethod.Get, $"/api/receivables/extensions/{id}");
            Assert.Equal(step, (string)current["currentStepKey"]!);
            await OkAsync(people[(string)current["currentApproverId"]!], HttpMethod.Post, $"/api/receivables/extensions/{id}/decision", new { stepKey = step, action = "Approve" });
        }

        Assert.Equal("Approved", (string)(await OkAsync("sh.coord", HttpMethod.Get, $"/api/receivables/extensions/{id}"))["status"]!);
        Assert.Equal("2026-11-30", (string)(await OkAsync("sh.coord", HttpMethod.Get, $"/api/receivables/invoices/{invoice}"))["extendedTo"]!);
        var running = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking()
            .SingleAsync(t => t.RecordType == "Invoice" && t.RecordId == invoice.ToString() && t.Status == TimerStatus.Running));
        Assert.Equal(new DateOnly(2026, 12, 1), DateOnly.FromDateTime(SlaService.Utc(running.DueAt).ToOffset(China).DateTime));

        // Not overdue any more: no omission fine. Past the new date, the technician's omission is fined once.
        var (notOverdue, _) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/receivables/invoices/{invoice}/omission-fine", new { note = "漏登记" });
        Assert.Equal(HttpStatusCode.BadRequest, notOverdue);
        app.Clock.Set(new DateTimeOffset(2026, 12, 2, 10, 0, 0, China));
        Assert.Equal(1, (int)(await OkAsync("sh.sup", HttpMethod.Post, $"/api/receivables/invoices/{invoice}/omission-fine", new { note = "漏登记销售台账" }))["recorded"]!);
        var (twice, _) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/receivables/invoices/{invoice}/omission-fine", new { note = "再罚" });
        Assert.Equal(HttpStatusCode.Conflict, twice);
        var engineer = await app.StaffIdAsync("sh.eng1");
        var fine = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<LedgerEntry>().AsNoTracking()
            .SingleAsync(e => e.PersonId == engineer && e.RuleId == "AR-05" && e.EvidenceId == invoice.ToString()));
        Assert.Equal(-5000, fine.AmountFen);
        Assert.Equal("Invoice", fine.EvidenceType);
    }

    [ProviderFact]
    public async Task AR_a_centre_sees_only_its_customers_items_and_finance_sees_all()
    {
        app.Clock.Set(new DateTimeOffset(2026, 10, 20, 10, 0, 0, China));
        var customer = await CustomerAsync();
        var confirmation = (int)(await ConfirmationAsync(customer, 80m, "2026-10-19"))["id"]!;
        var invoice = (int)(await InvoiceAsync(customer, 80m, "2026-10-19", confirmation))["id"]!;
        var payment = (int)(await OkAsync("finance", HttpMethod.Post, "/api/receivables/payments", new { customerId = customer, amountYuan = 80m, method = "Cash" }))["id"]!;

        foreach (var url in new[] { $"/api/receivables/confirmations/{confirmation}", $"/api/receivables/invoices/{invoice}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, url)).Status);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync("finance", HttpMethod.Get, url)).Status);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.sup", HttpMethod.Get, url)).Status);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/receivables/confirmations/{confirmation}/reverse", new { reason = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, $"/api/receivables/payments/{payment}")).Status);
        var (other, problem) = await SendAsync("hz.sup", HttpMethod.Post, "/api/receivables/invoices", new { number = Unique("FP-"), customerId = customer, amountYuan = 1m });
        Assert.Equal(HttpStatusCode.BadRequest, other);
        Assert.NotNull(problem!["errors"]!["customerId"]);
        var list = await OkAsync("hz.sup", HttpMethod.Get, "/api/receivables/invoices?pageSize=200");
        Assert.DoesNotContain(list["items"]!.AsArray(), i => (int)i!["id"]! == invoice);
    }
}

public sealed class ReceivablesTestsOnSqlite(SqliteClockApp app) : ReceivablesTests(app), IClassFixture<SqliteClockApp>;

public sealed class ReceivablesTestsOnPostgres(PostgresClockApp app) : ReceivablesTests(app), IClassFixture<PostgresClockApp>;
