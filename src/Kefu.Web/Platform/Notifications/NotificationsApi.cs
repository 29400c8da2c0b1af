using System.Security.Claims;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Notifications;

/// <summary>
/// An inbox item with its title and body in the caller's language; <c>titleKey</c>/<c>bodyKey</c> name
/// the templates they came from (null for items written before texts were kept as keys).
/// </summary>
public sealed record InboxItemDto(long Id, string EventKey, string Title, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt,
    string? TitleKey = null, string? BodyKey = null)
{
    /// <summary>The stored item put into the reader's words.</summary>
    public static InboxItemDto From(InboxItem i) => new(i.Id, i.EventKey, Localization.LocalText.Show(i.Title), Localization.LocalText.Show(i.Body), i.Link,
        i.CreatedAt, i.ReadAt, Localization.LocalText.KeyOf(i.Title), Localization.LocalText.KeyOf(i.Body));
}

public sealed record UnreadDto(int Count);

public sealed record TestMessageInput(string? To);

public sealed record TestMessageResult(long MessageId, string Status, string? Error);

/// <summary>What the settings page and API show: secrets are never sent back, only whether one is set.</summary>
public sealed record ChannelSettingsDto(
    bool SmtpEnabled, string? SmtpHost, int SmtpPort, bool SmtpSsl, string? SmtpUser, bool SmtpPasswordSet, string SmtpFrom,
    bool WeComEnabled, bool WeComWebhookSet, bool DingTalkEnabled, bool DingTalkWebhookSet,
    bool SmsEnabled, string? SmsGatewayUrl, bool SmsKeySet, int FirstRetrySeconds, int MaxAttempts,
    SmtpSecurity SmtpSecurity, int SmtpTimeoutSeconds, bool SmtpAcceptUntrustedCertificate)
{
    public static ChannelSettingsDto From(NotificationSettings s) => new(
        s.Smtp.Enabled, s.Smtp.Host, s.Smtp.Port, s.Smtp.EffectiveSecurity != SmtpSecurity.None, s.Smtp.UserName, !string.IsNullOrEmpty(s.Smtp.Password), s.Smtp.From,
        s.WeCom.Enabled, !string.IsNullOrEmpty(s.WeCom.WebhookUrl), s.DingTalk.Enabled, !string.IsNullOrEmpty(s.DingTalk.WebhookUrl),
        s.Sms.Enabled, s.Sms.GatewayUrl, !string.IsNullOrEmpty(s.Sms.ApiKey), s.FirstRetrySeconds, s.MaxAttempts,
        s.Smtp.EffectiveSecurity, s.Smtp.TimeoutSeconds, s.Smtp.AcceptUntrustedCertificate);
}

public static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        group.MapGet("/", Inbox).WithName("ListMyNotifications").WithSummary("My in-app inbox, newest first.");
        group.MapGet("/unread-count", async (ClaimsPrincipal user, KefuDbContext db, CancellationToken ct) =>
            TypedResults.Ok(new UnreadDto(await Unread(db, user.FindFirstValue(ClaimTypes.NameIdentifier)!).CountAsync(ct)))).WithName("CountMyUnread");
        group.MapPost("/{id:long}/read", MarkRead).RequireWritePolicy(WritePolicy.OwnData).WithName("MarkNotificationRead");
        group.MapPost("/read-all", async (ClaimsPrincipal user, KefuDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await Unread(db, user.FindFirstValue(ClaimTypes.NameIdentifier)!).ExecuteUpdateAsync(s => s.SetProperty(i => i.ReadAt, now), ct);
            return TypedResults.NoContent();
        }).RequireWritePolicy(WritePolicy.OwnData).WithName("MarkAllNotificationsRead");

        var admin = group.MapGroup("/channels").RequireAuthorization(Policies.Administer);
        admin.MapGet("/", async (PolicyStore store, CancellationToken ct) =>
            TypedResults.Ok(ChannelSettingsDto.From(await store.GetAsync<NotificationSettings>(NotificationSettings.Key, ct)))).WithName("GetNotificationChannels");
        admin.MapPost("/{channel}/test", Test).RequireWritePolicy(Policies.Administer).WithName("TestNotificationChannel")
             .WithSummary("Send a test message over one channel (email, wecom, dingtalk, sms) and report the result.");
    }

    internal static IQueryable<InboxItem> Unread(KefuDbContext db, string userId) =>
        db.Set<InboxItem>().Where(i => i.UserId == userId && i.ReadAt == null);

    /// <summary>The columns the inbox sorts on; newest first when none is asked for.</summary>
    public static readonly SortMap<InboxItem> InboxSorts = new SortMap<InboxItem>(q => q.OrderByDescending(i => i.Id), q => q.ThenByDescending(i => i.Id))
        .Add("created", i => i.CreatedAt).Add("read", i => i.ReadAt).Add("event", i => i.EventKey);

    private static async Task<Results<Ok<Paged<InboxItemDto>>, ValidationProblem>> Inbox(
        bool? unread, int? page, int? pageSize, string? sort, string? dir, ClaimsPrincipal user, KefuDbContext db, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, InboxSorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var query = db.Set<InboxItem>().AsNoTracking().Where(i => i.UserId == userId);
        if (unread == true)
        {
            query = query.Where(i => i.ReadAt == null);
        }

        var total = await query.CountAsync(ct);
        var items = (await InboxSorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct)).Select(InboxItemDto.From).ToList();
        return TypedResults.Ok(new Paged<InboxItemDto>(items, p, size, total));
    }

    private static async Task<Results<NoContent, NotFound>> MarkRead(long id, ClaimsPrincipal user, KefuDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var item = await db.Set<InboxItem>().SingleOrDefaultAsync(i => i.Id == id && i.UserId == userId, ct);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        item.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TestMessageResult>, ValidationProblem>> Test(
        string channel, TestMessageInput input, ChannelTester tester, CancellationToken ct)
    {
        var (result, problems) = await tester.TestAsync(channel, input.To, ct);
        return result is null ? problems.ToProblem() : TypedResults.Ok(result);
    }
}

/// <summary>Sends one test message through the outbox at once, so the attempt is recorded like any other.</summary>
public sealed class ChannelTester(KefuDbContext db, PolicyStore store, OutboxDispatcher dispatcher, TimeProvider clock)
{
    public async Task<(TestMessageResult? Result, ProblemBuilder Problems)> TestAsync(string channelName, string? to, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (!Enum.TryParse<NotificationChannel>(channelName, ignoreCase: true, out var channel) || !Enum.IsDefined(channel))
        {
            problems.Add("channel", "Ntf.UnknownChannel");
            return (null, problems);
        }

        var settings = await store.GetAsync<NotificationSettings>(NotificationSettings.Key, ct);
        if (!settings.IsEnabled(channel))
        {
            problems.Add("channel", "Ntf.ChannelOff");
        }

        if (channel is NotificationChannel.Email or NotificationChannel.Sms)
        {
            problems.Required("to", to).MaxLength("to", to, 256);
        }

        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stamp = now.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var message = new OutboxMessage
        {
            Channel = channel, Recipient = to?.Trim() ?? "", EventKey = "Test",
            Subject = Localization.Text.Get("Ntf.Test.Title"), Body = Localization.Text.Get("Ntf.Test.Body", stamp),
            Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        };
        db.Add(message);
        await db.SaveChangesAsync(ct);
        await dispatcher.DeliverNowAsync(message, settings, ct);
        return (new TestMessageResult(message.Id, message.Status.ToString(), message.LastError), problems);
    }
}
