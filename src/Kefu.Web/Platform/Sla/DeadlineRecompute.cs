using System.Globalization;
using Kefu.Core.Calendar;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Sla;

/// <summary>What a change of a year's arrangement did to the open deadlines.</summary>
public sealed record RecomputeOutcome(int Recomputed, int Moved);

/// <summary>
/// CAL-02: when a year's arrangement changes (imported, declared complete, or withdrawn), every open
/// timer (SLA deadlines and approval steps alike) that was counted provisionally or through that
/// year is counted again on the calendar as it now is. Runs in the caller's unit of work and
/// transaction, so the calendar and the deadlines change together or not at all. The owner hears of
/// a due time that moved; the audit trail records each timer's old and new due time. A timer that
/// has already fired keeps its due time and breach, and its provisional mark with them.
/// </summary>
public sealed class DeadlineRecompute(KefuDbContext db, Notifier notifier)
{
    public const string MovedEvent = "SlaDueMoved";

    /// <summary>Recomputes the open timers of <paramref name="calendarId"/> and of the calendars that inherit from it.</summary>
    public async Task<RecomputeOutcome> RecomputeAsync(string calendarId, int year, CancellationToken ct)
    {
        var all = await db.Set<WorkCalendar>().AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
        var affected = new HashSet<string>(StringComparer.Ordinal) { calendarId };
        // Descendants: a branch calendar inherits the parent's days and arranged years (CAL-03).
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var c in all.Where(c => c.ParentId is not null && affected.Contains(c.ParentId) && !affected.Contains(c.Id)))
            {
                grew |= affected.Add(c.Id);
            }
        }

        // Compiled from this unit of work, so the uncommitted change of the calendar is what counts.
        var compiled = new Dictionary<string, WorkingCalendar>(StringComparer.Ordinal);
        foreach (var id in affected)
        {
            if (await CalendarService.LoadDefinitionAsync(db, id, ct) is { } definition)
            {
                compiled[id] = new WorkingCalendar(definition);
            }
        }

        // A day either side: the bounds are UTC and the year is the calendar's local year.
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(-1);
        var to = new DateTime(year, 12, 31, 0, 0, 0, DateTimeKind.Utc).AddDays(2);
        var ids = compiled.Keys.ToArray();
        var timers = await db.Set<SlaTimer>()
            .Where(t => t.Status != TimerStatus.Stopped && t.BreachedAt == null && t.Unit != SlaUnit.WallMinutes && ids.Contains(t.CalendarId)
                && (t.Provisional || (t.StartedAt < to && t.DueAt >= from)))
            .OrderBy(t => t.Id).ToListAsync(ct);
        var recomputed = 0;
        var moved = 0;
        foreach (var timer in timers)
        {
            var calendar = compiled[timer.CalendarId];
            var (oldDue, oldWarn, oldProvisional) = (timer.DueAt, timer.WarnAt, timer.Provisional);
            SlaService.Schedule(timer, calendar);
            if (timer.DueAt == oldDue && timer.WarnAt == oldWarn && timer.Provisional == oldProvisional)
            {
                continue;
            }

            recomputed++;
            if (timer.DueAt == oldDue || timer.OwnerId is null)
            {
                moved += timer.DueAt == oldDue ? 0 : 1;
                continue;
            }

            moved++;
            await notifier.EnqueueAsync(new NotificationRequest(
                MovedEvent, [timer.OwnerId],
                [timer.Name, Local(calendar, oldDue), Local(calendar, timer.DueAt), year],
                timer.Link, nameof(SlaTimer), timer.Id.ToString(CultureInfo.InvariantCulture), ToGroupRobots: false), ct);
        }

        return new RecomputeOutcome(recomputed, moved);
    }

    private static string Local(WorkingCalendar calendar, DateTime utc) =>
        calendar.ToCalendarTime(SlaService.Utc(utc)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
