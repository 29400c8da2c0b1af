namespace Kefu.Core.Calendar;

/// <summary>The administrator's numbers for the calendar (CAL-02), saved under <see cref="Key"/>.</summary>
public sealed record CalendarPolicy
{
    public const string Key = "calendar.policy";

    /// <summary>
    /// CAL-02: from this day of each year (default 1 November: the State Council publishes the next
    /// year's arrangement around then), administrators are warned while next year is provisional.
    /// </summary>
    public int WarnFromMonth { get; init; } = 11;

    /// <summary>The day of <see cref="WarnFromMonth"/>; see there.</summary>
    public int WarnFromDay { get; init; } = 1;

    /// <summary>Problems as (field, lowest, highest) triples; empty when the policy can be saved.</summary>
    public IReadOnlyList<(string Field, int Min, int Max)> Validate()
    {
        var problems = new List<(string, int, int)>();
        if (WarnFromMonth is < 1 or > 12)
        {
            problems.Add(("warnFromMonth", 1, 12));
        }
        else
        {
            // A day every year has: no 29 February.
            var days = DateTime.DaysInMonth(2001, WarnFromMonth);
            if (WarnFromDay < 1 || WarnFromDay > days)
            {
                problems.Add(("warnFromDay", 1, days));
            }
        }

        return problems;
    }

    /// <summary>The first day of <paramref name="year"/> on which next year's missing arrangement is announced.</summary>
    public DateOnly WarnFrom(int year) => new(year, WarnFromMonth, WarnFromDay);
}

/// <summary>Which arrangement is missing: the year being counted on now, or the one that comes next.</summary>
public enum MissingYear
{
    /// <summary>Next year, from the policy's day on: deadlines reaching into it are already guesses.</summary>
    Next,

    /// <summary>The current year: every working-day deadline counted today is a guess.</summary>
    Current,
}

/// <summary>A year whose official arrangement Kefu does not have, as seen on a given day.</summary>
public sealed record MissingArrangement(int Year, MissingYear Which);

/// <summary>
/// CAL-02: Kefu says in time what it does not know. A year is provisional until its arrangement is
/// imported; the current year provisional is a degraded calendar, next year provisional from the
/// policy's day is a warning, and administrators hear of either once a week.
/// </summary>
public static class ArrangementReminder
{
    /// <summary>
    /// What is missing on the local date <paramref name="today"/>: the current year whenever it is not
    /// arranged, and next year from <see cref="CalendarPolicy.WarnFrom"/> on. Empty when nothing is.
    /// </summary>
    public static IReadOnlyList<MissingArrangement> MissingOn(DateOnly today, Func<int, bool> isArranged, CalendarPolicy policy)
    {
        var missing = new List<MissingArrangement>();
        if (!isArranged(today.Year))
        {
            missing.Add(new MissingArrangement(today.Year, MissingYear.Current));
        }

        if (today >= policy.WarnFrom(today.Year) && today.Year < WorkingCalendar.DefaultLastDate.Year && !isArranged(today.Year + 1))
        {
            missing.Add(new MissingArrangement(today.Year + 1, MissingYear.Next));
        }

        return missing;
    }

    /// <summary>On and after 1 January of a provisional year the calendar is degraded (still serving, with the reason).</summary>
    public static bool IsDegradedOn(DateOnly today, Func<int, bool> isArranged) => !isArranged(today.Year);

    /// <summary>
    /// The Monday of the week of <paramref name="day"/>: the key of the weekly reminder, so that a
    /// reminder sent on any day of a week is the only one of that week.
    /// </summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
