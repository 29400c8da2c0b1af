using System.Globalization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Platform.Observability;

/// <summary>Thresholds of <c>/health/ready</c> (<c>Kefu:Health</c>).</summary>
public sealed class HealthOptions
{
    public const string Section = "Kefu:Health";

    /// <summary>The outbox is Degraded when its oldest pending message waits longer than this.</summary>
    public int OutboxMaxPendingMinutes { get; set; } = 15;

    /// <summary>An intake mailbox is Degraded when it has failed this many times in a row.</summary>
    public int MailboxMaxFailures { get; set; } = 3;
}

/// <summary>NTF-02: the outbox is Degraded when a message has waited longer than <see cref="HealthOptions.OutboxMaxPendingMinutes"/>.</summary>
internal sealed class OutboxHealthCheck(KefuDbContext db, TimeProvider clock, IOptionsMonitor<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var limit = TimeSpan.FromMinutes(Math.Max(1, options.CurrentValue.OutboxMaxPendingMinutes));
        var oldest = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == DeliveryStatus.Pending)
            .OrderBy(m => m.CreatedAt).Select(m => new { m.CreatedAt, m.Channel, m.LastError })
            .FirstOrDefaultAsync(cancellationToken);
        if (oldest is null || now - oldest.CreatedAt <= limit)
        {
            return HealthCheckResult.Healthy();
        }

        var minutes = ((int)(now - oldest.CreatedAt).TotalMinutes).ToString(CultureInfo.InvariantCulture);
        return HealthCheckResult.Degraded(
            $"The oldest pending {KefuMetrics.ChannelName(oldest.Channel)} message has waited {minutes} minutes (limit {limit.TotalMinutes.ToString(CultureInfo.InvariantCulture)})"
            + (oldest.LastError is { } error ? $"; last error: {error}" : "."));
    }
}
