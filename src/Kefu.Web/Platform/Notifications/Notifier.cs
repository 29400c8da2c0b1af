using System.Globalization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Notifications;

/// <summary>
/// What happened, to whom, with the values its template needs. The event key names the templates
/// "Ntf.{EventKey}.Title" and ".Body" in each language (NTF-03). An argument that is itself words
/// (a step's name, an enum label, a deadline's stored name) is a <see cref="LocalText"/> or stored
/// text, so each reader gets it in their own language.
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
        // The inbox keeps key and arguments: it is read later, in whatever language the reader then uses.
        var titleText = LocalText.Of($"Ntf.{request.EventKey}.Title", args);
        var bodyText = LocalText.Of($"Ntf.{request.EventKey}.Body", args);
        var storedTitle = titleText.Store(200);
        var storedBody = bodyText.Store();
        foreach (var person in people)
        {
            // Outside channels carry finished words, in the recipient's language (Chinese unless they chose otherwise).
            var culture = CultureInfo.GetCultureInfo(LocalizationSetup.Normalize(person.PreferredCulture));
            var title = titleText.Render(culture);
            var body = bodyText.Render(culture);
            db.Add(new InboxItem { UserId = person.Id, EventKey = request.EventKey, Title = storedTitle, Body = storedBody, Link = request.Link, CreatedAt = now });
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
            var title = titleText.Render(chinese);
            var body = bodyText.Render(chinese);
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
