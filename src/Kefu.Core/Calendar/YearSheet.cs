namespace Kefu.Core.Calendar;

/// <summary>
/// PLT-05: a calendar year written as a sheet, one row per date with its kind. The rules that make
/// such a sheet one arrangement of the year: each kind agrees with the calendar's working week,
/// every date of the year is there, and only holidays and make-up working days become dated days.
/// </summary>
public static class YearSheet
{
    /// <summary>
    /// PLT-05: the kind of a date must agree with the working week: a working day on a working
    /// weekday, a weekend on a rest weekday, a make-up working day only on a rest weekday (a
    /// holiday may fall on any day). Null when it agrees, else the message key saying what to write.
    /// </summary>
    public static string? KindMustAgreeWithTheWorkingWeek(DayKind kind, DayOfWeek weekday, IReadOnlySet<DayOfWeek> workingWeekdays)
    {
        var working = workingWeekdays.Contains(weekday);
        return kind switch
        {
            DayKind.Workday when !working => "CalendarSheet.WorkdayOnRestDay",
            DayKind.Weekend when working => "CalendarSheet.WeekendOnWorkingDay",
            DayKind.Makeup when working => "CalendarSheet.MakeupOnWorkingDay",
            _ => null,
        };
    }

    /// <summary>PLT-05: the year is one unit: the dates of <paramref name="year"/> no row gives, in order.</summary>
    public static IReadOnlyList<DateOnly> MissingDates(int year, IReadOnlySet<DateOnly> given) =>
        Dates(year).Where(d => !given.Contains(d)).ToArray();

    /// <summary>Every date of a year, in order.</summary>
    public static IEnumerable<DateOnly> Dates(int year)
    {
        var first = new DateOnly(year, 1, 1);
        return Enumerable.Range(0, first.AddYears(1).DayNumber - first.DayNumber).Select(first.AddDays);
    }

    /// <summary>What a row adds to the arrangement: a holiday or a make-up working day is a dated day; a plain day follows the working week.</summary>
    public static DatedDay? Dated(DateOnly date, DayKind kind, string name) => kind switch
    {
        DayKind.Holiday => new DatedDay(date, true, name),
        DayKind.Makeup => new DatedDay(date, false, name),
        _ => null,
    };

    /// <summary>The kind a template gives a date: the working week alone.</summary>
    public static DayKind ByTheWorkingWeek(DateOnly date, IReadOnlySet<DayOfWeek> workingWeekdays) =>
        workingWeekdays.Contains(date.DayOfWeek) ? DayKind.Workday : DayKind.Weekend;
}
