using System.Net;
using System.Text.Json.Nodes;
using Kefu.Core.Intake;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Intake;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Kefu.Web.Tests.Modules.Intake;

/// <summary>Kefu with its jobs off (the tests poll), reading a mailbox of its own on the test dovecot.</summary>
public abstract class IntakeApp(DatabaseKind kind) : KefuFactory(kind), IRequiresImap
{
    public string ImapUser { get; } = ImapRequirement.NextUser();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Kefu:Jobs:Enabled", "false");
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

public sealed class SqliteIntakeApp() : IntakeApp(DatabaseKind.Sqlite);

public sealed class PostgresIntakeApp() : IntakeApp(DatabaseKind.Postgres), IRequiresPostgres;

/// <summary>
/// Email intake against a real IMAP server (dovecot) and SMTP sink, on both databases: taken exactly
/// once, converted through the order and incident rules, replies threaded both ways.
/// </summary>
public abstract partial class EmailIntakeTests(IntakeApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The app, for the other part of this class (EmailIntakeLeftoverTests.cs).</summary>
    private IntakeApp App => app;

    private sealed record Setup(string CustomerEmail, int CustomerId, int ShCentre, int BjCentre, SmtpSink Smtp);

    private sealed class SinkOwner(SmtpSink sink) : IDisposable
    {
        public void Dispose() => sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private Task<Setup> SetupAsync() => app.SharedAsync("intake", async () =>
    {
        using (var imap = await ImapAsync())
        {
            await imap.Inbox.OpenAsync(FolderAccess.ReadWrite);
            if (imap.Inbox.Count > 0)
            {
                await imap.Inbox.AddFlagsAsync(UniqueIdRange.All, MessageFlags.Deleted, true);
                await imap.Inbox.ExpungeAsync();
            }

            await imap.DisconnectAsync(true);
        }

        var smtp = await SmtpSink.StartAsync();
        app.DisposeWithApp(new SinkOwner(smtp));
        return await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var store = sp.GetRequiredService<PolicyStore>();
            var sh = await db.Users.SingleAsync(u => u.UserName == "sh.cs");
            var bj = await db.Users.SingleAsync(u => u.UserName == "bj.cs");
            // The specialist's own customer: the order and incident rules look customers up in the specialist's scope.
            var customer = await db.Set<Customer>().Where(c => c.OwnerId == sh.Id && c.MergedIntoId == null).OrderBy(c => c.Id).FirstAsync();
            customer.ContactEmail = $"Buyer.{Guid.NewGuid():N}@Customer.example";
            await db.SaveChangesAsync();
            await store.SaveAsync(MailboxList.Key, new MailboxList
            {
                Mailboxes = [new MailboxSettings
                {
                    Key = "test", Name = "测试邮箱", Host = ImapRequirement.Host, Port = ImapRequirement.Port, Security = SmtpSecurity.None,
                    UserName = app.ImapUser, Password = ImapRequirement.Password, CentreId = bj.OrgUnitId,
                }],
            }, "test");
            await store.SaveAsync(IntakePolicy.Key, new IntakePolicy { MaxMessageBytes = 20_000 }, "test");
            await store.SaveAsync(NotificationSettings.Key, new NotificationSettings
            {
                Smtp = new SmtpSettings { Enabled = true, Host = "127.0.0.1", Port = smtp.Port, From = "kefu@kefu.example" },
            }, "test");
            return new Setup(customer.ContactEmail, customer.Id, sh.OrgUnitId, bj.OrgUnitId, smtp);
        });
    });

    private async Task<ImapClient> ImapAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync(ImapRequirement.Host, ImapRequirement.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(app.ImapUser, ImapRequirement.Password);
        return client;
    }

    /// <summary>Delivers a message into the mailbox (IMAP APPEND) with the server's arrival time set to <paramref name="received"/>.</summary>
    private async Task<string> DeliverAsync(string from, string subject, string body, DateTimeOffset received, string? inReplyTo = null, bool withId = true)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("service@kefu.example"));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        var id = $"{Guid.NewGuid():N}@customer.example";
        if (withId)
        {
            message.MessageId = id;
        }
        else
        {
            message.Headers.Remove(HeaderId.MessageId);
        }

        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }

        using var imap = await ImapAsync();
        await imap.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None, received));
        await imap.DisconnectAsync(true);
        return id;
    }

    private Task<int> PollAsync() => app.InScopeAsync(sp => sp.GetRequiredService<MailboxPoller>().PollDueAsync(true, default));

    private Task<List<IntakeItem>> ItemsAsync(string tag) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<IntakeItem>().AsNoTracking().Where(i => i.Subject.Contains(tag)).OrderBy(i => i.Id).ToListAsync());

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    [ProviderFact]
    public async Task Email_becomes_one_intake_item_exactly_once_also_when_two_pollers_run_at_once()
    {
        var setup = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var known = await DeliverAsync(setup.CustomerEmail.ToUpperInvariant(), $"明天提货 {tag}", "请安排明天上午提货。", at);
        await DeliverAsync("stranger@unknown.example", $"咨询 {tag}", "你好", at);
        await DeliverAsync("stranger@unknown.example", $"大邮件 {tag}", new string('很', 30_000), at);

        await Task.WhenAll(PollAsync(), PollAsync());
        await PollAsync();

        var items = await ItemsAsync(tag);
        Assert.Equal(3, items.Count);
        var fromCustomer = Assert.Single(items, i => i.MessageId == known);
        Assert.Equal(setup.CustomerId, fromCustomer.CustomerId);
        Assert.Equal(setup.ShCentre, fromCustomer.CentreId);
        Assert.Equal(at.UtcDateTime, fromCustomer.ReceivedAt, TimeSpan.FromSeconds(1));
        var unknown = Assert.Single(items, i => i.Subject.StartsWith("咨询", StringComparison.Ordinal));
        Assert.Null(unknown.CustomerId);
        Assert.Equal(setup.BjCentre, unknown.CentreId);
        var huge = Assert.Single(items, i => i.Subject.StartsWith("大邮件", StringComparison.Ordinal));
        Assert.Equal("TooLarge", huge.Problem);
        var ids = items.Select(i => i.MessageId).ToArray();
        Assert.Equal(3, await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<MailMessage>().CountAsync(m => ids.Contains(m.MessageId))));

        // ORG-03: another centre's specialist does not see the item.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Get, $"/api/intake/{fromCustomer.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Post, $"/api/intake/{fromCustomer.Id}/incident", new { type = "CustomerComplaint" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Get, $"/api/intake/{fromCustomer.Id}")).Status);
    }

    [ProviderFact]
    public async Task EXC_02_a_complaint_by_email_is_due_from_its_received_time_and_the_thread_runs_both_ways()
    {
        var setup = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var received = new DateTimeOffset(2026, 9, 28, 10, 0, 0, China); // a Monday, in working time
        var complaint = await DeliverAsync(setup.CustomerEmail, $"投诉：货物破损 {tag}", "收到的箱子破了。", received);
        await PollAsync();
        var item = Assert.Single(await ItemsAsync(tag));

        var (converted, dto) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/intake/{item.Id}/incident", new { type = "CustomerComplaint", sendReport = false });
        Assert.Equal(HttpStatusCode.OK, converted);
        Assert.Equal("Incident", (string?)dto!["recordType"]);
        var incidentId = (int)dto["recordId"]!;
        var (_, detail) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/incidents/{incidentId}");
        var incident = detail!["incident"]!;
        Assert.Equal(received, DateTimeOffset.Parse((string)incident["receivedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(received.AddMinutes(5), DateTimeOffset.Parse((string)incident["emailDueAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/intake/{item.Id}/discard", new { })).Status);

        // The agent's reply goes out in the customer's thread.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/incidents/{incidentId}/email-reply", new { text = "已安排重新派送，明天送达。" })).Status);
        await app.InScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default));
        var sent = await WaitForAsync(setup.Smtp, m => m.Contains("X-Kefu-Event: IncidentCustomerReply", StringComparison.Ordinal) && m.Contains(complaint, StringComparison.Ordinal));
        Assert.Equal($"<{complaint}>", SmtpSink.Header(sent, "In-Reply-To"));
        Assert.Contains(complaint, SmtpSink.Header(sent, "References"), StringComparison.Ordinal);
        Assert.Contains(setup.CustomerEmail, SmtpSink.Header(sent, "To"), StringComparison.OrdinalIgnoreCase);
        var kefuId = SmtpSink.Header(sent, "Message-ID")!.Trim('<', '>');

        // The customer answers Kefu's mail, and writes again naming the incident's number: both land on the timeline.
        await DeliverAsync(setup.CustomerEmail, $"Re: 回复 {tag}b", "谢谢，等你们消息。", DateTimeOffset.UtcNow.AddMinutes(-1), inReplyTo: kefuId);
        await DeliverAsync(setup.CustomerEmail, $"关于 {(string)incident["number"]!} 的补充 {tag}c", "照片见附件。", DateTimeOffset.UtcNow.AddMinutes(-1), withId: false);
        await PollAsync();
        Assert.Single(await ItemsAsync(tag));
        var (_, after) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/incidents/{incidentId}");
        Assert.Equal(3, after!["timeline"]!.AsArray().Count(e => (string?)e!["kind"] == "CustomerMail"));
    }

    [ProviderFact]
    public async Task ORD_01_an_email_order_is_saved_only_with_its_content_confirmed_and_records_the_email_channel()
    {
        var setup = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await DeliverAsync(setup.CustomerEmail, $"下单 {tag}", "10 箱，门到门。", DateTimeOffset.UtcNow.AddMinutes(-5));
        await PollAsync();
        var item = Assert.Single(await ItemsAsync(tag));

        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/intake/{item.Id}/order", new { jobType = "DoorToDoor" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("contentConfirmed"));

        var (ok, dto) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/intake/{item.Id}/order", new { jobType = "DoorToDoor", contentConfirmed = true });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.True((bool)dto!["contentConfirmed"]!);
        var (_, order) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/orders/{(int)dto["recordId"]!}");
        Assert.Contains("\"Email\"", order!.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<string> WaitForAsync(SmtpSink sink, Func<string, bool> match)
    {
        for (var i = 0; i < 50; i++)
        {
            if (sink.Messages().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("The reply did not arrive at the SMTP sink.");
    }
}

public sealed class EmailIntakeTestsOnSqlite(SqliteIntakeApp app) : EmailIntakeTests(app), IClassFixture<SqliteIntakeApp>;

public sealed class EmailIntakeTestsOnPostgres(PostgresIntakeApp app) : EmailIntakeTests(app), IClassFixture<PostgresIntakeApp>;
