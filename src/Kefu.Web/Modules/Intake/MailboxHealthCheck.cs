using System.Globalization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Observability;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Modules.Intake;

/// <summary>
/// The state of each enabled intake mailbox on <c>/health/ready</c>: ok, or failing with the failures
/// in a row, the last success and the next attempt. Degraded, not Unhealthy, when one has failed
/// <see cref="HealthOptions.MailboxMaxFailures"/> times in a row: Kefu still serves, but customers'
/// mail is not coming in. Anyone may read the health page, so a mailbox is named by its key only:
/// never its host, user, password or the server's error text.
/// </summary>
internal sealed class MailboxHealthCheck(PolicyStore policies, KefuDbContext db, IOptionsMonitor<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var list = await policies.GetAsync<MailboxList>(MailboxList.Key, cancellationToken);
        var enabled = list.Mailboxes.Where(m => m.Enabled && !string.IsNullOrWhiteSpace(m.Host)).Select(m => m.Key).ToArray();
        if (enabled.Length == 0)
        {
            return HealthCheckResult.Healthy("No mailbox is read.");
        }

        var states = await db.Set<MailboxState>().AsNoTracking().Where(s => enabled.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        var limit = Math.Max(1, options.CurrentValue.MailboxMaxFailures);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var lines = new List<string>();
        var degraded = false;
        foreach (var key in enabled.Order(StringComparer.Ordinal))
        {
            var state = states.GetValueOrDefault(key);
            var failures = state?.Failures ?? 0;
            degraded |= failures >= limit;
            var line = (failures == 0 ? $"{key}: ok" : $"{key}: failing, {failures.ToString(CultureInfo.InvariantCulture)} failures in a row")
                + $", last success {Time(state?.LastSuccessAt)}, next attempt {Time(state?.NextAttemptAt)}";
            lines.Add(line);
            data[key] = line[(key.Length + 2)..];
        }

        var description = string.Join("; ", lines);
        return degraded
            ? HealthCheckResult.Degraded($"{description} (Degraded at {limit.ToString(CultureInfo.InvariantCulture)} failures in a row)", data: data)
            : HealthCheckResult.Healthy(description, data);
    }

    private static string Time(DateTime? utc) => utc is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "never";
}
