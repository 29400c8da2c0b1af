namespace Kefu.Core.Calendar;

/// <summary>
/// A straightforward day-by-day implementation of the working-time operations, kept as the
/// oracle for <see cref="WorkingCalendar"/> (randomised equivalence test) and as the baseline of
/// the calendar benchmark. Correct and slow on purpose: never use it in the application.
/// </summary>
public sealed class ReferenceCalendar(CalendarDefinition definition)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZoneId);

    public bool IsWorkingDay(DateOnly date)
    {
        if (definition.Days.TryGetValue(date, out var dated))
        {
            return !dated.IsOffDay;
        }

        return definition.WorkingWeekdays.Contains(date.DayOfWeek);
    }

    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var step = days >= 0 ? 1 : -1;
        var left = Math.Abs(days);
        while (left > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                left--;
            }
        }

        return date;
    }

    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            count += IsWorkingDay(d) ? 1 : 0;
        }

        return count;
    }

    public DateTimeOffset AddWorkingMinutes(DateTimeOffset start, int minutes)
    {
        var local = TimeZoneInfo.ConvertTime(start, _zone).DateTime;
        var left = TimeSpan.FromMinutes(minutes);
        var date = DateOnly.FromDateTime(local);
        var time = local.TimeOfDay;
        while (true)
        {
            if (IsWorkingDay(date))
            {
                foreach (var period in definition.Periods)
                {
                    var begin = period.Start.ToTimeSpan() > time ? period.Start.ToTimeSpan() : time;
                    var end = period.End.ToTimeSpan();
                    if (begin >= end)
                    {
                        continue;
                    }

                    if (left <= end - begin)
                    {
                        var result = date.ToDateTime(TimeOnly.MinValue) + begin + left;
                        return new DateTimeOffset(result, _zone.GetUtcOffset(result));
                    }

                    left -= end - begin;
                }
            }

            date = date.AddDays(1);
            time = TimeSpan.Zero;
        }
    }

    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -WorkingTimeBetween(to, from);
        }

        var a = TimeZoneInfo.ConvertTime(from, _zone).DateTime;
        var b = TimeZoneInfo.ConvertTime(to, _zone).DateTime;
        var total = TimeSpan.Zero;
        for (var date = DateOnly.FromDateTime(a); date <= DateOnly.FromDateTime(b); date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            var dayStart = date.ToDateTime(TimeOnly.MinValue);
            foreach (var period in definition.Periods)
            {
                var begin = Max(dayStart + period.Start.ToTimeSpan(), a);
                var end = Min(dayStart + period.End.ToTimeSpan(), b);
                if (end > begin)
                {
                    total += end - begin;
                }
            }
        }

        return total;
    }

    private static DateTime Max(DateTime x, DateTime y) => x > y ? x : y;

    private static DateTime Min(DateTime x, DateTime y) => x < y ? x : y;
}
