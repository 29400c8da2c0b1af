using System.Globalization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Notifications;

/// <summary>
/// What happened, to whom, with the values its template needs. The event key names the templates
/// "Ntf.{EventKey}.Title" and ".Body" in each language (NTF-03).
/// </summary>
public sealed record NotificationRequest(
    string EventKey,
    IReadOnlyCollection<string> UserIds,
    IReadOnlyList<object?> Args,
    string? Link = null,
    string? RelatedType = null,
    string? RelatedId = null,
    bool ToGroupRobots = true);

/// <summary>
/// Puts notifications in the inbox and the outbox of the caller's unit of work (NTF-01, NTF-02):
/// nothing is sent here, so a channel that is down can never fail the business action; the
/// outbox job delivers after the caller's transaction commits.
/// </summary>
public sealed class Notifier(KefuDbContext db, PolicyStore policies, TimeProvider clock)
{
    public async Task EnqueueAsync(NotificationRequest request, CancellationToken ct = default)
    {
        var settings = await policies.GetAsync<NotificationSettings>(NotificationSettings.Key, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = request.UserIds.Distinct().ToArray();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.PhoneNumber, u.PreferredCulture }).ToListAsync(ct);
        var args = request.Args.ToArray();
        foreach (var person in people)
        {
            var culture = CultureInfo.GetCultureInfo(LocalizationSetup.Normalize(person.PreferredCulture));
            var title = Text.In(culture, $"Ntf.{request.EventKey}.Title", args);
            var body = Text.In(culture, $"Ntf.{request.EventKey}.Body", args);
            db.Add(new InboxItem { UserId = person.Id, EventKey = request.EventKey, Title = Cut(title, 200), Body = body, Link = request.Link, CreatedAt = now });
            if (settings.IsEnabled(NotificationChannel.Email) && !string.IsNullOrWhiteSpace(person.Email))
            {
                Outbox(NotificationChannel.Email, person.Email, title, body);
            }

            if (settings.IsEnabled(NotificationChannel.Sms) && !string.IsNullOrWhiteSpace(person.PhoneNumber))
            {
                Outbox(NotificationChannel.Sms, person.PhoneNumber, title, body);
            }
        }

        if (request.ToGroupRobots)
        {
            var chinese = CultureInfo.GetCultureInfo(LocalizationSetup.Chinese);
            var title = Text.In(chinese, $"Ntf.{request.EventKey}.Title", args);
            var body = Text.In(chinese, $"Ntf.{request.EventKey}.Body", args);
            foreach (var channel in new[] { NotificationChannel.WeCom, NotificationChannel.DingTalk }.Where(settings.IsEnabled))
            {
                Outbox(channel, "", title, body);
            }
        }

        void Outbox(NotificationChannel channel, string recipient, string subject, string body) =>
            db.Add(new OutboxMessage
            {
                Channel = channel, Recipient = recipient, EventKey = request.EventKey, Subject = Cut(subject, 300), Body = body,
                Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now, RelatedType = request.RelatedType, RelatedId = request.RelatedId,
            });
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
