namespace Kefu.Web.Platform.Notifications;

/// <summary>
/// NTF-01: the channels an administrator configured (Settings → Notifications); none is needed
/// to run. Stored as a policy setting; secrets stay on the server and are never shown back.
/// </summary>
public sealed record NotificationSettings
{
    public const string Key = "notifications.channels";

    public SmtpSettings Smtp { get; init; } = new();
    public WebhookSettings WeCom { get; init; } = new();
    public WebhookSettings DingTalk { get; init; } = new();
    public SmsSettings Sms { get; init; } = new();

    /// <summary>NTF-02: retries with back-off; delays double from this first one.</summary>
    public int FirstRetrySeconds { get; init; } = 30;

    public int MaxAttempts { get; init; } = 8;

    public bool IsEnabled(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => Smtp.Enabled && !string.IsNullOrWhiteSpace(Smtp.Host),
        NotificationChannel.WeCom => WeCom.Enabled && !string.IsNullOrWhiteSpace(WeCom.WebhookUrl),
        NotificationChannel.DingTalk => DingTalk.Enabled && !string.IsNullOrWhiteSpace(DingTalk.WebhookUrl),
        NotificationChannel.Sms => Sms.Enabled && !string.IsNullOrWhiteSpace(Sms.GatewayUrl),
    };

    /// <summary>The delay before attempt number <paramref name="attempts"/> + 1: 30 s, 1 min, 2 min, 4 min… capped at 6 h.</summary>
    public TimeSpan BackOff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(6 * 3600, FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
}

public sealed record SmtpSettings
{
    public bool Enabled { get; init; }
    public string? Host { get; init; }
    public int Port { get; init; } = 25;

    /// <summary>
    /// Settings saved before <see cref="Security"/> existed: true meant STARTTLS (what
    /// System.Net.Mail's EnableSsl did). Read only when <see cref="Security"/> is not set.
    /// </summary>
    public bool EnableSsl { get; init; }

    /// <summary>How the connection is secured; null for settings saved before it existed (see <see cref="EnableSsl"/>).</summary>
    public SmtpSecurity? Security { get; init; }

    /// <summary>Kefu authenticates only when a user name is given.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }
    public string From { get; init; } = "kefu@localhost";

    /// <summary>Connect, TLS handshake and each server reply must come within this many seconds.</summary>
    public int TimeoutSeconds { get; init; } = 15;

    /// <summary>
    /// Accept a self-signed or otherwise untrusted server certificate (an internal relay, tests).
    /// Off by default: the connection is then encrypted but the server is not authenticated.
    /// </summary>
    public bool AcceptUntrustedCertificate { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public SmtpSecurity EffectiveSecurity => Security ?? (EnableSsl ? SmtpSecurity.StartTls : SmtpSecurity.None);
}

/// <summary>How the SMTP connection is secured.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SmtpSecurity>))]
public enum SmtpSecurity
{
    /// <summary>Plain text, even if the server offers STARTTLS.</summary>
    None,

    /// <summary>STARTTLS is required (usually port 587 or 25); a server that does not offer it is refused.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    SslOnConnect,

    /// <summary>Implicit TLS on port 465, otherwise STARTTLS when the server offers it, else plain text.</summary>
    Auto,
}

public sealed record WebhookSettings
{
    public bool Enabled { get; init; }

    /// <summary>The group robot's webhook address (WeCom or DingTalk).</summary>
    public string? WebhookUrl { get; init; }
}

public sealed record SmsSettings
{
    public bool Enabled { get; init; }

    /// <summary>A generic HTTP gateway: Kefu POSTs <c>{"to","text"}</c> as JSON.</summary>
    public string? GatewayUrl { get; init; }

    public string? ApiKey { get; init; }
}
