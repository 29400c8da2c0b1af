using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>NTF-01..03 with real peers: an SMTP server, group-robot webhooks on a local listener.</summary>
public sealed class NotificationDeliveryTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private Task<int> SaveSettingsAsync(NotificationSettings settings) =>
        app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<PolicyStore>().SaveAsync(NotificationSettings.Key, settings, "test");
            return 0;
        });

    private Task<int> EnqueueAsync(string eventKey, string userName, params object?[] args) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var id = (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
            await sp.GetRequiredService<Notifier>().EnqueueAsync(new NotificationRequest(eventKey, [id], args));
            await db.SaveChangesAsync();
            return 0;
        });

    private Task<int> DispatchAsync() =>
        app.InScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));

    private Task<List<OutboxMessage>> OutboxAsync(NotificationChannel channel) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Channel == channel).OrderBy(m => m.Id).ToListAsync());

    [SmtpFact]
    public async Task NTF_01_email_is_delivered_to_a_real_smtp_server_in_the_recipients_language()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await SaveSettingsAsync(new NotificationSettings { Smtp = new SmtpSettings { Enabled = true, Host = "127.0.0.1", Port = smtp.Port, From = "kefu@demo.kefu.local" } });
        await EnqueueAsync("SlaBreach", "sh.cs", "投诉邮件汇报", "EXC-02", "2026-09-28 09:05", "IncidentReport", "INC-1");

        var delivered = await DispatchAsync();
        Assert.True(delivered >= 1, "Not delivered: " + (await OutboxAsync(NotificationChannel.Email)).LastOrDefault()?.LastError);
        await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10));
        var mail = Assert.Single(smtp.Messages(), m => DecodeBody(m).Contains("INC-1", StringComparison.Ordinal));
        Assert.Contains("sh.cs@demo.kefu.local", mail, StringComparison.Ordinal);
        Assert.Contains("X-Kefu-Event: SlaBreach", mail, StringComparison.Ordinal);
        // The subject is UTF-8 encoded-word; the body carries the Chinese template with its values.
        var decoded = DecodeBody(mail);
        Assert.Contains("INC-1", decoded, StringComparison.Ordinal);
        Assert.Contains("已于 2026-09-28 09:05 超时", decoded, StringComparison.Ordinal);
        var sent = (await OutboxAsync(NotificationChannel.Email)).Last(m => m.Body.Contains("INC-1", StringComparison.Ordinal));
        Assert.Equal(DeliveryStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);
    }

    [SmtpFact]
    public async Task NTF_02_smtp_down_never_fails_the_action_and_the_mail_goes_out_when_it_is_back()
    {
        var smtp = SmtpSink.Stopped();
        await using var _ = smtp;
        await SaveSettingsAsync(new NotificationSettings { Smtp = new SmtpSettings { Enabled = true, Host = "127.0.0.1", Port = smtp.Port }, FirstRetrySeconds = 30 });

        // The business action: saving a notification succeeds while the server is down.
        await EnqueueAsync("SlaWarning", "hz.cs", "回访", "VIS-03", "2026-09-28 18:00", "Visit", "V-9");
        await DispatchAsync();
        var failed = (await OutboxAsync(NotificationChannel.Email)).Single(m => m.Body.Contains("V-9", StringComparison.Ordinal));
        Assert.Equal(DeliveryStatus.Pending, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.NotNull(failed.LastError);
        var attempts = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<DeliveryAttempt>().Where(a => a.MessageId == failed.Id).ToListAsync());
        Assert.False(Assert.Single(attempts).Succeeded);

        // Back-off: not retried before its time.
        await smtp.StartListeningAsync();
        await DispatchAsync();
        Assert.DoesNotContain(smtp.Messages(), m => m.Contains("V-9", StringComparison.Ordinal));

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await DispatchAsync();
        await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10));
        Assert.Single(smtp.Messages(), m => DecodeBody(m).Contains("V-9", StringComparison.Ordinal));
        var sent = (await OutboxAsync(NotificationChannel.Email)).Single(m => m.Id == failed.Id);
        Assert.Equal(DeliveryStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task NTF_01_group_robots_get_their_markdown_json()
    {
        using var hooks = new WebhookListener();
        await SaveSettingsAsync(new NotificationSettings
        {
            WeCom = new WebhookSettings { Enabled = true, WebhookUrl = hooks.Url("wecom") },
            DingTalk = new WebhookSettings { Enabled = true, WebhookUrl = hooks.Url("dingtalk") },
        });
        await EnqueueAsync("SlaBreach", "bj.cs", "投诉回复", "EXC-05", "2026-09-28 09:10", "IncidentReport", "INC-7");
        await DispatchAsync();

        var wecom = JsonNode.Parse(hooks.Received.Single(r => r.Path == "/wecom").Body)!;
        Assert.Equal("markdown", (string?)wecom["msgtype"]);
        Assert.Contains("已超时：投诉回复", (string?)wecom["markdown"]!["content"], StringComparison.Ordinal);
        var ding = JsonNode.Parse(hooks.Received.Single(r => r.Path == "/dingtalk").Body)!;
        Assert.Equal("markdown", (string?)ding["msgtype"]);
        Assert.Equal("已超时：投诉回复", (string?)ding["markdown"]!["title"]);
        Assert.Contains("INC-7", (string?)ding["markdown"]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NTF_03_templates_follow_each_recipients_language()
    {
        // No server needed: the messages wait in the outbox, written in each recipient's language.
        await SaveSettingsAsync(new NotificationSettings { Smtp = new SmtpSettings { Enabled = true, Host = "127.0.0.1", Port = 9 } });
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var user = await db.Users.SingleAsync(u => u.UserName == "bj.sup");
            user.PreferredCulture = "en";
            await db.SaveChangesAsync();
            return 0;
        });
        await EnqueueAsync("SlaWarning", "bj.sup", "Callback", "VIS-03", "2026-09-28 18:00", "Visit", "V-EN");
        await EnqueueAsync("SlaWarning", "bj.eng1", "回访", "VIS-03", "2026-09-28 18:00", "Visit", "V-ZH");
        var mails = await OutboxAsync(NotificationChannel.Email);
        Assert.Contains(mails, m => m.Body.Contains("V-EN", StringComparison.Ordinal) && m.Subject == "Due soon: Callback" && m.Recipient == "bj.sup@demo.kefu.local");
        Assert.Contains(mails, m => m.Body.Contains("V-ZH", StringComparison.Ordinal) && m.Subject == "即将超时：回访" && m.Recipient == "bj.eng1@demo.kefu.local");
        // The inbox keeps the key: each reader sees it in the language they read in.
        var items = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<InboxItem>().AsNoTracking()
            .Where(i => i.Body.Contains("V-EN") || i.Body.Contains("V-ZH")).ToListAsync());
        var english = System.Globalization.CultureInfo.GetCultureInfo("en");
        Assert.Contains(items, i => i.Body.Contains("V-EN", StringComparison.Ordinal) && Kefu.Web.Platform.Localization.LocalText.Show(i.Title, english) == "Due soon: Callback");
    }

    [SmtpFact]
    public async Task NTF_01_admin_test_endpoint_sends_through_the_channel()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await SaveSettingsAsync(new NotificationSettings { Smtp = new SmtpSettings { Enabled = true, Host = "127.0.0.1", Port = smtp.Port } });
        using var admin = await app.ClientFor("admin");
        using var response = await admin.PostAsJsonAsync("/api/notifications/channels/email/test", new { to = "ops@demo.kefu.local" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True("Sent" == (string?)body!["status"], body.ToJsonString());
        await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10));
        Assert.Contains(smtp.Messages(), m => m.Contains("ops@demo.kefu.local", StringComparison.Ordinal));

        using var bad = await admin.PostAsJsonAsync("/api/notifications/channels/fax/test", new { to = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("channel", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NTF_01_inbox_api_counts_and_marks_read()
    {
        await EnqueueAsync("SlaWarning", "sh.eng2", "安装单", "FLD-02", "2026-09-28 09:10", "Job", "J-1");
        using var eng = await app.ClientFor("sh.eng2");
        var count = await eng.GetFromJsonAsync<JsonObject>("/api/notifications/unread-count");
        Assert.True((int)count!["count"]! >= 1);
        var inbox = await eng.GetFromJsonAsync<JsonObject>("/api/notifications?unread=true");
        var id = (long)inbox!["items"]![0]!["id"]!;
        using var other = await app.ClientFor("sh.eng1");
        using var notMine = await other.PostAsync($"/api/notifications/{id}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        using var read = await eng.PostAsync($"/api/notifications/{id}/read", null);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        using var all = await eng.PostAsync("/api/notifications/read-all", null);
        Assert.Equal(0, (int)(await eng.GetFromJsonAsync<JsonObject>("/api/notifications/unread-count"))!["count"]!);
    }

    /// <summary>Decodes a quoted-printable or base64 UTF-8 body well enough to search it.</summary>
    private static string DecodeBody(string raw)
    {
        var parts = raw.Split("\n\n", 2);
        if (parts.Length < 2)
        {
            return raw;
        }

        var headers = parts[0];
        var body = parts[1].Trim();
        if (headers.Contains("base64", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return headers + "\n\n" + System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal)));
            }
            catch (FormatException)
            {
                return raw;
            }
        }

        return raw;
    }
}
