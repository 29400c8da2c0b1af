namespace Kefu.Web.Platform.Notifications;

/// <summary>Delivers one outbox message over one channel; throws when the channel refuses.</summary>
public interface IChannelSender
{
    NotificationChannel Channel { get; }

    Task SendAsync(OutboxMessage message, NotificationSettings settings, CancellationToken ct);
}

/// <summary>
/// A channel that keeps a connection open for a batch of messages (SMTP). The dispatcher opens one
/// batch per channel for the messages it drains from the outbox and disposes it after the last one.
/// </summary>
public interface IBatchChannelSender : IChannelSender
{
    IChannelBatch OpenBatch(NotificationSettings settings);
}

/// <summary>One connection's worth of deliveries; a failed message leaves the batch usable for the next.</summary>
public interface IChannelBatch : IAsyncDisposable
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>
/// A delivery failure described for the attempt log: what went wrong, in one line, without a
/// stack trace (the server's reply where there is one).
/// </summary>
public sealed class ChannelDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// WeCom (企业微信) and DingTalk (钉钉) group robots: a markdown message POSTed as JSON to the
/// robot's webhook. Both answer HTTP 200 with <c>errcode</c> 0 on success.
/// </summary>
public sealed class RobotSender(IHttpClientFactory http, NotificationChannel channel) : IChannelSender
{
    public NotificationChannel Channel => channel;

    public static object Payload(NotificationChannel channel, string title, string body) => channel switch
    {
        NotificationChannel.WeCom => new { msgtype = "markdown", markdown = new { content = $"**{title}**\n{body}" } },
        NotificationChannel.DingTalk => new { msgtype = "markdown", markdown = new { title, text = $"### {title}\n{body}" } },
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public async Task SendAsync(OutboxMessage message, NotificationSettings settings, CancellationToken ct)
    {
        var url = channel == NotificationChannel.WeCom ? settings.WeCom.WebhookUrl : settings.DingTalk.WebhookUrl;
        using var client = http.CreateClient("notifications");
        using var response = await client.PostAsJsonAsync(url, Payload(channel, message.Subject, message.Body), ct);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<RobotAnswer>(ct);
        if (answer is { Errcode: not 0 })
        {
            throw new HttpRequestException($"Robot refused: {answer.Errcode} {answer.Errmsg}");
        }
    }

    private sealed record RobotAnswer(int Errcode, string? Errmsg);
}

/// <summary>A generic SMS HTTP gateway: POST <c>{"to","text"}</c>, optional bearer key.</summary>
public sealed class SmsSender(IHttpClientFactory http) : IChannelSender
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task SendAsync(OutboxMessage message, NotificationSettings settings, CancellationToken ct)
    {
        using var client = http.CreateClient("notifications");
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Sms.GatewayUrl)
        {
            Content = JsonContent.Create(new { to = message.Recipient, text = $"{message.Subject} {message.Body}" }),
        };
        if (!string.IsNullOrEmpty(settings.Sms.ApiKey))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", settings.Sms.ApiKey);
        }

        using var response = await client.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}
