using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kefu.Web.Data;
using Kefu.Web.Modules.Receivables;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Kefu.Web.Tests.Modules.Receivables;

/// <summary>AR-02/AR-06 month-end statements over HTTP, on both databases: a key account's month from summary to write-off.</summary>
public abstract partial class StatementTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, string method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    private async Task<JsonNode> OkAsync(string user, string method, string url, object? body = null)
    {
        var (status, node) = await SendAsync(user, method, url, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {url} as {user}: {(int)status} {node?.ToJsonString()}");
        return node!;
    }

    private async Task<int> KeyAccountAsync(string email) =>
        (int)(await OkAsync("sh.cs", "POST", "/api/customers", new
        {
            name = Unique("月结客户"), settlement = "Monthly", paymentCycleDays = 30, contactName = "刘会计", contactEmail = email, confirmDuplicate = true,
        }))["id"]!;

    private async Task<int> ConfirmationAsync(int customer, decimal amount, string soldOn) =>
        (int)(await OkAsync("sh.coord", "POST", "/api/receivables/confirmations", new
        {
            number = Unique("SC-"), customerId = customer, technicianId = await app.StaffIdAsync("sh.eng1"), items = "硒鼓 2 个", amountYuan = amount, soldOn,
        }))["id"]!;

    private Task<int> UseSmtpAsync(int port) => app.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<PolicyStore>().SaveAsync(NotificationSettings.Key,
            new NotificationSettings { Smtp = new SmtpSettings { Enabled = true, Host = "127.0.0.1", Port = port, From = "kefu@demo.kefu.local" } }, "test");
        return 0;
    });

    private Task<int> DispatchAsync() => app.InScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));

    private static string Status(JsonNode statement) => (string)statement["status"]!;

    [ProviderFact]
    public async Task AR_02_06_a_key_accounts_month_from_summary_to_write_off_with_the_mail_the_link_a_dispute_and_the_early_warning()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await UseSmtpAsync(smtp.Port);
        app.Clock.Set(new DateTimeOffset(2026, 11, 3, 10, 0, 0, China));
        var email = Unique("ar") + "@customer.example";
        var customer = await KeyAccountAsync(email);
        await ConfirmationAsync(customer, 100.01m, "2026-10-08");
        await ConfirmationAsync(customer, 200.02m, "2026-10-20");
        await ConfirmationAsync(customer, 300.03m, "2026-10-31");
        var november = await ConfirmationAsync(customer, 9.99m, "2026-11-02");

        // Step 1: the month's confirmations not yet on a statement, exact to the fen; November's stays out.
        var preview = await OkAsync("sh.coord", "GET", $"/api/receivables/statements/preview?customerId={customer}&month=2026-10");
        Assert.Equal(600.06m, (decimal)preview["totalYuan"]!);
        Assert.Equal(3, preview["lines"]!.AsArray().Count);
        var (financeBuilds, _) = await SendAsync("finance", "POST", "/api/receivables/statements", new { customerId = customer, month = "2026-10" });
        Assert.Equal(HttpStatusCode.Forbidden, financeBuilds); // key (monthly) accounts are built by CS
        var statement = await OkAsync("sh.coord", "POST", "/api/receivables/statements", new { customerId = customer, month = "2026-10" });
        var id = (int)statement["id"]!;
        Assert.Equal(600.06m, (decimal)statement["totalYuan"]!);
        Assert.DoesNotContain(statement["lines"]!.AsArray(), l => (int)l!["confirmationId"]! == november);
        var (again, nothing) = await SendAsync("sh.coord", "POST", "/api/receivables/statements", new { customerId = customer, month = "2026-10" });
        Assert.Equal(HttpStatusCode.BadRequest, again); // every confirmation of October is on a statement now
        Assert.NotNull(nothing!["errors"]!["month"]);

        // Steps in order: finance cannot check before the manager reviewed; a return needs its reason.
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("finance", "POST", $"/api/receivables/statements/{id}/check", new { approve = true })).Status);
        var (noReason, reasonProblem) = await SendAsync("sh.sup", "POST", $"/api/receivables/statements/{id}/review", new { approve = false });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.NotNull(reasonProblem!["errors"]!["reason"]);
        Assert.Equal("Returned", Status(await OkAsync("sh.sup", "POST", $"/api/receivables/statements/{id}/review", new { approve = false, reason = "少了运费" })));
        Assert.Equal("Summarised", Status(await OkAsync("sh.coord", "POST", $"/api/receivables/statements/{id}/resubmit")));
        Assert.Equal("Reviewed", Status(await OkAsync("sh.sup", "POST", $"/api/receivables/statements/{id}/review", new { approve = true })));
        Assert.Equal("Checked", Status(await OkAsync("finance", "POST", $"/api/receivables/statements/{id}/check", new { approve = true })));

        // Sent: the mail reaches the customer's contact with the Excel and the PDF, the PDF in Chinese.
        var sent = await OkAsync("sh.coord", "POST", $"/api/receivables/statements/{id}/send", new { });
        Assert.Equal("Sent", Status(sent));
        Assert.True((bool)sent["pdfAttached"]!, "a CJK TrueType font is installed (fonts-wqy-microhei), so the PDF goes with the Excel");
        var firstToken = await MailedTokenAsync(smtp, email, id, 1, null);

        // The customer disputes through the link: back to the coordinator, who hears of it.
        using (var customerPage = PageSession.Create(app))
        {
            var html = await (await customerPage.GetAsync($"/statement/{firstToken}")).Content.ReadAsStringAsync();
            Assert.Contains("600.06", html, StringComparison.Ordinal);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Name"] = "刘会计", ["Note"] = "10-20 那笔数量不对", ["__RequestVerificationToken"] = PageSession.FormToken(html),
            });
            using var answered = await customerPage.PostAsync($"/statement/{firstToken}?handler=Dispute", form);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var disputed = await OkAsync("sh.coord", "GET", $"/api/receivables/statements/{id}");
        Assert.Equal("Returned", Status(disputed));
        Assert.Equal("10-20 那笔数量不对", (string)disputed["lastReason"]!);
        var coordinator = await app.StaffIdAsync("sh.coord");
        Assert.True(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<InboxItem>()
            .AnyAsync(i => i.UserId == coordinator && i.EventKey == "StatementDisputed")));

        // Round two: resubmitted, reviewed, checked, sent again; the customer confirms through the new link.
        await OkAsync("sh.coord", "POST", $"/api/receivables/statements/{id}/resubmit");
        await OkAsync("sh.sup", "POST", $"/api/receivables/statements/{id}/review", new { approve = true });
        await OkAsync("finance", "POST", $"/api/receivables/statements/{id}/check", new { approve = true });
        await OkAsync("sh.coord", "POST", $"/api/receivables/statements/{id}/send", new { email });
        var token = await MailedTokenAsync(smtp, email, id, 2, firstToken);
        using (var stale = PageSession.Create(app))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stale.GetAsync($"/statement/{firstToken}")).StatusCode);
        }

        using (var customerPage = PageSession.Create(app))
        {
            var html = await (await customerPage.GetAsync($"/statement/{token}")).Content.ReadAsStringAsync();
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "刘会计", ["__RequestVerificationToken"] = PageSession.FormToken(html) });
            using var answered = await customerPage.PostAsync($"/statement/{token}?handler=Confirm", form);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var confirmed = await OkAsync("sh.coord", "GET", $"/api/receivables/statements/{id}");
        Assert.Equal("Confirmed", Status(confirmed));
        Assert.Equal("刘会计", (string)confirmed["confirmedByName"]!);

        // The invoice through the invoice use case, for the total, due after the customer's 30-day cycle, linked to the statement.
        var invoiced = await OkAsync("finance", "POST", $"/api/receivables/statements/{id}/invoice", new { number = Unique("FP-"), invoiceDate = "2026-11-03" });
        Assert.Equal("Invoiced", Status(invoiced));
        var invoiceId = (int)invoiced["invoiceId"]!;
        var invoice = await OkAsync("finance", "GET", $"/api/receivables/invoices/{invoiceId}");
        Assert.Equal(600.06m, (decimal)invoice["amountYuan"]!);
        Assert.Equal("2026-12-03", (string)invoice["dueDate"]!);
        Assert.Equal("Delivered", Status(await OkAsync("finance", "POST", $"/api/receivables/statements/{id}/deliver", new { mode = "Collector", deliveredBy = "李结款" })));

        // AR-06: before the cycle runs out, the warning reaches CS (the centre supervisor) and leadership (CS manager, branch GM).
        app.Clock.Set(new DateTimeOffset(2026, 11, 28, 10, 0, 0, China));
        await app.InScopeAsync(sp => sp.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None));
        var invoiceKey = invoiceId.ToString(CultureInfo.InvariantCulture);
        var timerLink = $"/receivables/invoices/{invoiceId}";
        foreach (var person in new[] { "sh.sup", "csmgr", "east.gm" })
        {
            var userId = await app.StaffIdAsync(person);
            Assert.True(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<InboxItem>()
                .AnyAsync(i => i.UserId == userId && i.EventKey == "SlaWarning" && i.Link == timerLink)), $"{person} is warned before the due date");
        }

        // Paid in two parts; write-off waits for the last fen.
        await OkAsync("finance", "POST", "/api/receivables/payments", new { customerId = customer, amountYuan = 600m, method = "Cheque", receivedOn = "2026-11-28", allocations = new[] { new { invoiceId, amountYuan = 600m } } });
        var partial = await OkAsync("finance", "GET", $"/api/receivables/statements/{id}");
        Assert.Equal(600m, (decimal)partial["paidYuan"]!);
        Assert.Equal(0.06m, (decimal)partial["openYuan"]!);
        var (early, notPaid) = await SendAsync("finance", "POST", $"/api/receivables/statements/{id}/write-off");
        Assert.Equal(HttpStatusCode.BadRequest, early);
        Assert.NotNull(notPaid!["errors"]!["id"]);
        await OkAsync("finance", "POST", "/api/receivables/payments", new { customerId = customer, amountYuan = 0.06m, method = "Transfer", receivedOn = "2026-11-28", allocations = new[] { new { invoiceId, amountYuan = 0.06m } } });
        var closed = await OkAsync("finance", "POST", $"/api/receivables/statements/{id}/write-off");
        Assert.Equal("WrittenOff", Status(closed));
        Assert.Equal(0m, (decimal)closed["openYuan"]!);

        // The timeline: every step with who and when, in order.
        var timeline = closed["timeline"]!.AsArray();
        Assert.Equal(
            ["Build", "Return", "Resubmit", "Approve", "Check", "Send", "Dispute", "Resubmit", "Approve", "Check", "Send", "Confirm", "RecordInvoice", "Deliver", "WriteOff"],
            timeline.Select(e => (string)e!["action"]!));
        Assert.All(timeline, e => Assert.True(e!["actorId"] is not null || e["actorName"] is not null));
        Assert.Equal("刘会计", (string)timeline.Single(e => (string)e!["action"]! == "Confirm")!["actorName"]!);

        // The pages show it: detail with its lines, the list with it.
        using var pages = await PageClient.SignInAsync(app, "sh.coord");
        var (detailStatus, detail) = await pages.GetAsync($"/receivables/statements/{id}");
        Assert.Equal(HttpStatusCode.OK, detailStatus);
        Assert.Contains("¥600.06", detail, StringComparison.Ordinal);
        Assert.Contains("李结款", detail, StringComparison.Ordinal);
        var (listStatus, list) = await pages.GetAsync($"/receivables/statements?month=2026-10&status=WrittenOff");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains($"/receivables/statements/{id}", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync($"/receivables/statements/new?customerId={customer}&month=2026-11")).Status);
    }

    /// <summary>
    /// The statement mail to <paramref name="email"/> once <paramref name="count"/> have come, the one not carrying
    /// <paramref name="before"/> (a Maildir lists in no order): Excel and PDF attached, the PDF's text Chinese; returns the link's token.
    /// </summary>
    private async Task<string> MailedTokenAsync(SmtpSink smtp, string email, int id, int count, string? before)
    {
        await DispatchAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<MimeMessage> mails;
        while (true)
        {
            mails = smtp.Messages().Select(raw => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw))))
                .Where(m => m.To.Mailboxes.Any(b => b.Address == email) && m.Headers["X-Kefu-Event"] == StatementUseCases.MailEvent).ToList();
            if (mails.Count >= count || DateTime.UtcNow > deadline)
            {
                break;
            }

            await smtp.WaitForMessagesAsync(smtp.Messages().Count + 1, TimeSpan.FromSeconds(2));
        }

        Assert.Equal(count, mails.Count);
        var mail = mails.Single(m => before is null || !(m.TextBody ?? "").Contains(before, StringComparison.Ordinal));
        var files = mail.Attachments.OfType<MimePart>().ToDictionary(a => a.FileName ?? "", a => a);
        Assert.Contains($"statement-{id}-2026-10.xlsx", files.Keys);
        Assert.Contains($"statement-{id}-2026-10.pdf", files.Keys);
        var pdf = Path.Combine(Path.GetTempPath(), $"kefu-statement-{Guid.NewGuid():N}.pdf");
        await using (var output = File.Create(pdf))
        {
            await files[$"statement-{id}-2026-10.pdf"].Content!.DecodeToAsync(output);
        }

        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(pdf);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Contains("对账单", text, StringComparison.Ordinal);
            Assert.Contains("硒鼓", text, StringComparison.Ordinal);
            Assert.Contains("¥600.06", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pdf);
        }

        var link = LinkPattern().Match(mail.TextBody ?? "");
        Assert.True(link.Success, "the mail carries the confirmation link");
        return link.Groups[1].Value;
    }

    [GeneratedRegex(@"/statement/([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    [ProviderFact]
    public async Task AR_06_withdrawal_frees_the_lines_cs_records_a_dispute_other_centres_get_404_and_bad_input_400()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 3, 10, 0, 0, China));
        var customer = await KeyAccountAsync(Unique("w") + "@customer.example");
        await ConfirmationAsync(customer, 50m, "2026-09-10");
        var id = (int)(await OkAsync("sh.coord", "POST", "/api/receivables/statements", new { customerId = customer, month = "2026-09" }))["id"]!;

        // Another centre neither sees nor acts on it.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", "GET", $"/api/receivables/statements/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", "POST", $"/api/receivables/statements/{id}/review", new { approve = true })).Status);
        var hzList = await OkAsync("hz.sup", "GET", "/api/receivables/statements?pageSize=200");
        Assert.DoesNotContain(hzList["items"]!.AsArray(), s => (int)s!["id"]! == id);
        using (var hzPages = await PageClient.SignInAsync(app, "hz.sup"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await hzPages.GetAsync($"/receivables/statements/{id}")).Status);
        }

        // Bad input names its field.
        foreach (var (body, field) in new (object, string)[]
        {
            (new { customerId = customer, month = "2026-13" }, "month"),
            (new { month = "2026-09" }, "customerId"),
            (new { customerId = customer, month = "2099-01" }, "month"),
        })
        {
            var (status, problem) = await SendAsync("sh.coord", "POST", "/api/receivables/statements", body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.NotNull(problem!["errors"]![field]);
        }

        var (noApprove, approveProblem) = await SendAsync("sh.sup", "POST", $"/api/receivables/statements/{id}/review", new { reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noApprove);
        Assert.NotNull(approveProblem!["errors"]!["approve"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.coord", "GET", "/api/receivables/statements?month=09-2026")).Status);

        // CS records the customer's dispute (naming who) once the statement is out; it returns to the builder.
        await OkAsync("sh.sup", "POST", $"/api/receivables/statements/{id}/review", new { approve = true });
        await OkAsync("finance", "POST", $"/api/receivables/statements/{id}/check", new { approve = true });
        var (noEmailStatus, noEmail) = await SendAsync("sh.coord", "POST", $"/api/receivables/statements/{id}/send", new { email = "not-an-address" });
        Assert.Equal(HttpStatusCode.BadRequest, noEmailStatus);
        Assert.NotNull(noEmail!["errors"]!["email"]);
        await OkAsync("sh.coord", "POST", $"/api/receivables/statements/{id}/send", new { });
        var (noNote, noteProblem) = await SendAsync("sh.coord", "POST", $"/api/receivables/statements/{id}/dispute", new { by = "王经理" });
        Assert.Equal(HttpStatusCode.BadRequest, noNote);
        Assert.NotNull(noteProblem!["errors"]!["note"]);
        var disputed = await OkAsync("sh.coord", "POST", $"/api/receivables/statements/{id}/dispute", new { by = "王经理", note = "九月已付过一部分" });
        Assert.Equal("Returned", Status(disputed));

        // Withdrawn with a reason: kept, its line free for a new statement of the same month.
        var (noReason, _) = await SendAsync("sh.coord", "POST", $"/api/receivables/statements/{id}/withdraw", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        var withdrawn = await OkAsync("sh.coord", "POST", $"/api/receivables/statements/{id}/withdraw", new { reason = "金额需重新核对" });
        Assert.Equal("Withdrawn", Status(withdrawn));
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync("sh.sup", "POST", $"/api/receivables/statements/{id}/review", new { approve = true })).Status);
        var again = await OkAsync("sh.coord", "POST", "/api/receivables/statements", new { customerId = customer, month = "2026-09" });
        Assert.Equal(50m, (decimal)again["totalYuan"]!);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.coord", "GET", $"/api/receivables/statements/{id}")).Status);
    }
}

public sealed class StatementTestsOnSqlite(SqliteClockApp app) : StatementTests(app), IClassFixture<SqliteClockApp>;

public sealed class StatementTestsOnPostgres(PostgresClockApp app) : StatementTests(app), IClassFixture<PostgresClockApp>;
