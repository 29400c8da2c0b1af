using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Performance;
using Kefu.Core.Visits;

namespace Kefu.Core.Tests.Performance;

public sealed class MonthlyReportTests
{
    private static readonly DateTime Start = new(2026, 9, 30, 16, 0, 0, DateTimeKind.Utc); // 2026-10-01 00:00 in China
    private static readonly DateTime End = new(2026, 10, 31, 16, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void PERF_08_a_share_is_to_one_decimal_half_away_from_zero_and_a_share_of_nothing_is_no_figure()
    {
        Assert.Null(MonthlyReportRules.Percent(0, 0));
        Assert.Equal(95.0m, MonthlyReportRules.Percent(19, 20));
        Assert.Equal(66.7m, MonthlyReportRules.Percent(2, 3));
        Assert.Equal(12.5m, MonthlyReportRules.Percent(1, 8));
        Assert.Equal(0.1m, MonthlyReportRules.Percent(1, 1999)); // 0.05002… → 0.1
        Assert.Equal(100m, MonthlyReportRules.Percent(7, 7));
    }

    [Fact]
    public void PERF_08_sla_compliance_counts_deadlines_due_in_the_month_up_to_now_by_kind_breached_as_missed()
    {
        DeadlineFact[] deadlines =
        [
            new("Incident", Start.AddDays(1), null),
            new("Incident", Start.AddDays(2), Start.AddDays(2).AddMinutes(1)),
            new("Incident", Start.AddDays(3), null),
            new("Approval", Start.AddDays(4), null),
            new("Approval", Start.AddMinutes(-1), Start), // due in September: not this month's
            new("Approval", End, null), // due on the 1st of November
            new("ServiceJob", Start.AddDays(20), null), // not yet due when the report is drafted
        ];
        var figures = MonthlyReportRules.Compliance(deadlines, Start, End, asOf: Start.AddDays(10));
        Assert.Equal(["Approval", "Incident"], figures.Select(f => f.RecordType));
        var incident = figures[1];
        Assert.Equal((3, 1, 2, 66.7m), (incident.Due, incident.Breached, incident.Met, incident.CompliancePercent));
        Assert.Equal(100m, figures[0].CompliancePercent);

        // After the month every deadline due in it counts, and the one due on the 1st of the next month does not.
        var closed = MonthlyReportRules.Compliance(deadlines, Start, End, asOf: End.AddDays(5));
        Assert.Equal(["Approval", "Incident", "ServiceJob"], closed.Select(f => f.RecordType));
        Assert.Equal(1, closed[0].Due);
    }

    [Fact]
    public void PERF_08_the_overall_compliance_and_the_satisfaction_shares_add_up_the_parts()
    {
        var figures = new MonthlyReportFigures("2026-10", "上海中心", End, new ReportVolumes(1, 1, 1, 1, 1, 1, 1),
            [new SlaKindFigure("Incident", 3, 1), new SlaKindFigure("Approval", 17, 0)],
            SatisfactionFigure.Of([SatisfactionRating.VerySatisfied, SatisfactionRating.VerySatisfied, SatisfactionRating.Satisfied, SatisfactionRating.Dissatisfied]),
            new ComplaintFigures(1, []), new ClaimFigures(0, 0, 0, 0), new ReceivableFigures(0, 0, 0, 0), new PerformanceFigures(false, 0, 0, 0, 0, 0, 0, []));
        Assert.Equal((20, 1, 95.0m), (figures.SlaOverall.Due, figures.SlaOverall.Breached, figures.SlaOverall.CompliancePercent));
        Assert.Equal((4, 50.0m, 75.0m), (figures.Satisfaction.Rated, figures.Satisfaction.VerySatisfiedPercent, figures.Satisfaction.SatisfiedOrBetterPercent));
        Assert.Null(SatisfactionFigure.Of([]).VerySatisfiedPercent);
    }

    [Theory]
    [InlineData(MonthlyReportStatus.Draft, true)]
    [InlineData(MonthlyReportStatus.Returned, true)]
    [InlineData(MonthlyReportStatus.Rejected, true)]
    [InlineData(MonthlyReportStatus.InApproval, false)]
    [InlineData(MonthlyReportStatus.Approved, false)]
    public void PERF_08_an_approved_report_is_archived_and_never_edited_again(MonthlyReportStatus status, bool editable)
    {
        Assert.Equal(editable, MonthlyReportRules.MayEdit(status));
        Assert.Equal(editable, MonthlyReportRules.MaySubmit(status, "本月工作总结"));
        Assert.False(MonthlyReportRules.MaySubmit(status, "  "));
    }

    [Fact]
    public void PERF_08_a_month_is_reported_once_it_has_begun()
    {
        var today = new DateOnly(2026, 10, 15);
        Assert.True(MonthlyReportRules.MayReport(new DateOnly(2026, 10, 1), today));
        Assert.True(MonthlyReportRules.MayReport(new DateOnly(2026, 9, 1), today));
        Assert.False(MonthlyReportRules.MayReport(new DateOnly(2026, 11, 1), today));
    }

    [Fact]
    public void PERF_08_a_supervisors_report_goes_to_the_cs_manager_and_the_managers_own_to_the_director()
    {
        var chain = MonthlyReportRules.DefaultChain;
        Assert.Empty(chain.Validate());
        static string? Approver(ApprovalStep step) => step.Role switch { Role.CsManager => "csmgr", Role.CsDirector => "csdir", _ => null };
        var now = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(8));

        var bySupervisor = ApprovalEngine.Submit(chain, "sh.sup", new Dictionary<string, decimal> { [MonthlyReportRules.ByManagerFact] = 0 }, Approver, now);
        Assert.Equal(["cs-manager"], bySupervisor.StepKeys);
        Assert.Equal("csmgr", bySupervisor.CurrentApproverId);

        var byManager = ApprovalEngine.Submit(chain, "csmgr", new Dictionary<string, decimal> { [MonthlyReportRules.ByManagerFact] = 1 }, Approver, now);
        Assert.Equal(["cs-director"], byManager.StepKeys);
        Assert.Equal("csdir", byManager.CurrentApproverId);
    }
}
