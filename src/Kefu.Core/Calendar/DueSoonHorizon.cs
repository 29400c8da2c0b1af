namespace Kefu.Core.Calendar;

/// <summary>
/// RPT-01 "due soon": what must be done before the end of the next working day. On a Friday that
/// is the end of Monday (or of the first working day after a holiday); on a day off it is the end
/// of the first working day after it.
/// </summary>
public static class DueSoonHorizon
{
    /// <summary>The first instant after the next working day, in the calendar's own time.</summary>
    public static DateTimeOffset EndOfNextWorkingDay(this WorkingCalendar calendar, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(calendar.ToCalendarTime(now).DateTime);
        var next = calendar.NextWorkingDay(today);
        var midnight = next.AddDays(1).ToDateTime(TimeOnly.MinValue);
        // The offset of that midnight (a calendar on a zone with summer time may change it in between).
        var probe = calendar.ToCalendarTime(new DateTimeOffset(midnight, calendar.ToCalendarTime(now).Offset));
        return new DateTimeOffset(midnight, probe.Offset);
    }
}
