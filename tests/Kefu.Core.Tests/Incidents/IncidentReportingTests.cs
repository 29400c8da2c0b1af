using Kefu.Core.Incidents;
using Kefu.Core.Sla;
using static Kefu.Core.Tests.Calendar.ChinaCalendar;

namespace Kefu.Core.Tests.Incidents;

public sealed class IncidentReportingTests
{
    private static readonly IncidentPolicy Policy = new();

    [Fact]
    public void EXC_04_complaint_at_20_00_on_30_September_is_due_8_October_09_00()
    {
        var deadline = IncidentReporting.EmailReportDue(At("2026-09-30T20:00:00"), Compiled, Policy);
        Assert.Equal(At("2026-10-08T09:00:00"), deadline.DueAt);
        Assert.Equal(TimeSpan.FromHours(8), deadline.DueAt.Offset);
        Assert.True(deadline.OutsideWorkingTime);
        Assert.True(deadline.LeaderMustBePhoned);
    }

    [Theory]
    [InlineData("2026-09-28T10:00:00", "2026-09-28T10:05:00")]
    [InlineData("2026-09-28T09:00:00", "2026-09-28T09:05:00")] // the first minute of the day
    [InlineData("2026-09-28T17:59:00", "2026-09-28T18:04:00")] // wall-clock: past the end of the day
    [InlineData("2026-09-30T17:58:00", "2026-09-30T18:03:00")] // on the eve of National Day too
    [InlineData("2026-10-10T10:00:00", "2026-10-10T10:05:00")] // Saturday make-up day (调休) is a working day
    [InlineData("2026-09-20T15:00:00", "2026-09-20T15:05:00")] // Sunday make-up day
    public void EXC_02_in_working_time_the_email_report_is_due_5_wall_clock_minutes_later(string received, string due)
    {
        var deadline = IncidentReporting.EmailReportDue(At(received), Compiled, Policy);
        Assert.Equal(At(due), deadline.DueAt);
        Assert.False(deadline.LeaderMustBePhoned);
    }

    // Seed 001 §3.1.7: outside working time the leader is phoned first and the email report is due
    // "事故发生后第一个工作日早上 9 点钟" — 09:00 of the first working day after the incident, which for
    // 07:00 on a working day is 09:00 that day. Seed §3.1.2 gives every report "5 分钟内"; Kefu's
    // reading (the seed does not address a complaint minutes before 09:00): the night-time relaxation
    // never leaves less than those 5 minutes, so 08:58 is due 09:03.
    [Theory]
    [InlineData("2026-09-28T18:00:00", "2026-09-29T09:00:00")] // 18:00 is the end: outside
    [InlineData("2026-09-28T23:59:00", "2026-09-29T09:00:00")]
    [InlineData("2026-09-29T07:00:00", "2026-09-29T09:00:00")] // early morning: 09:00 the same day
    [InlineData("2026-09-29T08:58:00", "2026-09-29T09:03:00")] // never less than the 5 minutes
    [InlineData("2026-09-12T10:00:00", "2026-09-14T09:00:00")] // Saturday morning: Monday 09:00
    [InlineData("2026-09-19T10:00:00", "2026-09-20T09:00:00")] // Saturday before a make-up Sunday: that Sunday
    [InlineData("2026-10-01T10:00:00", "2026-10-08T09:00:00")] // National Day morning
    [InlineData("2026-10-07T22:00:00", "2026-10-08T09:00:00")]
    [InlineData("2025-12-31T19:00:00", "2026-01-04T09:00:00")] // across the year: New Year off, Sunday 01-04 a make-up day
    public void EXC_04_outside_working_time_the_email_is_due_at_09_00_of_the_next_working_day_and_the_leader_is_phoned(string received, string due)
    {
        var deadline = IncidentReporting.EmailReportDue(At(received), Compiled, Policy);
        Assert.Equal(At(due), deadline.DueAt);
        Assert.True(deadline.LeaderMustBePhoned);
    }

    [Fact]
    public void EXC_04_the_lunch_break_counts_as_working_time_by_default()
    {
        Assert.True(IncidentReporting.IsReportingWorkingTime(At("2026-09-28T12:30:00"), Compiled, Policy));
        var deadline = IncidentReporting.EmailReportDue(At("2026-09-28T12:30:00"), Compiled, Policy);
        Assert.Equal(At("2026-09-28T12:35:00"), deadline.DueAt);
        Assert.False(deadline.LeaderMustBePhoned);
        // The break of a day off is still a day off.
        Assert.False(IncidentReporting.IsReportingWorkingTime(At("2026-10-02T12:30:00"), Compiled, Policy));
    }

    [Fact]
    public void EXC_04_a_policy_that_excludes_the_break_sends_a_lunchtime_complaint_to_the_next_morning()
    {
        var policy = Policy with { BreaksCountAsWorkingTime = false };
        var deadline = IncidentReporting.EmailReportDue(At("2026-09-28T12:30:00"), Compiled, policy);
        Assert.Equal(At("2026-09-29T09:00:00"), deadline.DueAt);
        Assert.True(deadline.LeaderMustBePhoned);
        Assert.Equal(At("2026-09-28T11:05:00"), IncidentReporting.EmailReportDue(At("2026-09-28T11:00:00"), Compiled, policy).DueAt);
    }

    [Fact]
    public void EXC_04_a_changed_report_time_and_minutes_take_effect()
    {
        var policy = Policy with { EmailReportTimeOfDay = new TimeOnly(8, 30), EmailReportMinutes = 15 };
        Assert.Equal(At("2026-10-08T08:30:00"), IncidentReporting.EmailReportDue(At("2026-09-30T20:00:00"), Compiled, policy).DueAt);
        Assert.Equal(At("2026-09-28T10:15:00"), IncidentReporting.EmailReportDue(At("2026-09-28T10:00:00"), Compiled, policy).DueAt);
        Assert.Equal(SlaTarget.Minutes(15), IncidentReporting.EmailReportTarget(policy));
    }

    [Fact]
    public void EXC_04_the_deadline_is_in_the_calendars_zone_whatever_zone_the_caller_used()
    {
        var utc = new DateTimeOffset(2026, 9, 30, 12, 0, 0, TimeSpan.Zero); // 20:00 in Shanghai
        var deadline = IncidentReporting.EmailReportDue(utc, Compiled, Policy);
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.FromHours(8)), deadline.DueAt);
        Assert.Equal(TimeSpan.FromHours(8), deadline.DueAt.Offset);
    }

    [Fact]
    public void EXC_02_a_received_complaint_is_reported_to_the_department_manager_qc_manager_and_gm() =>
        Assert.Equal(["CsManager", "QcManager", "Gm"], IncidentReporting.ReportRecipients(IncidentSource.ReceivedComplaint, Policy));

    [Fact]
    public void EXC_03_an_incident_found_in_tracking_also_goes_to_the_project_manager() =>
        Assert.Equal(["ProjectManager", "CsManager", "QcManager", "Gm"], IncidentReporting.ReportRecipients(IncidentSource.FoundInTracking, Policy));

    [Fact]
    public void EXC_03_an_administrator_can_change_the_recipients()
    {
        var policy = Policy with
        {
            RecipientsBySource = new Dictionary<IncidentSource, IReadOnlyList<string>> { [IncidentSource.ReceivedComplaint] = ["CsDirector"] },
        };
        Assert.Equal(["CsDirector"], IncidentReporting.ReportRecipients(IncidentSource.ReceivedComplaint, policy));
        Assert.Empty(IncidentReporting.ReportRecipients(IncidentSource.FoundInTracking, policy));
    }

    [Fact]
    public void EXC_05_the_customer_reply_is_aimed_at_5_and_promised_within_10_minutes_wall_clock()
    {
        var due = IncidentReporting.ReplyDue(At("2026-10-03T23:58:00"), Policy); // a holiday night counts too
        Assert.Equal(new ReplyDeadlines(At("2026-10-04T00:03:00"), At("2026-10-04T00:08:00")), due);
        Assert.Equal((SlaTarget.Minutes(10), 50), IncidentReporting.ReplyTimer(Policy));
    }

    [Theory]
    [InlineData(null, "10:04:00", ReplyStatus.Waiting)]
    [InlineData(null, "10:05:00", ReplyStatus.Waiting)]
    [InlineData(null, "10:06:00", ReplyStatus.PastTarget)]
    [InlineData(null, "10:10:00", ReplyStatus.PastTarget)]
    [InlineData(null, "10:10:01", ReplyStatus.Overdue)]
    [InlineData("10:05:00", "11:00:00", ReplyStatus.RepliedWithinTarget)]
    [InlineData("10:10:00", "11:00:00", ReplyStatus.RepliedWithinPromise)]
    [InlineData("10:10:01", "11:00:00", ReplyStatus.RepliedLate)]
    public void EXC_05_reply_status_against_target_and_promise(string? replied, string now, ReplyStatus expected)
    {
        const string day = "2026-09-28T";
        var status = IncidentReporting.ReplyStatusAt(At(day + "10:00:00"), replied is null ? null : At(day + replied), At(day + now), Policy);
        Assert.Equal(expected, status);
    }

    [Fact]
    public void EXC_05_beyond_authority_or_a_broken_promise_goes_to_the_cs_director()
    {
        Assert.Equal(["CsDirector"], IncidentReporting.Escalation(beyondAgentAuthority: true, ReplyStatus.RepliedWithinTarget, Policy));
        Assert.Equal(["CsDirector"], IncidentReporting.Escalation(false, ReplyStatus.Overdue, Policy));
        Assert.Equal(["CsDirector"], IncidentReporting.Escalation(false, ReplyStatus.RepliedLate, Policy));
        Assert.Empty(IncidentReporting.Escalation(false, ReplyStatus.PastTarget, Policy));
        Assert.Equal(["CsManager"], IncidentReporting.Escalation(true, ReplyStatus.Waiting, Policy with { EscalationRole = "CsManager" }));
    }

    [Fact]
    public void EXC_05_changed_reply_minutes_take_effect()
    {
        var policy = Policy with { ReplyTargetMinutes = 3, ReplyPromiseMinutes = 6 };
        Assert.Equal(new ReplyDeadlines(At("2026-09-28T10:03:00"), At("2026-09-28T10:06:00")), IncidentReporting.ReplyDue(At("2026-09-28T10:00:00"), policy));
        Assert.Equal(ReplyStatus.Overdue, IncidentReporting.ReplyStatusAt(At("2026-09-28T10:00:00"), null, At("2026-09-28T10:07:00"), policy));
    }
}
