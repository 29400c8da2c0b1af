namespace Kefu.Core.Calendar;

/// <summary>
/// The one range of dates and instants Kefu accepts from people and integrations: the years the
/// working calendar compiles (<see cref="WorkingCalendar.DefaultFirstDate"/> to
/// <see cref="WorkingCalendar.DefaultLastDate"/>). A date outside it cannot be measured in
/// working time, so it is refused at the boundary instead of failing deep inside a rule.
/// </summary>
public static class InputRange
{
    public static DateOnly FirstDate => WorkingCalendar.DefaultFirstDate;

    public static DateOnly LastDate => WorkingCalendar.DefaultLastDate;

    /// <summary>A day later than the first and earlier than the last, so a local time in any time zone stays inside.</summary>
    public static bool Contains(DateOnly date) => date > FirstDate && date < LastDate;

    public static bool Contains(DateTime instant) => Contains(DateOnly.FromDateTime(instant));

    public static bool Contains(DateTimeOffset instant) => Contains(DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>The largest amount of money, in yuan, any request may carry: far beyond any real claim, far inside <see cref="long"/> fen.</summary>
    public const decimal MaxAmountYuan = 1_000_000_000_000m;
}
