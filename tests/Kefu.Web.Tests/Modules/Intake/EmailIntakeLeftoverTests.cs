using System.Net;
using Kefu.Web.Data;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Intake;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Tests.Infrastructure;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Kefu.Web.Tests.Modules.Intake;

/// <summary>A second Kefu node on the first app's PostgreSQL database (<see cref="KefuFactory.StartAsNodeOf"/>), started by a test.</summary>
public sealed class SecondIntakeNode() : IntakeApp(DatabaseKind.Postgres);

/// <summary>
/// Issue 19's remaining cases on the same fixtures: messages that cannot be read whole, a folder
/// renumbered by a new UIDVALIDITY, two nodes polling at once, the repair-job conversion, the
/// discard reason and the mailbox state on the health page.
/// </summary>
public abstract partial class EmailIntakeTests
{
    [ProviderFact]
    public async Task ORD_01_a_malformed_message_and_one_over_the_size_limit_each_become_one_item_with_what_could_be_read()
    {
        var setup = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var brokenId = $"{Guid.NewGuid():N}@customer.example";
        // A multipart cut off in its attachment: no closing boundary, the base64 stops mid-file.
        var broken = $"""
            From: Buyer <{setup.CustomerEmail}>
            To: service@kefu.example
            Subject: 设备故障 {tag}
            Message-ID: <{brokenId}>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="kefu-broken"

            --kefu-broken
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            设备不能开机，请派人维修。
            --kefu-broken
            Content-Type: application/pdf; name="report.pdf"
            Content-Disposition: attachment; filename="report.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQKJeLjz9MKMSAwIG9iago8PC9UeXBlL0NhdGFsb2cvUGFnZXMgMiAwIFI+Pgpl
            """.Replace("\n", "\r\n", StringComparison.Ordinal);
        await AppendRawAsync("INBOX", broken, at);
        var hugeId = await DeliverAsync(setup.CustomerEmail, $"大附件 {tag}", new string('很', 30_000), at);

        await PollAsync();
        await PollAsync();

        var items = await ItemsAsync(tag);
        Assert.Equal(2, items.Count);
        var malformed = Assert.Single(items, i => i.MessageId == brokenId);
        Assert.Equal("Malformed", malformed.Problem);
        Assert.Contains("设备不能开机", malformed.Body, StringComparison.Ordinal);
        Assert.Equal(setup.CustomerId, malformed.CustomerId);
        Assert.Equal(at.UtcDateTime, malformed.ReceivedAt, TimeSpan.FromSeconds(1));
        var huge = Assert.Single(items, i => i.MessageId == hugeId);
        Assert.Equal("TooLarge", huge.Problem);
        Assert.Equal($"大附件 {tag}", huge.Subject);
        Assert.Equal(setup.CustomerId, huge.CustomerId);
        Assert.Equal("", huge.Body);
        var ids = new[] { brokenId, hugeId };
        Assert.Equal(2, await App.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<MailMessage>().CountAsync(m => ids.Contains(m.MessageId))));
    }

    [ProviderFact]
    public async Task ORD_01_a_new_UIDVALIDITY_reads_the_folder_again_without_taking_a_message_twice()
    {
        var setup = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var folder = $"Intake-{tag}";
        using (var imap = await ImapAsync())
        {
            await imap.GetFolder(imap.PersonalNamespaces[0]).CreateAsync(folder, true);
            await imap.DisconnectAsync(true);
        }

        var mailbox = TestMailbox($"uv-{tag}", setup) with { Folder = folder };
        var restore = await AddMailboxesAsync(mailbox);
        try
        {
            var at = DateTimeOffset.UtcNow.AddMinutes(-5);
            var first = await AppendAsync(folder, setup.CustomerEmail, $"第一封 {tag}", at);
            var second = await AppendAsync(folder, setup.CustomerEmail, $"第二封 {tag}", at);
            await PollAsync();
            Assert.Equal(2, (await ItemsAsync(tag)).Count);
            var before = await StateAsync(mailbox.Key);

            // The folder is made again (renamed away, created anew, its messages copied back): the server gives it a new UIDVALIDITY and UIDs from 1.
            using (var imap = await ImapAsync())
            {
                var old = await imap.GetFolderAsync(folder);
                await old.RenameAsync(old.ParentFolder!, $"Old-{tag}");
                var fresh = (await imap.GetFolder(imap.PersonalNamespaces[0]).CreateAsync(folder, true))!;
                await old.OpenAsync(FolderAccess.ReadWrite);
                await old.CopyToAsync(UniqueIdRange.All, fresh);
                await fresh.OpenAsync(FolderAccess.ReadOnly);
                Assert.NotEqual((uint)before.UidValidity, fresh.UidValidity);
                await imap.DisconnectAsync(true);
            }

            var third = await AppendAsync(folder, setup.CustomerEmail, $"第三封 {tag}", at);
            await PollAsync();

            var items = await ItemsAsync(tag);
            Assert.Equal(3, items.Count);
            Assert.Equal(new[] { first, second, third }.Order(StringComparer.Ordinal), items.Select(i => i.MessageId!).Order(StringComparer.Ordinal));
            var ids = new[] { first, second, third };
            Assert.Equal(3, await App.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<MailMessage>().CountAsync(m => ids.Contains(m.MessageId))));
            var after = await StateAsync(mailbox.Key);
            Assert.NotEqual(before.UidValidity, after.UidValidity);
            Assert.Equal(0, after.Failures);
        }
        finally
        {
            await restore();
        }
    }

    [ProviderFact]
    public async Task ORD_01_two_nodes_polling_one_mailbox_at_the_same_moment_take_each_message_once()
    {
        var setup = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var sent = new List<string>();
        for (var n = 0; n < 8; n++)
        {
            sent.Add(await DeliverAsync(n % 2 == 0 ? setup.CustomerEmail : "stranger@unknown.example", $"并发 {n} {tag}", $"第 {n} 封", at));
        }

        // PostgreSQL: two app instances on one database, as two nodes. SQLite runs one node: two scopes of it.
        await using var node = App.Kind == DatabaseKind.Postgres ? new SecondIntakeNode() : null;
        node?.StartAsNodeOf(App);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var one = Task.Run(async () => { await gate.Task; return await PollAsync(); });
        var two = Task.Run(async () =>
        {
            await gate.Task;
            if (node is null)
            {
                return await PollAsync();
            }

            await using var scope = node.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MailboxPoller>().PollDueAsync(true, default);
        });
        gate.SetResult();
        var taken = await Task.WhenAll(one, two);

        Assert.Equal(8, taken.Sum());
        var items = await ItemsAsync(tag);
        Assert.Equal(8, items.Count);
        Assert.Equal(sent.Order(StringComparer.Ordinal), items.Select(i => i.MessageId!).Order(StringComparer.Ordinal));
        Assert.Equal(8, await App.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<MailMessage>().CountAsync(m => sent.Contains(m.MessageId))));
    }

    [ProviderFact]
    public async Task FLD_03_an_email_repair_call_becomes_a_job_received_when_the_customer_wrote()
    {
        var setup = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var received = DateTimeOffset.UtcNow.AddMinutes(-42);
        received = received.AddTicks(-(received.Ticks % TimeSpan.TicksPerSecond));
        var message = Message(setup.CustomerEmail, $"打印机报修 {tag}", "三楼打印机卡纸，无法打印。");
        var multipart = new Multipart("mixed") { message.Body!, new MimePart("application", "pdf") { FileName = "photo.pdf", Content = new MimeContent(new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray())) } };
        message.Body = multipart;
        await AppendAsync("INBOX", message, received);
        await PollAsync();
        var item = Assert.Single(await ItemsAsync(tag));
        var jobsBefore = await CountAsync<ServiceJob>();

        // Refused by the job's own rules (the problem is too long): the item stays new, nothing is written.
        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/intake/{item.Id}/job", new { mode = "Resident", problem = new string('修', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("problem"));
        var unchanged = await ItemAsync(item.Id);
        Assert.Equal(IntakeStatus.New, unchanged.Status);
        Assert.Null(unchanged.RecordType);
        Assert.Equal(item.Version, unchanged.Version);
        Assert.Equal(jobsBefore, await CountAsync<ServiceJob>());

        // ORG-03: another centre's specialist cannot reach it.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Post, $"/api/intake/{item.Id}/job", new { mode = "Resident" })).Status);

        var (ok, dto) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/intake/{item.Id}/job", new { mode = "Resident" });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("ServiceJob", (string?)dto!["recordType"]);
        Assert.Equal("Converted", (string?)dto["status"]);
        var jobId = (int)dto["recordId"]!;
        Assert.StartsWith("WX", (string?)dto["recordNumber"], StringComparison.Ordinal);

        // The job is nobody's until dispatched: the centre's coordinator sees it (the specialist's own scope does not).
        var (_, detail) = await SendAsync("sh.coord", HttpMethod.Get, $"/api/field/jobs/{jobId}");
        var job = detail!["job"]!;
        Assert.Equal((string?)dto["recordNumber"], (string?)job["number"]);
        Assert.Equal("Repair", (string?)job["type"]);
        Assert.Equal("Email", (string?)job["source"]);
        Assert.Equal(setup.CustomerId, (int?)job["customerId"]);
        Assert.Contains("三楼打印机卡纸", (string?)job["problem"], StringComparison.Ordinal);
        Assert.Equal(received.UtcDateTime, DateTime.Parse((string)job["receivedAt"]!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));
        // FLD-03: the resident response clock started when the customer wrote, so it is already overdue.
        var deadlines = detail["deadlines"]!.AsArray();
        Assert.NotEmpty(deadlines);
        Assert.All(deadlines, d => Assert.Equal(received, DateTimeOffset.Parse((string)d!["startedAt"]!, System.Globalization.CultureInfo.InvariantCulture)));

        var (files, messages) = await App.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var key = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (await db.Set<Attachment>().Where(a => a.RecordType == JobUseCases.RecordType && a.RecordId == key).Select(a => a.FileName).ToListAsync(),
                await db.Set<MailMessage>().Where(m => m.IntakeItemId == item.Id).ToListAsync());
        });
        Assert.Equal("photo.pdf", Assert.Single(files));
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Equal((JobUseCases.RecordType, (int?)jobId), (m.RecordType, m.RecordId)));

        // Once converted it is not converted again.
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/intake/{item.Id}/job", new { mode = "Mobile" })).Status);
        Assert.Equal(jobsBefore + 1, await CountAsync<ServiceJob>());
    }

    [ProviderFact]
    public async Task A_discarded_item_keeps_the_reason_the_specialist_gave()
    {
        var setup = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await DeliverAsync(setup.CustomerEmail, $"谢谢 {tag}", "收到，谢谢！", DateTimeOffset.UtcNow.AddMinutes(-2));
        await PollAsync();
        var item = Assert.Single(await ItemsAsync(tag));

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/intake/{item.Id}/discard", new { reason = new string('因', 501) })).Status);
        Assert.Equal(IntakeStatus.New, (await ItemAsync(item.Id)).Status);

        var (ok, dto) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/intake/{item.Id}/discard", new { reason = "  客户致谢，无需处理  " });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("客户致谢，无需处理", (string?)dto!["discardReason"]);
        var stored = await ItemAsync(item.Id);
        Assert.Equal(IntakeStatus.Discarded, stored.Status);
        Assert.Equal("客户致谢，无需处理", stored.DiscardReason);
        Assert.Equal("客户致谢，无需处理", (string?)(await SendAsync("sh.cs", HttpMethod.Get, $"/api/intake/{item.Id}")).Body!["discardReason"]);
    }

    [ProviderFact]
    public async Task NTF_02_a_mailbox_failing_again_and_again_makes_the_health_page_degraded_without_its_secrets()
    {
        var setup = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Nothing listens on port 1: every read fails at once.
        var down = TestMailbox($"down-{tag}", setup) with { Host = "127.0.0.1", Port = 1, UserName = $"secret-user-{tag}", Password = $"secret-pass-{tag}", TimeoutSeconds = 2 };
        var restore = await AddMailboxesAsync(down);
        try
        {
            await PollAsync();
            var (_, early) = await HealthAsync();
            Assert.DoesNotContain($"down-{tag}: failing", early, StringComparison.Ordinal);

            await PollAsync();
            await PollAsync();
            var (status, body) = await HealthAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.StartsWith("Degraded", body, StringComparison.Ordinal);
            var line = Assert.Single(body.Split('\n'), l => l.StartsWith("mailboxes: ", StringComparison.Ordinal));
            Assert.Contains($"down-{tag}: failing, 3 failures in a row, last success never, next attempt 20", line, StringComparison.Ordinal);
            Assert.Contains("test: ok, last success 20", line, StringComparison.Ordinal);
            foreach (var secret in new[] { down.UserName, down.Password!, App.ImapUser, ImapRequirement.Password, "127.0.0.1", "refused" })
            {
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            await restore();
        }

        var (_, healed) = await HealthAsync();
        Assert.DoesNotContain("mailboxes: ", healed, StringComparison.Ordinal);
    }

    private MailboxSettings TestMailbox(string key, Setup setup) => new()
    {
        Key = key, Name = key, Host = ImapRequirement.Host, Port = ImapRequirement.Port, Security = SmtpSecurity.None,
        UserName = App.ImapUser, Password = ImapRequirement.Password, CentreId = setup.BjCentre,
    };

    /// <summary>Adds mailboxes to the list; the returned action puts the list back as it was.</summary>
    private async Task<Func<Task>> AddMailboxesAsync(params MailboxSettings[] extra)
    {
        var original = await App.InScopeAsync(sp => sp.GetRequiredService<PolicyStore>().GetAsync<MailboxList>(MailboxList.Key, default));
        await App.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<PolicyStore>().SaveAsync(MailboxList.Key, original with { Mailboxes = [.. original.Mailboxes, .. extra] }, "test");
            return 0;
        });
        return () => App.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<PolicyStore>().SaveAsync(MailboxList.Key, original, "test");
            return 0;
        });
    }

    private async Task<(HttpStatusCode Status, string Body)> HealthAsync()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<MailboxState> StateAsync(string key) =>
        App.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<MailboxState>().AsNoTracking().SingleAsync(s => s.Key == key));

    private Task<IntakeItem> ItemAsync(int id) =>
        App.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<IntakeItem>().AsNoTracking().SingleAsync(i => i.Id == id));

    private Task<int> CountAsync<T>() where T : class =>
        App.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<T>().CountAsync());

    private static MimeMessage Message(string from, string subject, string body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("service@kefu.example"));
        message.Subject = subject;
        message.MessageId = $"{Guid.NewGuid():N}@customer.example";
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    private async Task<string> AppendAsync(string folder, string from, string subject, DateTimeOffset received)
    {
        var message = Message(from, subject, "内容 " + subject);
        await AppendAsync(folder, message, received);
        return message.MessageId!;
    }

    private async Task AppendAsync(string folder, MimeMessage message, DateTimeOffset received)
    {
        using var imap = await ImapAsync();
        var target = await imap.GetFolderAsync(folder);
        await target.AppendAsync(new AppendRequest(message, MessageFlags.None, received));
        await imap.DisconnectAsync(true);
    }

    /// <summary>Appends a message as raw text: MimeKit keeps a parsed message's broken structure when it writes it back.</summary>
    private Task AppendRawAsync(string folder, string raw, DateTimeOffset received) =>
        AppendAsync(folder, MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw))), received);
}
