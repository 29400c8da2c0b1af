using Kefu.Web.Data;
using Kefu.Web.Platform.Observability;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Notifications;

/// <summary>
/// NTF-02: delivers due outbox messages, records every attempt, retries with back-off and gives
/// up after the configured number of attempts. A message is claimed (LockedUntil, with the
/// concurrency token) before sending, so two nodes never send the same message.
/// </summary>
public sealed class OutboxDispatcher(KefuDbContext db, PolicyStore policies, IEnumerable<IChannelSender> senders, TimeProvider clock, KefuMetrics metrics, ILogger<OutboxDispatcher> logger)
{
    public const int BatchSize = 50;
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>Sends what is due; returns how many were delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var settings = await policies.GetAsync<NotificationSettings>(NotificationSettings.Key, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMessage>()
            .Where(m => m.Status == DeliveryStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Take(BatchSize).ToListAsync(ct);
        var delivered = 0;
        // One connection per channel for the whole batch (SMTP), closed after the last message.
        await using var connections = new ChannelConnections(senders, settings);
        foreach (var message in due)
        {
            message.LockedUntil = now + ClaimFor;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node took it.
                db.Entry(message).State = EntityState.Detached;
                continue;
            }

            delivered += await DeliverAsync(message, settings, connections, ct) ? 1 : 0;
        }

        return delivered;
    }

    /// <summary>Delivers one message now (the channel test); it stays in the outbox for retries if it fails.</summary>
    public async Task<bool> DeliverNowAsync(OutboxMessage message, NotificationSettings settings, CancellationToken ct)
    {
        await using var connections = new ChannelConnections(senders, settings);
        return await DeliverAsync(message, settings, connections, ct);
    }

    private async Task<bool> DeliverAsync(OutboxMessage message, NotificationSettings settings, ChannelConnections connections, CancellationToken ct)
    {
        string? error = null;
        if (!connections.Has(message.Channel) || !settings.IsEnabled(message.Channel))
        {
            error = $"Channel {message.Channel} is not configured.";
        }
        else
        {
            try
            {
                if (message.Channel == NotificationChannel.Email)
                {
                    await db.Entry(message).Collection(m => m.Attachments).LoadAsync(ct);
                }

                await connections.SendAsync(message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                error = e.Message;
                logger.LogWarning("Delivery of message {Id} over {Channel} failed: {Error}", message.Id, message.Channel, e.Message);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        message.Attempts++;
        message.LockedUntil = null;
        db.Add(new DeliveryAttempt { MessageId = message.Id, At = now, Succeeded = error is null, Error = Cut(error) });
        if (error is null)
        {
            message.Status = DeliveryStatus.Sent;
            message.SentAt = now;
            message.LastError = null;
        }
        else
        {
            metrics.OutboxAttemptFailed(message.Channel);
            message.LastError = Cut(error);
            if (message.Attempts >= settings.MaxAttempts)
            {
                message.Status = DeliveryStatus.Failed;
            }
            else
            {
                message.NextAttemptAt = now + settings.BackOff(message.Attempts);
            }
        }

        await db.SaveChangesAsync(ct);
        return error is null;
    }

    private static string? Cut(string? text) => text is null || text.Length <= 1000 ? text : text[..1000];

    /// <summary>The open batches of one dispatch, one per channel whose sender keeps a connection.</summary>
    private sealed class ChannelConnections(IEnumerable<IChannelSender> senders, NotificationSettings settings) : IAsyncDisposable
    {
        private readonly Dictionary<NotificationChannel, IChannelBatch> _open = [];

        public bool Has(NotificationChannel channel) => senders.Any(s => s.Channel == channel);

        public Task SendAsync(OutboxMessage message, CancellationToken ct)
        {
            var sender = senders.First(s => s.Channel == message.Channel);
            if (sender is not IBatchChannelSender batched)
            {
                return sender.SendAsync(message, settings, ct);
            }

            if (!_open.TryGetValue(message.Channel, out var batch))
            {
                batch = batched.OpenBatch(settings);
                _open[message.Channel] = batch;
            }

            return batch.SendAsync(message, ct);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var batch in _open.Values)
            {
                await batch.DisposeAsync();
            }
        }
    }
}
