using Kefu.Core.Calendar;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Platform.Calendars;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Sla;

/// <summary>What a module asks for when a deadline starts.</summary>
public sealed record StartTimer(
    string RecordType,
    string RecordId,
    string Rule,
    string Name,
    SlaTarget Target,
    string? OwnerId,
    string OrgPath,
    IReadOnlyList<EscalationTarget>? Escalation = null,
    int WarningPercent = 80,
    DateTimeOffset? StartAt = null,
    string? Link = null);

/// <summary>
/// SLA-01..03 for the modules: start, pause, resume and stop timers on their records. Changes are
/// added to the caller's unit of work (its KefuDbContext), saved with the business change.
/// </summary>
public sealed class SlaService(KefuDbContext db, CalendarService calendars, TimeProvider clock, SlaSweeper sweeper)
{
    public async Task<SlaTimer> StartAsync(StartTimer request, CancellationToken ct = default)
    {
        var calendar = await calendars.ForOrgPathAsync(db, request.OrgPath, ct);
        var start = request.StartAt ?? clock.GetUtcNow();
        var timer = new SlaTimer
        {
            RecordType = request.RecordType,
            RecordId = request.RecordId,
            Rule = request.Rule,
            Name = request.Name,
            OwnerId = request.OwnerId,
            OrgPath = request.OrgPath,
            CalendarId = calendar.Definition.Id,
            Unit = request.Target.Unit,
            Amount = request.Target.Amount,
            WarningPercent = request.WarningPercent,
            StartedAt = start.UtcDateTime,
            Status = TimerStatus.Running,
            Escalation = request.Escalation is { Count: > 0 } e ? EscalationTarget.Format(e) : null,
            Link = request.Link,
        };
        Schedule(timer, calendar);
        db.Add(timer);
        return timer;
    }

    /// <summary>SLA-03: waiting for the customer; the time until resume does not count.</summary>
    public async Task<bool> PauseAsync(long timerId, CancellationToken ct = default)
    {
        var timer = await db.Set<SlaTimer>().SingleOrDefaultAsync(t => t.Id == timerId, ct);
        if (timer is null || timer.Status != TimerStatus.Running)
        {
            return false;
        }

        timer.Status = TimerStatus.Paused;
        timer.PausedAt = clock.GetUtcNow().UtcDateTime;
        return true;
    }

    public async Task<bool> ResumeAsync(long timerId, CancellationToken ct = default)
    {
        var timer = await db.Set<SlaTimer>().SingleOrDefaultAsync(t => t.Id == timerId, ct);
        if (timer is null || timer.Status != TimerStatus.Paused || timer.PausedAt is not { } pausedAt)
        {
            return false;
        }

        var calendar = await calendars.GetAsync(timer.CalendarId, ct);
        var paused = SlaClock.Elapsed(Utc(pausedAt), clock.GetUtcNow(), timer.Target, calendar);
        timer.PausedTicks += Math.Max(0, paused.Ticks);
        timer.PausedAt = null;
        timer.Status = TimerStatus.Running;
        Schedule(timer, calendar);
        return true;
    }

    /// <summary>
    /// The stop event: the work the timer measured is done (or no longer applies). SLA-04: a stop
    /// after the due time that the sweep has not fired yet is a breach all the same: it is
    /// recorded (the breach's time minus the due time says how late) and announced exactly as the
    /// sweep would announce it, once — the timer's breach time guards both.
    /// </summary>
    public async Task<int> StopAsync(string recordType, string recordId, string? rule = null, CancellationToken ct = default)
    {
        var timers = await db.Set<SlaTimer>()
            .Where(t => t.RecordType == recordType && t.RecordId == recordId && t.Status != TimerStatus.Stopped && (rule == null || t.Rule == rule))
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var timer in timers)
        {
            if (SlaClock.StoppedAfterDue(timer.Status == TimerStatus.Running, timer.BreachedAt is not null, Utc(timer.DueAt), Utc(now)))
            {
                timer.BreachedAt = now;
                timer.WarnedAt ??= now;
                timer.FiredLate = false;
                await sweeper.AnnounceAsync(timer, breach: true, now, ct);
            }

            timer.Status = TimerStatus.Stopped;
            timer.StoppedAt = now;
            timer.PausedAt = null;
        }

        return timers.Count;
    }

    /// <summary>
    /// The deadline no longer applies and never counted (EXP-12: the clock waits for the paper): the
    /// record's running or paused timers that <paramref name="which"/> selects stop without a breach.
    /// </summary>
    public async Task<int> WithdrawAsync(string recordType, string recordId, Func<SlaTimer, bool> which, CancellationToken ct = default)
    {
        var timers = (await db.Set<SlaTimer>()
            .Where(t => t.RecordType == recordType && t.RecordId == recordId && t.Status != TimerStatus.Stopped).ToListAsync(ct)).Where(which).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var timer in timers)
        {
            timer.Status = TimerStatus.Stopped;
            timer.StoppedAt = now;
            timer.PausedAt = null;
        }

        return timers.Count;
    }

    public async Task<IReadOnlyList<SlaTimer>> ForRecordAsync(string recordType, string recordId, CancellationToken ct = default) =>
        await db.Set<SlaTimer>().AsNoTracking().Where(t => t.RecordType == recordType && t.RecordId == recordId)
            .OrderBy(t => t.StartedAt).ToListAsync(ct);

    /// <summary>Due and warning instants on <paramref name="calendar"/>, and whether they are provisional (CAL-02).</summary>
    internal static void Schedule(SlaTimer timer, WorkingCalendar calendar)
    {
        var start = Utc(timer.StartedAt);
        var paused = TimeSpan.FromTicks(timer.PausedTicks);
        var due = SlaClock.DueAt(start, timer.Target, paused, calendar);
        timer.DueAt = due.UtcDateTime;
        timer.WarnAt = SlaClock.WarnAt(start, timer.Target, timer.WarningPercent, paused, calendar).UtcDateTime;
        timer.Provisional = SlaClock.ProvisionalYears(start, due, timer.Target, calendar).Count > 0;
    }

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
