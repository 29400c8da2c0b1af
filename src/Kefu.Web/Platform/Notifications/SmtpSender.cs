using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace Kefu.Web.Platform.Notifications;

/// <summary>Email over SMTP with MailKit: STARTTLS or implicit TLS, optional authentication, one connection per batch.</summary>
public sealed class SmtpSender : IBatchChannelSender
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public IChannelBatch OpenBatch(NotificationSettings settings) => new SmtpBatch(settings.Smtp);

    public async Task SendAsync(OutboxMessage message, NotificationSettings settings, CancellationToken ct)
    {
        await using var batch = OpenBatch(settings);
        await batch.SendAsync(message, ct);
    }
}

/// <summary>
/// One SMTP connection, opened at the first message and reused for the rest of the batch. A message
/// the server refuses fails alone. When the server has dropped the kept connection (idle timeout,
/// a limit of messages per connection), it is opened again once for that message. When opening
/// fails (server down, TLS, authentication) the rest of the batch fails at once with the same
/// reason instead of waiting for the timeout again; each message keeps its own attempt and back-off.
/// </summary>
internal sealed class SmtpBatch(SmtpSettings smtp) : IChannelBatch
{
    private readonly SmtpClient _client = new();
    private string? _broken;
    private SslPolicyErrors _certificateErrors;

    private string Endpoint => $"{smtp.Host}:{smtp.Port.ToString(CultureInfo.InvariantCulture)}";

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (_broken is not null)
        {
            throw new ChannelDeliveryException(_broken);
        }

        using var mail = Compose(message);
        var reused = _client.IsConnected;
        if (!reused)
        {
            await OpenAsync(ct);
        }

        try
        {
            await _client.SendAsync(mail, ct);
        }
        catch (Exception e) when (reused && IsDropped(e, ct))
        {
            // The server closed the connection we kept: open it again, once for this message.
            await OpenAsync(ct);
            await SendOnceMoreAsync(mail, ct);
        }
        catch (Exception e) when (!IsCancelled(e, ct))
        {
            throw new ChannelDeliveryException(Describe(e, connecting: false, "send"), e);
        }
    }

    private async Task SendOnceMoreAsync(MimeMessage mail, CancellationToken ct)
    {
        try
        {
            await _client.SendAsync(mail, ct);
        }
        catch (Exception e) when (!IsCancelled(e, ct))
        {
            throw new ChannelDeliveryException(Describe(e, connecting: false, "send"), e);
        }
    }

    private async Task OpenAsync(CancellationToken ct)
    {
        var stage = "connect";
        try
        {
            _client.Timeout = Math.Max(1, smtp.TimeoutSeconds) * 1000;
            _client.ServerCertificateValidationCallback = (_, _, _, errors) =>
            {
                _certificateErrors = errors;
                return errors == SslPolicyErrors.None || smtp.AcceptUntrustedCertificate;
            };
            await _client.ConnectAsync(smtp.Host ?? "", smtp.Port, Options(smtp.EffectiveSecurity), ct);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                stage = "authenticate";
                await _client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            }
        }
        catch (Exception e) when (!IsCancelled(e, ct))
        {
            _broken = Describe(e, connecting: true, stage);
            await CloseQuietlyAsync();
            throw new ChannelDeliveryException(_broken, e);
        }
    }

    private static SecureSocketOptions Options(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
    };

    private MimeMessage Compose(OutboxMessage message)
    {
        var mail = new MimeMessage();
        try
        {
            mail.From.Add(MailboxAddress.Parse(smtp.From));
            mail.To.Add(MailboxAddress.Parse(message.Recipient));
        }
        catch (ParseException)
        {
            mail.Dispose();
            throw new ChannelDeliveryException($"Not an email address: '{message.Recipient}' (or the sender '{smtp.From}').");
        }

        mail.Subject = message.Subject;
        mail.Headers.Add("X-Kefu-Event", message.EventKey);

        // A reply to a customer stays in the customer's thread (RFC 5322 section 3.6.4).
        if (message.MessageId is { } id)
        {
            mail.MessageId = id;
        }

        if (message.InReplyTo is { } answered)
        {
            mail.InReplyTo = answered;
        }

        foreach (var reference in (message.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            mail.References.Add(reference);
        }
        if (message.Attachments.Count == 0)
        {
            mail.Body = new TextPart(TextFormat.Plain) { Text = message.Body };
            return mail;
        }

        var body = new BodyBuilder { TextBody = message.Body };
        foreach (var file in message.Attachments)
        {
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        }

        mail.Body = body.ToMessageBody();
        return mail;
    }

    /// <summary>The failure in one line for the attempt log, with the server's reply where there is one.</summary>
    private string Describe(Exception e, bool connecting, string stage) => e switch
    {
        ChannelDeliveryException d => d.Message,
        AuthenticationException => $"SMTP authentication failed at {Endpoint} for user '{smtp.UserName}': {OneLine(e.Message)}",
        NotSupportedException when stage == "authenticate" =>
            $"SMTP authentication failed: {Endpoint} offers no authentication on this connection (it may require TLS first).",
        NotSupportedException when smtp.EffectiveSecurity == SmtpSecurity.StartTls =>
            $"TLS handshake failed: {Endpoint} does not offer STARTTLS.",
        SslHandshakeException => _certificateErrors != SslPolicyErrors.None && !smtp.AcceptUntrustedCertificate
            ? $"TLS handshake failed with {Endpoint}: the server certificate is not trusted ({_certificateErrors})."
            : $"TLS handshake failed with {Endpoint}: {OneLine(e.InnerException?.Message ?? "the server does not speak TLS on this port")}.",
        SmtpCommandException c => c.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"The server refused the recipient {c.Mailbox}: {Reply(c)}",
            SmtpErrorCode.SenderNotAccepted => $"The server refused the sender {c.Mailbox}: {Reply(c)}",
            SmtpErrorCode.MessageNotAccepted => $"The server refused the message: {Reply(c)}",
            _ => $"The server answered {Reply(c)}",
        },
        // MailKit raises this for a 530 answer to MAIL FROM (and only for it).
        ServiceNotAuthenticatedException => $"The server at {Endpoint} refused the mail until the client authenticates or starts TLS: 530 {OneLine(e.Message)}",
        TimeoutException or IOException { InnerException: TimeoutException } or OperationCanceledException => connecting && stage == "connect"
            ? $"Connection timed out to {Endpoint} (after {smtp.TimeoutSeconds} s)."
            : $"Timed out waiting for {Endpoint} (after {smtp.TimeoutSeconds} s).",
        SocketException s => $"Could not connect to {Endpoint}: {SocketReason(s)}.",
        SmtpProtocolException or IOException or ServiceNotConnectedException => connecting
            ? $"Could not talk to {Endpoint}: {OneLine(e.Message)}"
            : $"Connection to {Endpoint} lost: {OneLine(e.Message)}",
        _ => OneLine(e.Message),
    };

    private static string Reply(SmtpCommandException c) =>
        $"{((int)c.StatusCode).ToString(CultureInfo.InvariantCulture)} {OneLine(c.Message)}";

    private static string SocketReason(SocketException s) => s.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData => "host not found",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        SocketError.TimedOut => "connection timed out",
        _ => OneLine(s.Message),
    };

    private static string OneLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300];
    }

    private static bool IsCancelled(Exception e, CancellationToken ct) => e is OperationCanceledException && ct.IsCancellationRequested;

    private bool IsDropped(Exception e, CancellationToken ct) =>
        !_client.IsConnected && !IsCancelled(e, ct)
        && e is IOException { InnerException: not TimeoutException } or SocketException or SmtpProtocolException or ServiceNotConnectedException;

    private async Task CloseQuietlyAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Min(5, Math.Max(1, smtp.TimeoutSeconds))));
            await _client.DisconnectAsync(quit: true, quit.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or MailKit.ProtocolException or OperationCanceledException or ServiceNotConnectedException or SmtpCommandException)
        {
            // The messages are sent; a failed QUIT changes nothing for them.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseQuietlyAsync();
        _client.Dispose();
    }
}
