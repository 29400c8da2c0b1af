using Kefu.Core.Time;

namespace Kefu.Web.Platform.Localization;

/// <summary>Durations and deadlines in the reader's words (UI.md "Time as people say it").</summary>
public static class HumanTime
{
    /// <summary>"2 天", "1 天 4 小时", "3 小时 12 分", "12 分钟".</summary>
    public static string Duration(TimeSpan span)
    {
        var d = HumanDuration.Of(span);
        var parts = new List<string>(2);
        if (d.Days > 0)
        {
            parts.Add(Text.Get(d.Days == 1 ? "Time.Day" : "Time.Days", d.Days));
        }

        if (d.Hours > 0)
        {
            parts.Add(Text.Get(d.Hours == 1 ? "Time.Hour" : "Time.Hours", d.Hours));
        }

        if (d.Minutes > 0)
        {
            parts.Add(Text.Get(parts.Count > 0 ? "Time.MinutesAfterHours" : "Time.Minutes", d.Minutes));
        }

        return string.Join(" ", parts);
    }

    /// <summary>"3 小时 12 分后到期" or "已超时 12 分钟".</summary>
    public static string Due(DateTime dueUtc, DateTimeOffset now)
    {
        var left = DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc) - now.UtcDateTime;
        return left > TimeSpan.Zero ? Text.Get("Time.DueIn", Duration(left)) : Text.Get("Time.Overdue", Duration(left));
    }
}
