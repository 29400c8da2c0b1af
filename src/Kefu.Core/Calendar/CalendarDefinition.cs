namespace Kefu.Core.Calendar;

/// <summary>What a dated day is on a calendar (CAL-01).</summary>
public enum DayKind
{
    Workday,
    Weekend,
    Holiday,

    /// <summary>A Saturday or Sunday that is a working day (调休/补班).</summary>
    Makeup,
}

/// <summary>A dated exception to the weekly pattern: a holiday, or a make-up working day.</summary>
public sealed record DatedDay(DateOnly Date, bool IsOffDay, string Name);

/// <summary>An office period within a working day, e.g. 09:00–12:00.</summary>
public sealed record OfficePeriod(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;

    public static IReadOnlyList<OfficePeriod> Parse(string text)
    {
        var periods = new List<OfficePeriod>();
        foreach (var part in text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length != 2 || !TimeOnly.TryParse(bounds[0], System.Globalization.CultureInfo.InvariantCulture, out var start)
                || !TimeOnly.TryParse(bounds[1], System.Globalization.CultureInfo.InvariantCulture, out var end))
            {
                throw new FormatException($"'{part}' is not an office period like 09:00-12:00.");
            }

            periods.Add(new OfficePeriod(start, end));
        }

        return periods;
    }

    public static string Format(IEnumerable<OfficePeriod> periods) =>
        string.Join(",", periods.Select(p => $"{p.Start:HH\\:mm}-{p.End:HH\\:mm}"));
}

/// <summary>
/// A working calendar as an administrator defines it (CAL-01): weekly pattern, office periods,
/// time zone and dated days. A branch calendar names its parent and overrides what it sets.
/// </summary>
public sealed record CalendarDefinition(
    string Id,
    string Name,
    string TimeZoneId,
    IReadOnlySet<DayOfWeek> WorkingWeekdays,
    IReadOnlyList<OfficePeriod> Periods,
    IReadOnlyDictionary<DateOnly, DatedDay> Days)
{
    /// <summary>
    /// CAL-02: the years whose dated days are complete: an official arrangement was imported, or an
    /// administrator declared their own entry of the year complete. Every other year is provisional:
    /// its days follow the weekly pattern only, because nobody has said where its holidays fall.
    /// </summary>
    public IReadOnlySet<int> ArrangedYears { get; init; } = new HashSet<int>();

    /// <summary>The same definition with <paramref name="years"/> added to the arranged years.</summary>
    public CalendarDefinition Arranging(IEnumerable<int> years) => this with { ArrangedYears = ArrangedYears.Concat(years).ToHashSet() };

    /// <summary>CAL-01 defaults: Monday to Friday, 09:00–12:00 and 13:00–18:00, Asia/Shanghai.</summary>
    public static CalendarDefinition ChinaDefault(string id, string name, IEnumerable<DatedDay> days) => new(
        id, name, "Asia/Shanghai",
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        [new OfficePeriod(new TimeOnly(9, 0), new TimeOnly(12, 0)), new OfficePeriod(new TimeOnly(13, 0), new TimeOnly(18, 0))],
        days.ToDictionary(d => d.Date));

    /// <summary>
    /// CAL-03: a branch calendar takes the parent's dated days and adds or overrides its own; a year
    /// arranged for the parent is arranged for the branch too (CAL-02).
    /// </summary>
    public CalendarDefinition InheritDays(CalendarDefinition parent)
    {
        var merged = new Dictionary<DateOnly, DatedDay>(parent.Days);
        foreach (var (date, day) in Days)
        {
            merged[date] = day;
        }

        return this with { Days = merged, ArrangedYears = ArrangedYears.Concat(parent.ArrangedYears).ToHashSet() };
    }

    /// <summary>Problems that make the definition unusable, as (field, message) pairs; empty when valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var problems = new List<(string, string)>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out _))
        {
            problems.Add(("timeZone", $"Unknown time zone '{TimeZoneId}'."));
        }

        if (WorkingWeekdays.Count == 0)
        {
            problems.Add(("workingWeekdays", "At least one weekday must be a working day."));
        }

        if (Periods.Count == 0)
        {
            problems.Add(("periods", "At least one office period is needed."));
        }

        for (var i = 0; i < Periods.Count; i++)
        {
            if (Periods[i].End <= Periods[i].Start)
            {
                problems.Add(("periods", $"Period {Periods[i].Start:HH\\:mm}-{Periods[i].End:HH\\:mm} ends before it starts."));
            }

            if (i > 0 && Periods[i].Start < Periods[i - 1].End)
            {
                problems.Add(("periods", "Office periods must be in order and must not overlap."));
            }
        }

        return problems;
    }
}
