using Kefu.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Kefu.Web.Platform.Notifications;

/// <summary>The live bell (NTF-01): pages connect here and are told when their inbox changes.</summary>
[Authorize]
public sealed class NotificationHub : Hub
{
    public const string Path = "/hubs/notifications";
}

/// <summary>Pushes "your inbox changed" to the people who got new items; the page then refreshes its count.</summary>
public sealed class HubInboxObserver(IHubContext<NotificationHub> hub, ILogger<HubInboxObserver> logger) : IInboxObserver
{
    public void Added(IReadOnlyCollection<string> userIds)
    {
        // Fire and forget: a page that misses the push still refreshes its count when it loads.
        _ = hub.Clients.Users(userIds).SendAsync("inboxChanged").ContinueWith(
            t => logger.LogDebug(t.Exception, "Inbox push failed"), TaskContinuationOptions.OnlyOnFaulted);
    }
}
