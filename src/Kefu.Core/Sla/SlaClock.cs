using Kefu.Core.Calendar;

namespace Kefu.Core.Sla;

/// <summary>Where a timer stands at a moment (SLA-01, SLA-03).</summary>
public enum SlaState
{
    Running,
    Warning,
    Breached,
    Paused,
    Stopped,
}

/// <summary>
/// The arithmetic of an SLA timer, pure: given its start, target, warning share, the time spent
/// paused and the calendar, when is it due, when does it warn, how much is used. Paused time is
/// excluded by pushing the due instant back by the paused amount, measured on the target's own
/// clock (wall or working time), so pausing on a Sunday costs a working-time timer nothing.
/// </summary>
public static class SlaClock
{
    /// <summary>The instant the target is used up, given <paramref name="paused"/> time already excluded.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset start, SlaTarget target, TimeSpan paused, WorkingCalendar calendar) =>
        Advance(start, target.Length(calendar) + paused, target, calendar);

    /// <summary>The instant the warning share (default 80 %) of the target is used up.</summary>
    public static DateTimeOffset WarnAt(DateTimeOffset start, SlaTarget target, int warningPercent, TimeSpan paused, WorkingCalendar calendar)
    {
        var share = TimeSpan.FromTicks(target.Length(calendar).Ticks * Math.Clamp(warningPercent, 0, 100) / 100);
        return Advance(start, share + paused, target, calendar);
    }

    /// <summary>Time on the target's clock between two instants (the length of a pause, the time used).</summary>
    public static TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to, SlaTarget target, WorkingCalendar calendar) =>
        target.UsesWorkingTime ? calendar.WorkingTimeBetween(from, to) : to - from;

    /// <summary>Share of the target used at <paramref name="now"/>, 0–100+ (over 100 when breached).</summary>
    public static int PercentUsed(DateTimeOffset start, DateTimeOffset now, SlaTarget target, TimeSpan paused, WorkingCalendar calendar)
    {
        var length = target.Length(calendar);
        if (length <= TimeSpan.Zero)
        {
            return 100;
        }

        var used = Elapsed(start, now, target, calendar) - paused;
        return (int)Math.Max(0, used.Ticks * 100 / length.Ticks);
    }

    /// <summary>
    /// CAL-02: the years whose arrangement is missing that a deadline is counted through, from its
    /// start to its due instant; empty when the deadline is certain. Wall-clock targets never
    /// depend on the calendar, so they are never provisional.
    /// </summary>
    public static IReadOnlyList<int> ProvisionalYears(DateTimeOffset start, DateTimeOffset dueAt, SlaTarget target, WorkingCalendar calendar) =>
        target.UsesWorkingTime ? calendar.ProvisionalYearsBetween(start, dueAt) : [];

    /// <summary>The state at <paramref name="now"/> of a timer that is neither paused nor stopped.</summary>
    public static SlaState StateAt(DateTimeOffset now, DateTimeOffset warnAt, DateTimeOffset dueAt) =>
        now >= dueAt ? SlaState.Breached : now >= warnAt ? SlaState.Warning : SlaState.Running;

    private static DateTimeOffset Advance(DateTimeOffset start, TimeSpan amount, SlaTarget target, WorkingCalendar calendar) =>
        target.UsesWorkingTime ? calendar.AddWorkingTime(start, amount) : start + amount;

    /// <summary>
    /// SLA-04: a running timer stopped after its due time, before any sweep fired its breach,
    /// has breached all the same (met means stopped by the due time).
    /// </summary>
    public static bool StoppedAfterDue(bool running, bool alreadyBreached, DateTimeOffset dueAt, DateTimeOffset stoppedAt) =>
        running && !alreadyBreached && stoppedAt > dueAt;
}
