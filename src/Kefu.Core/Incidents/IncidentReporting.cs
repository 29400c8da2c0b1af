using Kefu.Core.Calendar;
using Kefu.Core.Sla;

namespace Kefu.Core.Incidents;

/// <summary>EXC-02 / EXC-04: when the email report is due, and whether the responsible leader must be phoned first (and the call logged).</summary>
public sealed record EmailReportDeadline(DateTimeOffset DueAt, bool OutsideWorkingTime)
{
    /// <summary>EXC-04: outside working time the responsible leader is phoned first; the call is logged.</summary>
    public bool LeaderMustBePhoned => OutsideWorkingTime;
}

/// <summary>EXC-05: the reply the agent aims for and the reply promised to the customer.</summary>
public sealed record ReplyDeadlines(DateTimeOffset TargetAt, DateTimeOffset PromiseAt);

/// <summary>EXC-05: where the customer's reply stands.</summary>
public enum ReplyStatus
{
    /// <summary>Not replied, target not reached yet.</summary>
    Waiting,

    /// <summary>Not replied, past the target but within the promise.</summary>
    PastTarget,

    /// <summary>Not replied and the promise is broken: escalate.</summary>
    Overdue,

    RepliedWithinTarget,
    RepliedWithinPromise,

    /// <summary>Replied after the promise.</summary>
    RepliedLate,
}

/// <summary>The reporting rules of seed 001 chapters 3–4 (EXC-02 to EXC-05).</summary>
public static class IncidentReporting
{
    /// <summary>EXC-02 / EXC-03: who gets the email report, as role keys, by how CS learned of the incident.</summary>
    public static IReadOnlyList<string> ReportRecipients(IncidentSource source, IncidentPolicy policy) =>
        policy.RecipientsBySource.TryGetValue(source, out var roles) ? roles : [];

    /// <summary>
    /// EXC-04: whether an instant is working time for reporting: inside an office period of a working
    /// day on the branch calendar, or — when <see cref="IncidentPolicy.BreaksCountAsWorkingTime"/> —
    /// between the first period's start and the last one's end (the lunch break). Weekends, holidays,
    /// nights and early mornings are outside; a make-up working day (调休) is a working day.
    /// </summary>
    public static bool IsReportingWorkingTime(DateTimeOffset instant, WorkingCalendar calendar, IncidentPolicy policy)
    {
        if (calendar.IsWorkingTime(instant))
        {
            return true;
        }

        if (!policy.BreaksCountAsWorkingTime)
        {
            return false;
        }

        var local = calendar.ToCalendarTime(instant).DateTime;
        var periods = calendar.Definition.Periods;
        var time = TimeOnly.FromDateTime(local);
        return calendar.IsWorkingDay(DateOnly.FromDateTime(local)) && time >= periods[0].Start && time < periods[^1].End;
    }

    /// <summary>
    /// EXC-02 / EXC-04: the email report's deadline for an incident CS learned of at
    /// <paramref name="receivedAt"/>. In working time: 5 wall-clock minutes later. Outside it
    /// (seed 001 §3.1.7 "事故发生后第一个工作日早上 9 点钟"): 09:00 of the first working day whose
    /// 09:00 is after the incident — the same day when it came before 09:00 on a working day, else the
    /// next working day — and the responsible leader is phoned first. Never earlier than the 5 minutes
    /// (a complaint at 08:58 is due 09:03, not 09:00).
    /// </summary>
    public static EmailReportDeadline EmailReportDue(DateTimeOffset receivedAt, WorkingCalendar calendar, IncidentPolicy policy)
    {
        var fiveMinutes = calendar.ToCalendarTime(receivedAt + TimeSpan.FromMinutes(policy.EmailReportMinutes));
        if (IsReportingWorkingTime(receivedAt, calendar, policy))
        {
            return new EmailReportDeadline(fiveMinutes, OutsideWorkingTime: false);
        }

        var local = calendar.ToCalendarTime(receivedAt).DateTime;
        var date = DateOnly.FromDateTime(local);
        var day = calendar.IsWorkingDay(date) && TimeOnly.FromDateTime(local) < policy.EmailReportTimeOfDay ? date : calendar.NextWorkingDay(date);
        var morning = AtLocal(day, policy.EmailReportTimeOfDay, calendar);
        return new EmailReportDeadline(morning > fiveMinutes ? morning : fiveMinutes, OutsideWorkingTime: true);
    }

    /// <summary>EXC-02: the report's size as an SLA target, for the platform's timers (5 wall-clock minutes).</summary>
    public static SlaTarget EmailReportTarget(IncidentPolicy policy) => SlaTarget.Minutes(policy.EmailReportMinutes);

    /// <summary>EXC-05: the reply target (5 min) and promise (10 min) after the complaint, wall-clock, nights and holidays included.</summary>
    public static ReplyDeadlines ReplyDue(DateTimeOffset receivedAt, IncidentPolicy policy) =>
        new(receivedAt + TimeSpan.FromMinutes(policy.ReplyTargetMinutes), receivedAt + TimeSpan.FromMinutes(policy.ReplyPromiseMinutes));

    /// <summary>
    /// EXC-05: the promise as an SLA target whose warning share is the target (5 of 10 minutes → 50 %),
    /// so the platform's timer warns at the target and breaches at the promise.
    /// </summary>
    public static (SlaTarget Promise, int WarningPercent) ReplyTimer(IncidentPolicy policy) =>
        (SlaTarget.Minutes(policy.ReplyPromiseMinutes),
         policy.ReplyPromiseMinutes <= 0 ? 100 : Math.Clamp(policy.ReplyTargetMinutes * 100 / policy.ReplyPromiseMinutes, 0, 100));

    /// <summary>EXC-05: the reply's status at <paramref name="now"/>; a reply exactly at a deadline is within it.</summary>
    public static ReplyStatus ReplyStatusAt(DateTimeOffset receivedAt, DateTimeOffset? repliedAt, DateTimeOffset now, IncidentPolicy policy)
    {
        var due = ReplyDue(receivedAt, policy);
        if (repliedAt is { } replied)
        {
            return replied <= due.TargetAt ? ReplyStatus.RepliedWithinTarget
                : replied <= due.PromiseAt ? ReplyStatus.RepliedWithinPromise
                : ReplyStatus.RepliedLate;
        }

        return now > due.PromiseAt ? ReplyStatus.Overdue : now > due.TargetAt ? ReplyStatus.PastTarget : ReplyStatus.Waiting;
    }

    /// <summary>
    /// EXC-05: who the matter goes to beyond the agent: the CS director (policy
    /// <see cref="IncidentPolicy.EscalationRole"/>) when it is beyond the agent's authority or the
    /// reply promise is broken; nobody otherwise.
    /// </summary>
    public static IReadOnlyList<string> Escalation(bool beyondAgentAuthority, ReplyStatus status, IncidentPolicy policy) =>
        beyondAgentAuthority || status is ReplyStatus.Overdue or ReplyStatus.RepliedLate ? [policy.EscalationRole] : [];

    private static DateTimeOffset AtLocal(DateOnly day, TimeOnly time, WorkingCalendar calendar)
    {
        var local = day.ToDateTime(time);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.Definition.TimeZoneId);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
