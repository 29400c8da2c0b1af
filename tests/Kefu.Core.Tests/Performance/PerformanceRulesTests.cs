using Kefu.Core.Field;
using Kefu.Core.Performance;
using Kefu.Core.Visits;

namespace Kefu.Core.Tests.Performance;

using Money = Kefu.Core.Money.Money;

public sealed class PerformanceRulesTests
{
    private static readonly PerformancePolicy Policy = new();

    private static IReadOnlyList<PerformanceLine> Mobile(params MobileFigures[] figures) => MobileServiceRewards.Apply(figures, Policy, "MobileMonth", "2026-10");

    private static decimal Net(IEnumerable<PerformanceLine> lines, string person) => lines.Where(l => l.PersonId == person).Sum(l => l.Amount.Yuan);

    [Fact]
    public void PERF_01_the_score_adds_the_points_of_each_job_by_type_and_mode_from_the_policy()
    {
        FinishedJob[] jobs = [new("a", JobKind.Install, ServiceMode.Mobile), new("a", JobKind.Repair, ServiceMode.Resident), new("b", JobKind.Inspection, ServiceMode.Mobile)];
        var scores = WorkloadScore.ByPerson(jobs, Policy);
        Assert.Equal((3 + 1 + 2 + 0, 2), scores["a"]);
        Assert.Equal((1 + 1, 1), scores["b"]);

        // The numbers are the administrator's.
        var changed = Policy with { PointsByType = new Dictionary<JobKind, int> { [JobKind.Install] = 10, [JobKind.Repair] = 5, [JobKind.Inspection] = 0 } };
        Assert.Equal(10 + 1 + 5, WorkloadScore.ByPerson(jobs, changed)["a"].Score);
    }

    [Fact]
    public void PERF_01_equal_scores_share_a_rank_and_the_next_rank_is_skipped()
    {
        var ranks = WorkloadScore.Rank([("a", 30), ("b", 50), ("c", 30), ("d", 10)]);
        Assert.Equal(1, ranks["b"]);
        Assert.Equal(2, ranks["a"]);
        Assert.Equal(2, ranks["c"]);
        Assert.Equal(4, ranks["d"]);
    }

    [Fact]
    public void PERF_02_the_first_two_by_score_get_100_and_70_at_exactly_95_percent_very_satisfied()
    {
        var lines = Mobile(new("top", 50, 20, 19, 0), new("second", 40, 20, 19, 0), new("third", 30, 20, 20, 0));
        Assert.Equal(100m, Net(lines, "top"));
        Assert.Equal(70m, Net(lines, "second"));
        Assert.Equal(0m, Net(lines, "third"));
        Assert.All(lines, l => Assert.Equal("PERF-02", l.RuleId));
    }

    [Fact]
    public void PERF_02_a_ranked_technician_under_95_percent_gets_nothing_and_the_next_one_does_not_move_up()
    {
        // 18 of 19 is 94.7 %: below the threshold; the second keeps the second reward.
        var lines = Mobile(new("top", 50, 19, 18, 0), new("second", 40, 20, 19, 0), new("third", 30, 10, 10, 0));
        Assert.Equal(0m, Net(lines, "top"));
        Assert.Equal(70m, Net(lines, "second"));
        Assert.Equal(0m, Net(lines, "third"));
    }

    [Fact]
    public void PERF_02_very_satisfied_at_exactly_80_percent_is_fined_100_and_just_above_is_not()
    {
        var lines = Mobile(new("at80", 5, 10, 8, 0), new("above", 4, 50, 41, 0));
        Assert.Equal(-100m, Net(lines, "at80"));
        Assert.Equal(PerformanceLineKind.MobileFine, Assert.Single(lines).Kind);
        Assert.Equal(0m, Net(lines, "above"));
    }

    [Fact]
    public void PERF_02_one_complaint_is_fined_100_once_even_with_a_low_share_too_and_outweighs_a_top_rank()
    {
        var lines = Mobile(new("one", 5, 10, 10, 1), new("both", 4, 10, 5, 3), new("unrated", 3, 0, 0, 0));
        Assert.Equal(-100m, Net(lines, "one"));
        Assert.Equal(-100m, Net(lines, "both"));
        Assert.Equal(0m, Net(lines, "unrated"));
    }

    [Fact]
    public void PERF_02_the_thresholds_and_amounts_come_from_the_policy()
    {
        var policy = Policy with { MobileTopRewardsYuan = [200m], MobileRewardMinVerySatisfiedPercent = 90m, MobileFineYuan = 50m };
        var lines = MobileServiceRewards.Apply([new("a", 9, 10, 9, 0), new("b", 8, 10, 9, 1)], policy, "MobileMonth", "2026-10");
        Assert.Equal(200m, Net(lines, "a"));
        Assert.Equal(-50m, Net(lines, "b"));
    }

    [Theory]
    [InlineData(SatisfactionRating.VerySatisfied, true, 300)]
    [InlineData(SatisfactionRating.Satisfied, true, 300)]
    [InlineData(SatisfactionRating.Satisfied, false, 0)]
    [InlineData(SatisfactionRating.Neutral, true, 0)]
    public void PERF_03_the_allowance_needs_a_good_rating_and_documents_on_time(SatisfactionRating rating, bool onTime, int expected)
    {
        var lines = ResidentServiceRewards.Apply(new("tech", "lead", rating, onTime, "ResidentReport", "1"), Policy);
        Assert.Equal(expected, Net(lines, "tech"));
        Assert.Equal(0m, Net(lines, "lead"));
    }

    [Fact]
    public void PERF_03_rated_poor_fines_the_technician_200_and_the_leader_100()
    {
        var lines = ResidentServiceRewards.Apply(new("tech", "lead", SatisfactionRating.Dissatisfied, true, "ResidentReport", "1"), Policy);
        Assert.Equal(-200m, Net(lines, "tech"));
        Assert.Equal(-100m, Net(lines, "lead"));
        Assert.All(lines, l => Assert.Equal(("PERF-03", "ResidentReport", "1"), (l.RuleId, l.EvidenceType, l.EvidenceId)));

        // A lead who writes their own report is fined once, as the technician; not rated yet: nothing.
        Assert.Single(ResidentServiceRewards.Apply(new("lead", "lead", SatisfactionRating.Dissatisfied, true, "ResidentReport", "2"), Policy));
        Assert.Empty(ResidentServiceRewards.Apply(new("tech", "lead", null, true, "ResidentReport", "3"), Policy));
    }

    [Fact]
    public void PERF_03_documents_of_october_are_on_time_until_the_policy_day_of_november() =>
        Assert.Equal(new DateOnly(2026, 11, 5), ResidentServiceRewards.DocumentsDueOn(2026, 10, Policy));

    [Fact]
    public void PERF_04_a_satisfied_customer_rewards_the_leader_100_and_each_member_50_a_dissatisfied_one_fines_the_leader_100()
    {
        var satisfied = TeamServiceRewards.Apply(new("lead", ["lead", "m1", "m2", "m3"], SatisfactionRating.Satisfied, "TeamProject", "7"), Policy);
        Assert.Equal(100m, Net(satisfied, "lead"));
        Assert.All(new[] { "m1", "m2", "m3" }, m => Assert.Equal(50m, Net(satisfied, m)));
        Assert.Equal(250m, satisfied.Sum(l => l.Amount.Yuan));

        var dissatisfied = TeamServiceRewards.Apply(new("lead", ["lead", "m1"], SatisfactionRating.Dissatisfied, "TeamProject", "7"), Policy);
        Assert.Equal(-100m, Assert.Single(dissatisfied).Amount.Yuan);
        Assert.Empty(TeamServiceRewards.Apply(new("lead", ["m1"], SatisfactionRating.Neutral, "TeamProject", "7"), Policy));
    }

    [Fact]
    public void PERF_05_600_yuan_over_a_manager_and_three_members_splits_1_2_to_1_in_fen_adding_up_to_600_00()
    {
        ProjectMember[] team = [new("pm", true), new("m1", false), new("m2", false), new("m3", false)];
        var parts = ProjectBonusSplit.Split(Money.FromYuan(600m), team, Policy);
        Assert.Equal(600.00m, parts.Sum(p => p.Share.Yuan));
        Assert.Equal(171.43m, parts.Single(p => p.PersonId == "pm").Share.Yuan);
        Assert.All(parts.Where(p => p.PersonId != "pm"), p => Assert.InRange(p.Share.Yuan, 142.85m, 142.86m));
    }

    [Fact]
    public void PERF_05_documents_three_days_late_deduct_15_percent_of_the_responsible_persons_share()
    {
        ProjectMember[] team = [new("pm", true), new("m1", false), new("m2", false), new("m3", false)];
        var lines = ProjectBonusSplit.Apply(new(Money.FromYuan(600m), team, "pm", 3, "ProjectBonus", "9"), Policy);
        var deduction = Assert.Single(lines, l => l.Kind == PerformanceLineKind.ProjectLateDeduction);
        Assert.Equal(("pm", -25.71m), (deduction.PersonId, deduction.Amount.Yuan)); // 171.43 × 15 % = 25.7145
        Assert.Equal(171.43m - 25.71m, Net(lines, "pm"));
        Assert.Equal(600m - 25.71m, lines.Sum(l => l.Amount.Yuan));

        // Never more than the share; on time: nothing.
        Assert.Equal(Money.FromYuan(100m), ProjectBonusSplit.LateDeduction(Money.FromYuan(100m), 30, Policy));
        Assert.Equal(Money.Zero, ProjectBonusSplit.LateDeduction(Money.FromYuan(100m), 0, Policy));
    }

    [Fact]
    public void PERF_06_ledger_lines_keep_their_rule_amount_evidence_and_forced_rating()
    {
        var lines = LedgerLines.From([
            new(2, "p", "EXC-08", "IncidentConcealed", -5000, null, "Incident", "INC-1"),
            new(1, "p", "EXP-09", "FalseClaim", -20000, "C", "ExpenseClaim", "12"),
            new(3, "p", "AR-05", "TechnicianOmission", 0, null, "Invoice", "4"),
        ]);
        Assert.Equal(2, lines.Count);
        Assert.Equal(("EXP-09", -200m, "ExpenseClaim", "12", PerformanceRating.C), (lines[0].RuleId, lines[0].Amount.Yuan, lines[0].EvidenceType, lines[0].EvidenceId, lines[0].ForcedRating));
        Assert.Equal(("EXC-08", "Incident", "INC-1", (PerformanceRating?)null), (lines[1].RuleId, lines[1].EvidenceType, lines[1].EvidenceId, lines[1].ForcedRating));
    }

    [Fact]
    public void PERF_06_each_breached_deadline_fines_the_person_responsible_with_the_timer_as_evidence_except_a_provisional_due_time()
    {
        var lines = SlaBreachFines.Apply([new(12, "p", false), new(7, "q", false), new(9, "p", Provisional: true)], Policy);
        Assert.Equal(2, lines.Count);
        Assert.Equal(("q", "SLA-04", PerformanceLineKind.SlaBreach, -50m, "SlaTimer", "7"), (lines[0].PersonId, lines[0].RuleId, lines[0].Kind, lines[0].Amount.Yuan, lines[0].EvidenceType, lines[0].EvidenceId));
        Assert.Equal(("p", "12"), (lines[1].PersonId, lines[1].EvidenceId));

        // The amount is the administrator's; 0 counts no fine.
        Assert.Equal(-80m, SlaBreachFines.Apply([new(1, "p", false)], Policy with { SlaBreachFineYuan = 80m }).Single().Amount.Yuan);
        Assert.Empty(SlaBreachFines.Apply([new(1, "p", false)], Policy with { SlaBreachFineYuan = 0m }));

        // A breach is a fine like any other for the rating: two of them make the month C.
        Assert.Equal(PerformanceRating.C, MonthlyRating.Rate(80, SlaBreachFines.Apply([new(1, "p", false), new(2, "p", false)], Policy), Policy));
    }

    [Fact]
    public void PERF_07_the_score_rates_A_B_or_C_and_an_expense_fine_forces_C()
    {
        Assert.Equal(PerformanceRating.A, MonthlyRating.Rate(40, [], Policy));
        Assert.Equal(PerformanceRating.B, MonthlyRating.Rate(39, [], Policy));
        Assert.Equal(PerformanceRating.B, MonthlyRating.Rate(10, [], Policy));
        Assert.Equal(PerformanceRating.C, MonthlyRating.Rate(9, [], Policy));

        var fine = new PerformanceLine("p", "PERF-02", PerformanceLineKind.MobileFine, Money.FromYuan(-100m), "MobileMonth", "2026-10");
        Assert.Equal(PerformanceRating.B, MonthlyRating.Rate(80, [fine], Policy));
        Assert.Equal(PerformanceRating.C, MonthlyRating.Rate(80, [fine, fine], Policy));

        var expense = LedgerLines.From([new(1, "p", "EXP-09", "FalseClaim", -20000, "C", "ExpenseClaim", "12")]);
        Assert.Equal(PerformanceRating.C, MonthlyRating.Rate(100, expense, Policy));
    }

    [Fact]
    public void PERF_policy_defaults_validate_and_out_of_range_values_name_their_field()
    {
        Assert.Empty(Policy.Validate());
        var bad = Policy with { MobileRewardMinVerySatisfiedPercent = 101m, ResidentDocumentsDueDay = 0, ProjectLatePercentPerDay = -1m };
        Assert.Equal(["mobileRewardMinVerySatisfiedPercent", "residentDocumentsDueDay", "projectLatePercentPerDay"], bad.Validate().Select(p => p.Field));
    }
}
