using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Platform.Observability;

/// <summary>
/// Kefu's own instruments on the "Kefu" meter: SLA breaches and sweep lag, the outbox backlog and
/// its failures, failed sign-ins, and database command durations. Counters cost nothing while no
/// exporter listens; the gauges read the database only when a collector asks, at most once per
/// <see cref="MetricsOptions.GaugeCacheSeconds"/>, and never throw.
/// </summary>
public sealed class KefuMetrics
{
    public const string MeterName = "Kefu";

    private readonly Counter<long> _breaches;
    private readonly Counter<long> _outboxFailures;
    private readonly Counter<long> _signInFailures;
    private readonly Histogram<double> _dbCommands;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly IOptionsMonitor<MetricsOptions> _options;
    private readonly ILogger<KefuMetrics> _logger;
    private readonly Lock _gate = new();
    private BacklogSnapshot? _snapshot;
    private long _snapshotTicks;

    public KefuMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, IOptionsMonitor<MetricsOptions> options, ILogger<KefuMetrics> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _options = options;
        _logger = logger;
        var meter = meters.Create(MeterName);
        _breaches = meter.CreateCounter<long>("kefu.sla.breaches", "{breach}", "SLA breaches recorded (by the sweep or by a stop after the due time), by rule and record type.");
        _outboxFailures = meter.CreateCounter<long>("kefu.outbox.failures", "{attempt}", "Failed delivery attempts of outbox messages, by channel.");
        _signInFailures = meter.CreateCounter<long>("kefu.signin.failures", "{attempt}", "Failed sign-ins (wrong name or password, or refused by the limits), by channel and reason.");
        _dbCommands = meter.CreateHistogram<double>("kefu.db.command.duration", "s", "Duration of database commands sent by EF Core, by provider, operation and outcome.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        meter.CreateObservableGauge("kefu.sla.sweep.lag", ObserveSweepLag, "s", "Now minus the oldest warning or breach that is due and not fired yet; 0 when none.");
        meter.CreateObservableGauge("kefu.outbox.pending", ObserveOutboxPending, "{message}", "Outbox messages waiting for delivery, by channel.");
    }

    /// <summary>SLA-04: one breach of <paramref name="rule"/> on a <paramref name="recordType"/> record was saved.</summary>
    public void BreachRecorded(string rule, string recordType, bool late) =>
        _breaches.Add(1, new("rule", rule), new("record_type", recordType), new("late", late ? "true" : "false"));

    public void OutboxAttemptFailed(NotificationChannel channel) =>
        _outboxFailures.Add(1, new KeyValuePair<string, object?>("channel", ChannelName(channel)));

    /// <summary><paramref name="reason"/>: <c>failed</c> (wrong name or password) or <c>limited</c> (refused by the limits or a lockout).</summary>
    public void SignInFailed(string channel, string reason) =>
        _signInFailures.Add(1, new("channel", channel), new("reason", reason));

    public void DatabaseCommand(string provider, string operation, TimeSpan duration, bool failed) =>
        _dbCommands.Record(duration.TotalSeconds, new("db.system.name", provider), new("db.operation.name", operation), new("outcome", failed ? "error" : "ok"));

    public static string ChannelName(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => "email",
        NotificationChannel.WeCom => "wecom",
        NotificationChannel.DingTalk => "dingtalk",
        NotificationChannel.Sms => "sms",
    };

    private IEnumerable<Measurement<double>> ObserveSweepLag() =>
        Snapshot() is { } s ? [new Measurement<double>(s.SweepLagSeconds)] : [];

    private IEnumerable<Measurement<long>> ObserveOutboxPending() =>
        Snapshot() is { } s
            ? Enum.GetValues<NotificationChannel>().Select(c => new Measurement<long>(s.Pending.GetValueOrDefault(c), new KeyValuePair<string, object?>("channel", ChannelName(c))))
            : [];

    /// <summary>The database-backed values, read at most once per cache period; null (the gauges report nothing) when the database cannot answer.</summary>
    private BacklogSnapshot? Snapshot()
    {
        lock (_gate)
        {
            var maxAge = TimeSpan.FromSeconds(Math.Max(0, _options.CurrentValue.GaugeCacheSeconds));
            if (_snapshot is not null && Stopwatch.GetElapsedTime(_snapshotTicks) < maxAge)
            {
                return _snapshot;
            }

            try
            {
                _snapshot = ReadBacklog();
                _snapshotTicks = Stopwatch.GetTimestamp();
                return _snapshot;
            }
            catch (Exception e)
            {
                // A scrape must never fail because the database is busy or down; /health/ready reports that.
                _logger.LogDebug(e, "Could not read the SLA and outbox gauges.");
                return null;
            }
        }
    }

    private BacklogSnapshot ReadBacklog()
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var now = _clock.GetUtcNow().UtcDateTime;
        // The same conditions as SlaSweeper's, on the same indexes (Status, DueAt) and (Status, WarnAt).
        var oldestBreach = db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.Status == TimerStatus.Running && t.BreachedAt == null && t.DueAt <= now)
            .OrderBy(t => t.DueAt).Select(t => (DateTime?)t.DueAt).FirstOrDefault();
        var oldestWarning = db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.Status == TimerStatus.Running && t.WarnedAt == null && t.BreachedAt == null && t.WarnAt <= now)
            .OrderBy(t => t.WarnAt).Select(t => (DateTime?)t.WarnAt).FirstOrDefault();
        var oldest = new[] { oldestBreach, oldestWarning }.Where(d => d is not null).Min();
        var lag = oldest is { } due ? Math.Max(0, (now - due).TotalSeconds) : 0;
        var pending = db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == DeliveryStatus.Pending)
            .GroupBy(m => m.Channel).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionary(g => g.Key, g => g.Count);
        return new BacklogSnapshot(lag, pending);
    }

    private sealed record BacklogSnapshot(double SweepLagSeconds, Dictionary<NotificationChannel, long> Pending);
}
