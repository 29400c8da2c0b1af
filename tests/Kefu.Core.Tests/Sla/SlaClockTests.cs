using Kefu.Core.Organization;
using Kefu.Core.Sla;
using Kefu.Core.Tests.Calendar;
using static Kefu.Core.Tests.Calendar.ChinaCalendar;

namespace Kefu.Core.Tests.Sla;

public sealed class SlaClockTests
{
    [Fact]
    public void SLA_01_wall_clock_target_ignores_the_calendar()
    {
        // EXC-02: five minutes, at night and on holidays too.
        var start = At("2026-10-01T23:58:00");
        Assert.Equal(At("2026-10-02T00:03:00"), SlaClock.DueAt(start, SlaTarget.Minutes(5), TimeSpan.Zero, Compiled));
        Assert.Equal(At("2026-10-02T00:02:00"), SlaClock.WarnAt(start, SlaTarget.Minutes(5), 80, TimeSpan.Zero, Compiled));
    }

    [Fact]
    public void SLA_01_working_day_target_counts_working_time_on_the_calendar()
    {
        // EXP-05: the auditor has 3 WD; a form arriving Wednesday 30 Sep 10:00 is due after the National Day holiday.
        var start = At("2026-09-30T10:00:00");
        Assert.Equal(At("2026-10-10T10:00:00"), SlaClock.DueAt(start, SlaTarget.WorkingDays(3), TimeSpan.Zero, ChinaCalendar.Compiled));
    }

    [Fact]
    public void SLA_01_warning_at_80_percent_of_working_time()
    {
        // 10 working minutes from 11:55: 5 before lunch, 5 after; 80 % is 8 minutes → 13:03.
        var start = At("2026-09-28T11:55:00");
        Assert.Equal(At("2026-09-28T13:03:00"), SlaClock.WarnAt(start, SlaTarget.WorkingMinutes(10), 80, TimeSpan.Zero, Compiled));
        Assert.Equal(At("2026-09-28T13:05:00"), SlaClock.DueAt(start, SlaTarget.WorkingMinutes(10), TimeSpan.Zero, Compiled));
    }

    [Fact]
    public void SLA_03_paused_time_is_excluded()
    {
        var start = At("2026-09-28T09:00:00");
        var target = SlaTarget.WorkingMinutes(60);
        // Paused 10:00–11:30 on the working clock: 90 minutes pushed back.
        var paused = SlaClock.Elapsed(At("2026-09-28T09:30:00"), At("2026-09-28T11:00:00"), target, Compiled);
        Assert.Equal(TimeSpan.FromMinutes(90), paused);
        Assert.Equal(At("2026-09-28T11:30:00"), SlaClock.DueAt(start, target, paused, Compiled));
    }

    [Fact]
    public void SLA_03_a_pause_over_a_holiday_costs_a_working_time_timer_nothing()
    {
        var target = SlaTarget.WorkingDays(1);
        var paused = SlaClock.Elapsed(At("2026-10-01T09:00:00"), At("2026-10-07T18:00:00"), target, Compiled);
        Assert.Equal(TimeSpan.Zero, paused);
    }

    [Fact]
    public void SLA_01_percent_used_and_state()
    {
        var start = At("2026-09-28T09:00:00");
        var target = SlaTarget.Minutes(100);
        Assert.Equal(50, SlaClock.PercentUsed(start, start.AddMinutes(50), target, TimeSpan.Zero, Compiled));
        Assert.Equal(150, SlaClock.PercentUsed(start, start.AddMinutes(150), target, TimeSpan.Zero, Compiled));
        var warn = SlaClock.WarnAt(start, target, 80, TimeSpan.Zero, Compiled);
        var due = SlaClock.DueAt(start, target, TimeSpan.Zero, Compiled);
        Assert.Equal(SlaState.Running, SlaClock.StateAt(start.AddMinutes(79), warn, due));
        Assert.Equal(SlaState.Warning, SlaClock.StateAt(start.AddMinutes(80), warn, due));
        Assert.Equal(SlaState.Breached, SlaClock.StateAt(start.AddMinutes(100), warn, due));
    }

    [Fact]
    public void SLA_01_escalation_role_resolves_to_the_nearest_holder_above_the_record()
    {
        // A record of 上海中心 (/1/11/12/): its centre's supervisor, not Hangzhou's; company-wide holders also cover it.
        (string, string)[] supervisors = [("sh.sup", "/1/11/12/"), ("hz.sup", "/1/11/13/")];
        Assert.Equal(["sh.sup"], EscalationTarget.ResolveRole("/1/11/12/", supervisors));
        (string, string)[] gms = [("east.gm", "/1/11/"), ("north.gm", "/1/14/")];
        Assert.Equal(["east.gm"], EscalationTarget.ResolveRole("/1/11/12/", gms));
        Assert.Equal(["csmgr"], EscalationTarget.ResolveRole("/1/11/12/", [("csmgr", OrgPath.Root)]));
        Assert.Empty(EscalationTarget.ResolveRole("/1/14/15/", supervisors));
    }

    [Fact]
    public void SLA_01_escalation_targets_round_trip()
    {
        var targets = new[] { EscalationTarget.Person("u1"), EscalationTarget.ForRole(Role.CsDirector) };
        Assert.Equal(targets, EscalationTarget.Parse(EscalationTarget.Format(targets)));
        Assert.Empty(EscalationTarget.Parse("bogus;;x:y"));
    }

    [Theory]
    [InlineData(true, false, 8, true)]   // running, not yet fired, stopped 3 minutes late: a breach
    [InlineData(true, false, 5, false)]  // stopped exactly at the due time: met
    [InlineData(true, false, 4, false)]  // in time
    [InlineData(true, true, 8, false)]   // the sweep already fired it: nothing new
    [InlineData(false, false, 8, false)] // paused: the clock is not running
    public void SLA_04_a_stop_after_the_due_time_is_a_breach(bool running, bool alreadyBreached, int stoppedAfterMinutes, bool breach)
    {
        var start = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(breach, SlaClock.StoppedAfterDue(running, alreadyBreached, start.AddMinutes(5), start.AddMinutes(stoppedAfterMinutes)));
    }
}
