using Kefu.Core.Incidents;
using Kefu.Core.Organization;
using Kefu.Core.Sla;
using static Kefu.Core.Tests.Calendar.ChinaCalendar;

namespace Kefu.Core.Tests.Incidents;

using Money = Kefu.Core.Money.Money;

/// <summary>Issue 15's incident items: the person complained about, the callback, the reporting findings, the cross-region timers, the policy's ranges.</summary>
public sealed class ComplaintArchiveAndFindingsTests
{
    private static readonly IncidentPolicy Policy = new();

    private static Money Yuan(decimal yuan) => Money.FromYuan(yuan);

    [Fact]
    public void VIS_04_complaints_per_technician_count_the_customer_complaints_that_name_a_staff_member()
    {
        var counts = ComplaintArchive.PerPerson(
        [
            (IncidentType.CustomerComplaint, "eng1"), (IncidentType.CustomerComplaint, "eng1"), (IncidentType.CustomerComplaint, "eng2"),
            (IncidentType.Delay, "eng2"), // a delay naming someone is no complaint about them
            (IncidentType.CustomerComplaint, null), (IncidentType.CustomerComplaint, " "), // nobody named, or only an outside name
        ]);
        Assert.Equal(2, counts["eng1"]);
        Assert.Equal(1, counts["eng2"]);
        Assert.Equal(2, counts.Count);
    }

    [Theory]
    [InlineData("eng1", null, false)]
    [InlineData(null, "外协司机张三", false)]
    [InlineData(null, null, false)]
    [InlineData("eng1", "外协司机张三", true)]
    public void VIS_04_a_complaint_names_a_staff_member_or_an_outside_name_not_both(string? staff, string? name, bool refused) =>
        Assert.Equal(refused ? [ComplaintArchiveRefusal.StaffAndName] : [], ComplaintArchive.RefusalsToName(staff, name));

    [Fact]
    public void EXC_10_the_callback_follows_the_handling_and_says_whether_the_complainant_is_satisfied()
    {
        var received = At("2026-10-12T10:00:00");
        var later = At("2026-10-14T15:00:00");
        Assert.Empty(ComplaintArchive.RefusalsToCallBack(closed: true, planSent: false, satisfied: true, later, received));
        Assert.Empty(ComplaintArchive.RefusalsToCallBack(closed: false, planSent: true, satisfied: false, later, received));
        Assert.Equal([ComplaintArchiveRefusal.NotHandled], ComplaintArchive.RefusalsToCallBack(false, false, true, later, received));
        Assert.Equal([ComplaintArchiveRefusal.SatisfactionMissing], ComplaintArchive.RefusalsToCallBack(true, false, null, later, received));
        Assert.Equal([ComplaintArchiveRefusal.BeforeReceived], ComplaintArchive.RefusalsToCallBack(true, false, true, received.AddMinutes(-1), received));
    }

    [Fact]
    public void EXC_08_a_late_report_is_a_finding_with_its_own_fines_and_the_shared_costs()
    {
        var policy = Policy with { LateReportFineAgent = Yuan(50m), LateReportFineSupervisor = Yuan(100m) };
        var fines = IncidentFines.ForFinding(IncidentFineReason.LateReport, "agent", "sup", Yuan(300m), reportedOnTime: false, policy);
        Assert.Equal([("agent", Yuan(200m)), ("sup", Yuan(250m))], fines.Select(f => (f.PersonId, f.Amount)));
        Assert.All(fines, f => Assert.Equal(("EXC-08", IncidentFineReason.LateReport), (f.RuleId, f.Reason)));
        Assert.Equal(Yuan(300m), fines[0].CostShare + fines[1].CostShare);
    }

    [Fact]
    public void EXC_08_a_report_made_on_time_exempts_the_agent_from_a_late_report_finding()
    {
        var policy = Policy with { LateReportFineAgent = Yuan(50m) };
        Assert.Empty(IncidentFines.ForFinding(IncidentFineReason.LateReport, "agent", "sup", Yuan(300m), reportedOnTime: true, policy));
        Assert.Equal(IncidentFindingRefusal.ReportedOnTime, IncidentFines.Refusal(IncidentFineReason.LateReport, reportedOnTime: true));
        Assert.Null(IncidentFines.Refusal(IncidentFineReason.LateReport, reportedOnTime: false));

        // On time means sent no later than due; one not sent yet is on time only until it is due.
        var due = At("2026-10-12T10:05:00");
        Assert.True(IncidentFines.ReportedOnTime(due, due, due.AddHours(5)));
        Assert.False(IncidentFines.ReportedOnTime(due, due.AddSeconds(1), due.AddHours(5)));
        Assert.True(IncidentFines.ReportedOnTime(due, null, due));
        Assert.False(IncidentFines.ReportedOnTime(due, null, due.AddMinutes(1)));
    }

    [Fact]
    public void EXC_08_concealed_and_false_reports_are_fined_even_when_the_report_was_on_time_each_with_its_own_amounts()
    {
        var policy = Policy with
        {
            ConcealmentFineAgent = Yuan(200m), ConcealmentFineSupervisor = Yuan(300m), FalseReportFineAgent = Yuan(150m), FalseReportFineSupervisor = Yuan(80m),
        };
        var concealed = IncidentFines.ForFinding(IncidentFineReason.ConcealedReport, "agent", "sup", Money.Zero, reportedOnTime: true, policy);
        Assert.Equal([Yuan(200m), Yuan(300m)], concealed.Select(f => f.FixedFine));
        var falsified = IncidentFines.ForFinding(IncidentFineReason.FalsifiedReport, "agent", "sup", Yuan(100m), reportedOnTime: true, policy);
        Assert.Equal([("agent", Yuan(200m)), ("sup", Yuan(130m))], falsified.Select(f => (f.PersonId, f.Amount)));
        Assert.All(falsified, f => Assert.Equal(IncidentFineReason.FalsifiedReport, f.Reason));
        // With the seeds' defaults (no amounts named) the violation is still recorded, at the costs.
        Assert.Equal(2, IncidentFines.ForFinding(IncidentFineReason.FalsifiedReport, "agent", "sup", Money.Zero, false, Policy).Count);
    }

    [Fact]
    public void EXC_09_each_cross_region_step_is_an_sla_timer_due_when_the_working_day_deadline_is()
    {
        var complaint = At("2026-09-30T10:00:00");
        foreach (var step in Enum.GetValues<CrossRegionStep>())
        {
            var (target, warning) = CrossRegionSelling.Timer(step, Compiled, Policy);
            Assert.Equal(SlaUnit.WorkingMinutes, target.Unit);
            Assert.Equal(80, warning);
            Assert.Equal(CrossRegionSelling.DueAt(step, complaint, Compiled, Policy), SlaClock.DueAt(complaint, target, TimeSpan.Zero, Compiled));
        }

        Assert.Equal(240, CrossRegionSelling.Timer(CrossRegionStep.ToMarketingDirector, Compiled, Policy).Target.Amount);
        Assert.Equal(60, CrossRegionSelling.Timer(CrossRegionStep.Evidence, Compiled, Policy with { CrossRegionWarningPercent = 60 }).WarningPercent);
        Assert.Equal(Role.CsManager, CrossRegionSelling.EscalatesTo(CrossRegionStep.Evidence));
        Assert.Equal(Role.MarketingDirector, CrossRegionSelling.EscalatesTo(CrossRegionStep.FinanceNotified));
        Assert.Equal(Role.Gm, CrossRegionSelling.EscalatesTo(CrossRegionStep.Announcement));
    }

    [Fact]
    public void EXC_09_only_the_gm_records_the_gms_decision()
    {
        Assert.True(CrossRegionSelling.MayRecordGmDecision([Role.Gm]));
        Assert.True(CrossRegionSelling.MayRecordGmDecision([Role.MarketingDirector, Role.Gm]));
        Assert.False(CrossRegionSelling.MayRecordGmDecision([Role.MarketingDirector]));
        Assert.False(CrossRegionSelling.MayRecordGmDecision([Role.BranchGm, Role.CsDirector]));
    }

    [Fact]
    public void EXC_06_the_damage_thresholds_are_policy_settings_kept_in_range()
    {
        Assert.Empty(Policy.Validate());
        Assert.Equal(Yuan(500m), Policy.AgentCompensationAuthority);
        Assert.Equal(Yuan(5_000m), Policy.LargeDamageOver);
        // A large amount is above the on-the-spot limit; the reply promise is not before its target; shares cannot both be nothing.
        var bad = Policy with { AgentCompensationAuthority = Yuan(6_000m), ReplyPromiseMinutes = 3, AgentCostWeight = 0m, SupervisorCostWeight = 0m, CrossRegionWarningPercent = 100 };
        Assert.Equal(
            new[] { "agentCostWeight", "crossRegionWarningPercent", "largeDamageOver", "replyPromiseMinutes" },
            bad.Validate().Select(p => p.Field).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(("lateReportFineAgent", 0, IncidentPolicy.MaxYuan), (Policy with { LateReportFineAgent = Yuan(-1m) }).Validate());
    }
}
