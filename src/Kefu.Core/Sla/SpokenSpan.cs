namespace Kefu.Core.Sla;

/// <summary>How a span of time is said: the units people use for its size (UI.md "time as people say it").</summary>
public enum SpanWords
{
    /// <summary>Under an hour: "12 分钟".</summary>
    Minutes,

    /// <summary>Whole hours under a day: "3 小时".</summary>
    Hours,

    /// <summary>Hours and minutes under a day: "3 小时 12 分".</summary>
    HoursMinutes,

    /// <summary>One day and some hours: "1 天 5 小时".</summary>
    DayHours,

    /// <summary>Two days or more, in whole days: "2 天".</summary>
    Days,
}

/// <summary>
/// A span said as people say it, never "2879 分钟": minutes under an hour, hours and minutes under a
/// day, a day and hours under two days, whole days beyond. Parts are truncated, not rounded, so a
/// deadline never sounds further away than it is.
/// </summary>
public readonly record struct SpokenSpan(SpanWords Words, int First, int Second = 0)
{
    public static SpokenSpan Of(TimeSpan span)
    {
        var total = (long)Math.Abs(span.TotalMinutes);
        var days = (int)(total / (24 * 60));
        var hours = (int)(total % (24 * 60) / 60);
        var minutes = (int)(total % 60);
        return days switch
        {
            >= 2 => new SpokenSpan(SpanWords.Days, days),
            1 => hours == 0 ? new SpokenSpan(SpanWords.Days, 1) : new SpokenSpan(SpanWords.DayHours, 1, hours),
            _ when hours == 0 => new SpokenSpan(SpanWords.Minutes, minutes),
            _ when minutes == 0 => new SpokenSpan(SpanWords.Hours, hours),
            _ => new SpokenSpan(SpanWords.HoursMinutes, hours, minutes),
        };
    }
}
