using Kefu.Web.Platform.Localization;

namespace Kefu.Web.Platform.Sla;

/// <summary>A deadline in people's words, for badges and exports alike (SLA-01, CAL-02).</summary>
public static class SlaText
{
    /// <summary>"2 天后到期"-style state of a deadline at <paramref name="now"/>.</summary>
    public static string State(TimerDto timer, DateTimeOffset now)
    {
        var due = DateTimeOffset.Parse(timer.DueAt, System.Globalization.CultureInfo.InvariantCulture);
        return timer.State switch
        {
            "Breached" => Text.Get("Sla.Overdue", Span(due - now)),
            "Paused" => Text.Get("Sla.Paused"),
            "Stopped" => Text.Get("Sla.Stopped"),
            _ => Text.Get("Sla.DueIn", Span(due - now)),
        };
    }

    /// <summary>"3 小时 12 分后到期" or "已超时 12 分钟" for a due instant (RPT-01's lists on the dashboard).</summary>
    public static string Due(DateTime dueUtc, DateTimeOffset now)
    {
        var left = DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc) - now.UtcDateTime;
        return left > TimeSpan.Zero ? Text.Get("Sla.DueIn", Span(left)) : Text.Get("Sla.Overdue", Span(left));
    }

    /// <summary>"2 天", "3 小时 12 分", "12 分钟" in the reader's language.</summary>
    public static string Span(TimeSpan span)
    {
        var spoken = Kefu.Core.Sla.SpokenSpan.Of(span);
        return spoken.Words switch
        {
            Kefu.Core.Sla.SpanWords.Minutes => Text.Get("Span.Minutes", spoken.First),
            Kefu.Core.Sla.SpanWords.Hours => Text.Get("Span.Hours", spoken.First),
            Kefu.Core.Sla.SpanWords.HoursMinutes => Text.Get("Span.HoursMinutes", spoken.First, spoken.Second),
            Kefu.Core.Sla.SpanWords.DayHours => Text.Get("Span.DayHours", spoken.First, spoken.Second),
            Kefu.Core.Sla.SpanWords.Days => Text.Get("Span.Days", spoken.First),
        };
    }

    /// <summary>CAL-02: why a deadline is provisional, or null when it is not.</summary>
    public static string? ProvisionalReason(TimerDto timer) => timer switch
    {
        { Provisional: false } => null,
        { ProvisionalReason: SlaApi.FiredOnProvisionalDueTime } => Text.Get("Sla.ProvisionalFired"),
        _ => Text.Get("Sla.ProvisionalReason", string.Join("、", timer.ProvisionalYears ?? [])),
    };
}
