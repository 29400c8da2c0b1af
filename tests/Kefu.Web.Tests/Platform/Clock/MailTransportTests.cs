using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>
/// NTF-01/02 over MailKit against a real aiosmtpd: STARTTLS, implicit TLS, authentication, one
/// connection per outbox batch, and failures written to the attempt log in plain words.
/// </summary>
public sealed class MailTransportTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private const string MailUser = "kefu-mailer";
    private const string MailPassword = "s3cret-Pass";

    private Task<int> SaveSmtpAsync(SmtpSettings smtp) =>
        app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<PolicyStore>().SaveAsync(NotificationSettings.Key, new NotificationSettings { Smtp = smtp with { Enabled = true, Host = "127.0.0.1" } }, "test");
            return 0;
        });

    /// <summary>The admin's "send a test message", which delivers at once through the outbox.</summary>
    private async Task<(string Status, string? Error, long MessageId)> SendTestAsync(string to)
    {
        using var admin = await app.ClientFor("admin");
        using var response = await admin.PostAsJsonAsync("/api/notifications/channels/email/test", new { to });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)body["status"]!, (string?)body["error"], (long)body["messageId"]!);
    }

    private Task<List<DeliveryAttempt>> AttemptsAsync(long messageId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<DeliveryAttempt>().AsNoTracking().Where(a => a.MessageId == messageId).ToListAsync());

    /// <summary>Puts due email messages straight into the outbox, as modules do through the notifier.</summary>
    private Task<List<long>> EnqueueAsync(params string[] recipients) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var messages = recipients.Select(to => new OutboxMessage
            {
                Channel = NotificationChannel.Email, Recipient = to, EventKey = "Test", Subject = "批次 " + to, Body = "Batch mail to " + to,
                Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
            }).ToList();
            db.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToList();
        });

    private Task<List<OutboxMessage>> MessagesAsync(IReadOnlyCollection<long> ids) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<OutboxMessage>().AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync());

    private Task<int> DispatchAsync() =>
        app.InScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));

    private static void AssertOneLine(string? error)
    {
        Assert.NotNull(error);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [SmtpFact]
    public async Task NTF_01_mail_goes_over_starttls_when_the_server_requires_it_and_plain_text_is_refused()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { StartTls = true, RequireStartTls = true });

        await SaveSmtpAsync(new SmtpSettings { Port = smtp.Port, Security = SmtpSecurity.StartTls, AcceptUntrustedCertificate = true });
        var (status, error, _) = await SendTestAsync("tls@demo.kefu.local");
        Assert.True(status == "Sent", error);
        var mail = Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal("yes", SmtpSink.Header(mail, "X-Sink-Tls"));
        Assert.Contains("tls@demo.kefu.local", SmtpSink.Header(mail, "X-RcptTo"), StringComparison.Ordinal);

        // Without STARTTLS the server refuses the mail; the attempt log carries its reply.
        await SaveSmtpAsync(new SmtpSettings { Port = smtp.Port, Security = SmtpSecurity.None });
        var plain = await SendTestAsync("plain@demo.kefu.local");
        Assert.Equal("Pending", plain.Status);
        AssertOneLine(plain.Error);
        Assert.Contains("530 Must issue a STARTTLS command first", plain.Error, StringComparison.Ordinal);
        Assert.Contains("STARTTLS", plain.Error, StringComparison.Ordinal);
        var attempt = Assert.Single(await AttemptsAsync(plain.MessageId));
        Assert.False(attempt.Succeeded);
        Assert.Equal(plain.Error, attempt.Error);
        Assert.Single(smtp.Messages());
    }

    [SmtpFact]
    public async Task NTF_01_an_untrusted_certificate_is_refused_unless_the_setting_accepts_it()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { StartTls = true, RequireStartTls = true });
        await SaveSmtpAsync(new SmtpSettings { Port = smtp.Port, Security = SmtpSecurity.StartTls });

        var (status, error, _) = await SendTestAsync("untrusted@demo.kefu.local");
        Assert.Equal("Pending", status);
        AssertOneLine(error);
        Assert.StartsWith("TLS handshake failed", error, StringComparison.Ordinal);
        Assert.Contains("not trusted", error, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages());
    }

    [SmtpFact]
    public async Task NTF_01_mail_goes_over_implicit_tls()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { ImplicitTls = true });
        await SaveSmtpAsync(new SmtpSettings { Port = smtp.Port, Security = SmtpSecurity.SslOnConnect, AcceptUntrustedCertificate = true });

        var (status, error, _) = await SendTestAsync("implicit@demo.kefu.local");
        Assert.True(status == "Sent", error);
        Assert.Equal("yes", SmtpSink.Header(Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10))), "X-Sink-Tls"));
    }

    [SmtpFact]
    public async Task NTF_01_kefu_authenticates_over_starttls_and_a_wrong_password_is_logged_as_such()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { StartTls = true, UserName = MailUser, Password = MailPassword });

        await SaveSmtpAsync(new SmtpSettings { Port = smtp.Port, Security = SmtpSecurity.StartTls, AcceptUntrustedCertificate = true, UserName = MailUser, Password = MailPassword });
        var (status, error, _) = await SendTestAsync("auth@demo.kefu.local");
        Assert.True(status == "Sent", error);
        var mail = Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(MailUser, SmtpSink.Header(mail, "X-Sink-Auth"));
        Assert.Equal("yes", SmtpSink.Header(mail, "X-Sink-Tls"));

        await SaveSmtpAsync(new SmtpSettings { Port = smtp.Port, Security = SmtpSecurity.StartTls, AcceptUntrustedCertificate = true, UserName = MailUser, Password = "wrong" });
        var wrong = await SendTestAsync("auth2@demo.kefu.local");
        Assert.Equal("Pending", wrong.Status);
        var attempt = Assert.Single(await AttemptsAsync(wrong.MessageId));
        AssertOneLine(attempt.Error);
        Assert.StartsWith("SMTP authentication failed", attempt.Error, StringComparison.Ordinal);
        Assert.True(attempt.Error!.Contains("535", StringComparison.Ordinal), attempt.Error);
        Assert.DoesNotContain("wrong", attempt.Error, StringComparison.Ordinal);
        Assert.Single(smtp.Messages());
    }

    [SmtpFact]
    public async Task NTF_02_one_connection_serves_the_batch_and_a_refused_recipient_fails_alone()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { RefuseRecipientsContaining = "nobody" });
        await SaveSmtpAsync(new SmtpSettings { Port = smtp.Port });
        var ids = await EnqueueAsync("batch1@demo.kefu.local", "nobody@demo.kefu.local", "batch2@demo.kefu.local");

        await DispatchAsync();
        var mails = await smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(10));
        Assert.Equal(2, mails.Count);
        Assert.Single(mails.Select(m => SmtpSink.Header(m, "X-Sink-Client-Port")).Distinct());
        var messages = await MessagesAsync(ids);
        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.Pending, DeliveryStatus.Sent], messages.Select(m => m.Status));
        var refused = messages[1];
        AssertOneLine(refused.LastError);
        Assert.Contains("refused the recipient nobody@demo.kefu.local", refused.LastError, StringComparison.Ordinal);
        Assert.Contains("550", refused.LastError, StringComparison.Ordinal);
    }

    [SmtpFact]
    public async Task NTF_02_a_connection_the_server_drops_is_reopened()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { DropAfterEachMessage = true });
        await SaveSmtpAsync(new SmtpSettings { Port = smtp.Port });
        var ids = await EnqueueAsync("drop1@demo.kefu.local", "drop2@demo.kefu.local", "drop3@demo.kefu.local");

        await DispatchAsync();
        var mails = await smtp.WaitForMessagesAsync(3, TimeSpan.FromSeconds(10));
        Assert.True(mails.Count == 3, string.Join(" | ", (await MessagesAsync(ids)).Select(m => $"{m.Status} {m.Attempts} {m.LastError}")));
        Assert.Equal(3, mails.Select(m => SmtpSink.Header(m, "X-Sink-Client-Port")).Distinct().Count());
        Assert.All(await MessagesAsync(ids), m => Assert.Equal((DeliveryStatus.Sent, 1), (m.Status, m.Attempts)));
    }

    [Fact]
    public async Task NTF_02_a_server_that_never_answers_times_out_with_the_address_in_the_log()
    {
        // Accepts the connection (the kernel does) but never sends the SMTP greeting.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await SaveSmtpAsync(new SmtpSettings { Port = port, TimeoutSeconds = 1 });
        var ids = await EnqueueAsync("slow1@demo.kefu.local", "slow2@demo.kefu.local");

        Assert.Equal(0, await DispatchAsync());
        var messages = await MessagesAsync(ids);
        Assert.All(messages, m =>
        {
            Assert.Equal(DeliveryStatus.Pending, m.Status);
            AssertOneLine(m.LastError);
            Assert.Equal($"Connection timed out to 127.0.0.1:{port} (after 1 s).", m.LastError);
        });
    }

    [Fact]
    public async Task NTF_01_settings_saved_before_the_security_mode_keep_their_meaning_and_the_page_saves_the_new_ones()
    {
        // As the System.Net.Mail release stored them: EnableSsl meant STARTTLS.
        await app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<PolicyStore>().SaveAsync(NotificationSettings.Key,
                JsonNode.Parse("""{"smtp":{"enabled":true,"host":"mail.example","port":587,"enableSsl":true,"userName":"u","password":"p","from":"kefu@example.com"}}"""), "test");
            return 0;
        });
        using var admin = await app.ClientFor("admin");
        var channels = (await admin.GetFromJsonAsync<JsonObject>("/api/notifications/channels"))!;
        Assert.Equal("StartTls", (string?)channels["smtpSecurity"]);
        Assert.Equal(15, (int)channels["smtpTimeoutSeconds"]!);
        Assert.False((bool)channels["smtpAcceptUntrustedCertificate"]!);

        using var page = await PageSession.SignedInAsync(app, "admin");
        var token = await PageSession.FormTokenAsync(page, "/admin/notifications");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.SmtpEnabled"] = "true", ["Input.SmtpHost"] = "mail.example", ["Input.SmtpPort"] = "465",
            ["Input.SmtpSecurity"] = "SslOnConnect", ["Input.SmtpTimeoutSeconds"] = "30", ["Input.SmtpAcceptUntrusted"] = "true",
            ["Input.SmtpFrom"] = "kefu@example.com", ["Input.SmtpUser"] = "u", ["Input.SmtpPassword"] = "",
            ["Input.FirstRetrySeconds"] = "30", ["Input.MaxAttempts"] = "8", ["__RequestVerificationToken"] = token,
        });
        using var saved = await page.PostAsync("/admin/notifications", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var smtp = (await app.InScopeAsync(sp => sp.GetRequiredService<PolicyStore>().GetAsync<NotificationSettings>(NotificationSettings.Key))).Smtp;
        Assert.Equal((SmtpSecurity.SslOnConnect, 30, true, "p"), (smtp.EffectiveSecurity, smtp.TimeoutSeconds, smtp.AcceptUntrustedCertificate, smtp.Password));

        var token2 = await PageSession.FormTokenAsync(page, "/admin/notifications");
        using var bad = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.SmtpHost"] = "mail.example", ["Input.SmtpPort"] = "465", ["Input.SmtpSecurity"] = "SslOnConnect", ["Input.SmtpTimeoutSeconds"] = "0",
            ["Input.FirstRetrySeconds"] = "30", ["Input.MaxAttempts"] = "8", ["__RequestVerificationToken"] = token2,
        });
        using var refused = await page.PostAsync("/admin/notifications", bad);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(30, (await app.InScopeAsync(sp => sp.GetRequiredService<PolicyStore>().GetAsync<NotificationSettings>(NotificationSettings.Key))).Smtp.TimeoutSeconds);
    }
}
