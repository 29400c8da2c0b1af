using Kefu.Core.Field;
using Kefu.Core.Sla;
using Kefu.Core.Tests.Calendar;

namespace Kefu.Core.Tests.Field;

using Money = Kefu.Core.Money.Money;

public sealed class FieldRulesTests
{
    private static readonly FieldPolicy Policy = new();
    private static readonly Money Price = Money.FromYuan(150m);

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void FLD_01_the_four_service_modes_are_mobile_resident_team_and_project() =>
        Assert.Equal([ServiceMode.Mobile, ServiceMode.Resident, ServiceMode.Team, ServiceMode.Project], Enum.GetValues<ServiceMode>());

    [Fact]
    public void FLD_02_a_mobile_job_starts_a_ten_minute_set_out_clock_at_assignment_that_setting_out_or_arriving_stops()
    {
        var deadline = Assert.Single(JobDeadlines.OnAssigned(ServiceMode.Mobile, Policy));
        Assert.Equal(("FLD-02", JobDeadlineKind.SetOut, SlaTarget.Minutes(10)), (deadline.Rule, deadline.Kind, deadline.Target));
        Assert.Empty(JobDeadlines.OnReceived(ServiceMode.Mobile, Policy));
        Assert.Contains(JobDeadlineKind.SetOut, JobDeadlines.StoppedBy(JobAction.SetOut));
        Assert.Contains(JobDeadlineKind.SetOut, JobDeadlines.StoppedBy(JobAction.Arrive));
        Assert.DoesNotContain(JobDeadlineKind.SetOut, JobDeadlines.StoppedBy(JobAction.Accept));

        // The number is the administrator's.
        Assert.Equal(SlaTarget.Minutes(15), JobDeadlines.OnAssigned(ServiceMode.Mobile, Policy with { MobileSetOutMinutes = 15 })[0].Target);
    }

    [Fact]
    public void FLD_03_a_resident_call_must_be_answered_within_one_minute_and_reached_within_five()
    {
        var deadlines = JobDeadlines.OnReceived(ServiceMode.Resident, Policy);
        Assert.Equal([(JobDeadlineKind.Respond, 1, JobAction.Accept), (JobDeadlineKind.OnSite, 5, JobAction.Arrive)],
            deadlines.Select(d => (d.Kind, d.Target.Amount, d.StoppedBy)));
        Assert.All(deadlines, d => Assert.Equal("FLD-03", d.Rule));
        Assert.Empty(JobDeadlines.OnAssigned(ServiceMode.Resident, Policy));
        Assert.Contains(JobDeadlineKind.Respond, JobDeadlines.StoppedBy(JobAction.Accept));
        Assert.Contains(JobDeadlineKind.OnSite, JobDeadlines.StoppedBy(JobAction.Arrive));
    }

    [Theory]
    [InlineData(10, 4, 2, true)]   // 以上 includes the numbers themselves
    [InlineData(9, 4, 2, false)]
    [InlineData(12, 3, 4, false)]
    [InlineData(12, 6, 1, false)]
    [InlineData(40, 8, 5, true)]
    public void FLD_04_team_service_from_ten_person_days_four_technicians_and_two_working_days(int personDays, int technicians, int days, bool applies) =>
        Assert.Equal(applies, TeamService.Applies(personDays, technicians, days, Policy));

    [Fact]
    public void FLD_04_a_plan_is_sized_in_working_days_on_the_calendar()
    {
        // Friday 30 Sep … Thursday 8 Oct 2026 spans the National Day holiday: two working days (30 Sep, 8 Oct).
        var plan = new TeamPlanSize(5, D("2026-09-30"), D("2026-10-08"));
        Assert.Equal((10, 2), TeamService.Size(plan, ChinaCalendar.Compiled));
        Assert.True(TeamService.Applies(plan, ChinaCalendar.Compiled, Policy));
        Assert.False(TeamService.Applies(plan with { PlannedFinish = D("2026-09-30") }, ChinaCalendar.Compiled, Policy));
    }

    [Fact]
    public void FLD_05_a_job_moves_assigned_set_out_arrived_finished_signed_closed_and_nothing_else()
    {
        var state = JobState.New;
        foreach (var (action, expected) in new[]
                 {
                     (JobAction.Assign, JobState.Assigned), (JobAction.Accept, JobState.Assigned), (JobAction.SetOut, JobState.SetOut),
                     (JobAction.Arrive, JobState.Arrived), (JobAction.Finish, JobState.Finished), (JobAction.Sign, JobState.Signed), (JobAction.Close, JobState.Closed),
                 })
        {
            state = JobLifecycle.Next(state, action) ?? throw new Xunit.Sdk.XunitException($"{action} refused in {state}");
            Assert.Equal(expected, state);
        }

        Assert.Null(JobLifecycle.Next(JobState.New, JobAction.Finish));
        Assert.Null(JobLifecycle.Next(JobState.Finished, JobAction.Cancel));
        Assert.Null(JobLifecycle.Next(JobState.Closed, JobAction.Assign));
        Assert.Null(JobLifecycle.Next(JobState.Cancelled, JobAction.SetOut));
        Assert.Equal(JobState.Cancelled, JobLifecycle.Next(JobState.Arrived, JobAction.Cancel));
        Assert.False(JobLifecycle.IsOpen(JobState.Finished));
        Assert.True(JobLifecycle.IsOpen(JobState.SetOut));
        Assert.Equal([JobAction.Finish], JobLifecycle.TechnicianActions(JobState.Arrived, accepted: true));
    }

    [Fact]
    public void FLD_06_suggestion_ranks_skill_then_distance_and_load_and_leaves_out_technicians_off_duty()
    {
        var now = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));
        var site = new GeoPoint(31.2304, 121.4737); // People's Square, Shanghai
        TechnicianCandidate[] technicians =
        [
            new("far", "远", TechnicianState.Free, ["printer"], new GeoPoint(30.2741, 120.1551), now.AddMinutes(-5), 0),    // Hangzhou, ~165 km
            new("near-busy", "近忙", TechnicianState.OnSite, ["printer"], new GeoPoint(31.2400, 121.4800), now.AddMinutes(-5), 3),
            new("near", "近", TechnicianState.Free, ["Printer", "network"], new GeoPoint(31.2200, 121.4600), now.AddMinutes(-10), 0),
            new("no-skill", "无技能", TechnicianState.Free, ["network"], new GeoPoint(31.2304, 121.4737), now, 0),
            new("off", "休", TechnicianState.OffDuty, ["printer"], new GeoPoint(31.2304, 121.4737), now, 0),
            new("stale", "旧位置", TechnicianState.Free, ["printer"], new GeoPoint(31.2304, 121.4737), now.AddHours(-5), 0),
        ];

        var ranked = DispatchRanking.Rank("printer", site, technicians, now, Policy, take: 10);
        Assert.Equal(["near", "near-busy", "stale", "no-skill", "far"], ranked.Select(s => s.Technician.Id));
        Assert.True(ranked[0].SkillMatch);
        Assert.InRange(ranked[0].DistanceKm!.Value, 1.0, 2.5);
        Assert.False(ranked.Single(s => s.Technician.Id == "stale").PositionKnown);
        Assert.False(ranked.Single(s => s.Technician.Id == "no-skill").SkillMatch);
        Assert.InRange(ranked.Single(s => s.Technician.Id == "far").DistanceKm!.Value, 150, 180);

        // The weights are the administrator's: with load weighing nothing, distance alone orders the skilled ones.
        var byDistance = DispatchRanking.Rank("printer", site, technicians, now, Policy with { RankPerOpenJob = 0 }, take: 2);
        Assert.Equal(["near-busy", "near"], byDistance.Select(s => s.Technician.Id));
    }

    [Fact]
    public void FLD_06_distance_is_the_great_circle_between_two_points() =>
        // Shanghai to Beijing is about 1,068 km as the crow flies.
        Assert.InRange(new GeoPoint(31.2304, 121.4737).KilometresTo(new GeoPoint(39.9042, 116.4074)), 1050, 1085);

    [Fact]
    public void FLD_07_a_hand_over_returns_an_unfinished_job_to_assigned_and_a_finished_one_cannot_be_handed_over()
    {
        Assert.Equal(JobState.Assigned, JobLifecycle.Next(JobState.Arrived, JobAction.HandOver));
        Assert.Equal(JobState.Assigned, JobLifecycle.Next(JobState.SetOut, JobAction.HandOver));
        Assert.Null(JobLifecycle.Next(JobState.Finished, JobAction.HandOver));
        Assert.Null(JobLifecycle.Next(JobState.New, JobAction.HandOver));
    }

    [Fact]
    public void FLD_08_each_out_of_warranty_stage_has_its_own_working_time_limit()
    {
        Assert.Equal(Enum.GetValues<RepairStage>().Length, Policy.StageWorkingHours.Count);
        var parts = JobDeadlines.ForStage(RepairStage.Parts, Policy);
        Assert.Equal(("FLD-08", SlaTarget.WorkingMinutes(40 * 60)), (parts.Rule, parts.Target));
        var changed = Policy with { StageWorkingHours = new Dictionary<RepairStage, int> { [RepairStage.Parts] = 16 } };
        Assert.Equal(SlaTarget.WorkingMinutes(16 * 60), JobDeadlines.ForStage(RepairStage.Parts, changed).Target);
        Assert.Contains(JobDeadlineKind.Stage, JobDeadlines.StoppedBy(JobAction.Finish));
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-30", false, ChargeReason.UnderWarranty)] // the last day is still covered
    [InlineData("2026-11-29", "2026-11-30", true, ChargeReason.WarrantyEnded)]
    [InlineData(null, "2026-11-30", true, ChargeReason.NoWarrantyOnRecord)]
    public void CHG_01_hardware_follows_the_manufacturers_warranty(string? warrantyEnd, string serviceDate, bool charged, ChargeReason reason)
    {
        var decision = Charges.Decide(new ChargeFacts(IssueKind.Hardware, D(serviceDate), warrantyEnd is null ? null : D(warrantyEnd)), Price, Policy, ChinaCalendar.Compiled);
        Assert.Equal((charged, reason, charged ? Price : Money.Zero), (decision.Charged, decision.Reason, decision.Amount));
    }

    [Theory]
    [InlineData(0, false, 1)]
    [InlineData(2, false, 3)]
    [InlineData(3, true, null)]
    [InlineData(7, true, null)]
    public void CHG_02_policy_A_gives_each_customer_three_free_software_visits(int earlier, bool charged, int? number)
    {
        var decision = Charges.Decide(new ChargeFacts(IssueKind.Software, D("2026-11-30"), EarlierSoftwareVisits: earlier), Price, Policy, ChinaCalendar.Compiled);
        Assert.Equal((charged, number), (decision.Charged, decision.FreeVisitNumber));
        Assert.Equal(charged ? ChargeReason.FreeVisitsUsedUp : ChargeReason.FreeSoftwareVisit, decision.Reason);
    }

    [Fact]
    public void CHG_02_policy_B_is_free_for_fifteen_working_days_of_normal_use_across_holidays_and_make_up_days()
    {
        // Normal use from Monday 21 Sep 2026: 22–24 Sep (3), Mid-Autumn 25–27 Sep off, 28–30 Sep (6),
        // National Day 1–7 Oct off, 8–9 Oct (8), the make-up Saturday 10 Oct (9), 12–16 Oct (14), Monday 19 Oct (15).
        var policy = Policy with { SoftwarePolicy = SoftwareChargePolicy.FreeWorkingDays };
        var since = D("2026-09-21");
        Assert.Equal(D("2026-10-19"), Charges.FreeUntil(since, policy, ChinaCalendar.Compiled));

        var last = Charges.Decide(new ChargeFacts(IssueKind.Software, D("2026-10-19"), NormalUseSince: since), Price, policy, ChinaCalendar.Compiled);
        Assert.Equal((false, ChargeReason.WithinFreePeriod, D("2026-10-19")), (last.Charged, last.Reason, last.FreeUntil));
        var after = Charges.Decide(new ChargeFacts(IssueKind.Software, D("2026-10-20"), NormalUseSince: since), Price, policy, ChinaCalendar.Compiled);
        Assert.Equal((true, ChargeReason.FreePeriodPassed, Price), (after.Charged, after.Reason, after.Amount));
        var unknown = Charges.Decide(new ChargeFacts(IssueKind.Software, D("2026-10-20")), Price, policy, ChinaCalendar.Compiled);
        Assert.Equal(ChargeReason.NoInstallationOnRecord, unknown.Reason);
    }

    [Fact]
    public void CHG_03_the_salespersons_decision_replaces_the_rule()
    {
        Assert.Equal(new ChargeDecision(false, ChargeReason.DecidedFree, Money.Zero), Charges.Decided(false, Price));
        Assert.Equal(new ChargeDecision(true, ChargeReason.DecidedCharged, Price), Charges.Decided(true, Price));
    }

    [Theory]
    [InlineData(true, true, ChargeReason.CooperationFormCharged)]
    [InlineData(false, false, ChargeReason.CooperationFormFree)]
    [InlineData(null, false, ChargeReason.CooperationFormSilent)]
    public void CHG_04_other_customers_follow_the_cooperation_form(bool? formSaysCharged, bool charged, ChargeReason reason)
    {
        var decision = Charges.Decide(new ChargeFacts(IssueKind.Other, D("2026-11-30"), CooperationFormCharged: formSaysCharged), Price, Policy, ChinaCalendar.Compiled);
        Assert.Equal((charged, reason), (decision.Charged, decision.Reason));
        Assert.Equal(formSaysCharged is null, decision.NeedsSalesDecision);
    }
}
