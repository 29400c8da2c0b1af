using Kefu.Core.Calendar;

namespace Kefu.Core.Receivables;

/// <summary>AR-04: where the weekly round goes when its day is a holiday.</summary>
public enum RoundMove
{
    /// <summary>To the last working day before it in the same week (a holiday Friday → Thursday, or earlier).</summary>
    PreviousWorkingDay,

    /// <summary>To the first working day after it in the same week (a make-up Saturday counts).</summary>
    NextWorkingDay,
}

/// <summary>The days of one week's reconciliation: the round itself and the manager's review of overdue items.</summary>
public sealed record RoundDays(DateOnly WeekStart, DateOnly RoundDay, DateOnly ReviewDay);

/// <summary>
/// AR-04 (seed 002 补充规定 3–4): technicians reconcile their sales ledger with the coordinator on
/// Friday or Saturday morning; on Monday morning the manager reviews what is overdue. Both days
/// follow the centre's working calendar.
/// </summary>
public static class ReconciliationRound
{
    /// <summary>The Monday of the week (Monday to Sunday, as the Chinese working week) holding the date.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>
    /// The round's day in the week of <paramref name="weekStart"/>: the policy's weekday when the
    /// calendar does not make it a holiday. An ordinary weekend day stays (the seed's Saturday-morning
    /// round is held on a rest day); a holiday moves the round in the policy's direction within the
    /// week, and when that direction has no working day, the other one. Null when the whole week is off.
    /// </summary>
    public static DateOnly? RoundDay(DateOnly weekStart, WorkingCalendar calendar, ReceivablesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(policy);
        var monday = WeekStart(weekStart);
        var day = monday.AddDays(((int)policy.RoundWeekday + 6) % 7);
        var kind = calendar.KindOf(day);
        if (kind is DayKind.Workday or DayKind.Makeup || (kind == DayKind.Weekend && IsWeekendWeekday(policy.RoundWeekday)))
        {
            return day;
        }

        var sunday = monday.AddDays(6);
        DateOnly? Previous()
        {
            for (var d = day.AddDays(-1); d >= monday; d = d.AddDays(-1))
            {
                if (calendar.IsWorkingDay(d))
                {
                    return d;
                }
            }

            return null;
        }

        DateOnly? Next()
        {
            for (var d = day.AddDays(1); d <= sunday; d = d.AddDays(1))
            {
                if (calendar.IsWorkingDay(d))
                {
                    return d;
                }
            }

            return null;
        }

        return policy.RoundMoveDirection switch
        {
            RoundMove.PreviousWorkingDay => Previous() ?? Next(),
            RoundMove.NextWorkingDay => Next() ?? Previous(),
        };
    }

    /// <summary>The Monday review of the week's round: the first working day of the next week (a holiday Monday moves it on).</summary>
    public static DateOnly ReviewDay(DateOnly weekStart, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var sunday = WeekStart(weekStart).AddDays(6);
        return calendar.NextWorkingDay(sunday);
    }

    /// <summary>Both days of the week, or null when the week has no working day for the round.</summary>
    public static RoundDays? DaysOf(DateOnly weekStart, WorkingCalendar calendar, ReceivablesPolicy policy) =>
        RoundDay(weekStart, calendar, policy) is { } round ? new RoundDays(WeekStart(weekStart), round, ReviewDay(weekStart, calendar)) : null;

    private static bool IsWeekendWeekday(DayOfWeek day) => day is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
