namespace Kefu.Core.Time;

/// <summary>
/// A length of time as people say it (RPT-01, SLA-01): "2 天", "3 小时 12 分", "12 分钟", never
/// "2879 分钟". Long spans keep only their largest unit; short ones keep the next unit too, where
/// it still matters to the reader. The words come from the UI; this decides the numbers.
/// </summary>
/// <param name="Days">Whole days; 0 below a day.</param>
/// <param name="Hours">Hours after the days; 0 when not shown.</param>
/// <param name="Minutes">Minutes after the hours; 0 when not shown. At least 1 when the whole span is under an hour.</param>
public readonly record struct HumanDuration(int Days, int Hours, int Minutes)
{
    /// <summary>From three days on, the hours no longer change what people do.</summary>
    public const int DaysOnlyFrom = 3;

    /// <summary>The span's length, whichever its sign (a deadline passed 12 minutes ago reads "12 分钟").</summary>
    public static HumanDuration Of(TimeSpan span)
    {
        var ticks = span.Ticks == long.MinValue ? long.MaxValue : Math.Abs(span.Ticks);
        var total = TimeSpan.FromTicks(ticks);
        var days = (int)Math.Min(int.MaxValue, Math.Floor(total.TotalDays));
        if (days >= DaysOnlyFrom)
        {
            return new HumanDuration(days, 0, 0);
        }

        if (days >= 1)
        {
            return new HumanDuration(days, total.Hours, 0);
        }

        if (total.Hours >= 1)
        {
            return new HumanDuration(0, total.Hours, total.Minutes);
        }

        // Under a minute still reads "1 分钟": "0 分钟后到期" tells nobody anything.
        return new HumanDuration(0, 0, Math.Max(1, total.Minutes));
    }
}
