using Kefu.Core.Incidents;
using static Kefu.Core.Tests.Calendar.ChinaCalendar;

namespace Kefu.Core.Tests.Incidents;

public sealed class CrossRegionAndAnalysisTests
{
    private static readonly IncidentPolicy Policy = new();

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-09-28T10:00:00", "2026-09-28T15:00:00")] // 2 h before lunch + 2 h after: 4 h = half of 09:00–12:00 + 13:00–18:00
    [InlineData("2026-09-28T11:00:00", "2026-09-28T16:00:00")]
    [InlineData("2026-09-28T16:00:00", "2026-09-29T11:00:00")] // 2 h today, 2 h tomorrow
    [InlineData("2026-09-28T20:00:00", "2026-09-29T14:00:00")] // received at night: counting starts at 09:00
    [InlineData("2026-09-30T16:00:00", "2026-10-08T11:00:00")] // across National Day
    public void EXC_09_to_the_marketing_director_within_half_a_working_day_of_receiving_the_declaration(string received, string due)
    {
        Assert.Equal(TimeSpan.FromMinutes(240), CrossRegionSelling.WorkingTime(0.5m, Compiled));
        Assert.Equal(At(due), CrossRegionSelling.DueAt(CrossRegionStep.ToMarketingDirector, At(received), Compiled, Policy));
    }

    [Fact]
    public void EXC_09_evidence_in_1_WD_and_the_written_report_in_3_WD_of_the_complaint()
    {
        var complaint = At("2026-09-30T10:00:00");
        Assert.Equal(At("2026-10-08T10:00:00"), CrossRegionSelling.DueAt(CrossRegionStep.Evidence, complaint, Compiled, Policy));
        Assert.Equal(At("2026-10-10T10:00:00"), CrossRegionSelling.DueAt(CrossRegionStep.WrittenReport, complaint, Compiled, Policy)); // Saturday make-up day
    }

    [Fact]
    public void EXC_09_finance_and_the_announcement_within_1_WD_of_what_they_wait_for()
    {
        Assert.Equal(At("2026-09-20T14:00:00"), CrossRegionSelling.DueAt(CrossRegionStep.FinanceNotified, At("2026-09-18T14:00:00"), Compiled, Policy)); // Friday → the make-up Sunday
        Assert.Equal(At("2026-09-29T18:00:00"), CrossRegionSelling.DueAt(CrossRegionStep.Announcement, At("2026-09-28T18:00:00"), Compiled, Policy));
    }

    [Fact]
    public void EXC_09_changed_working_days_take_effect()
    {
        var policy = Policy with { CrossRegionToMarketingDirectorDays = 0.25m, CrossRegionReportDays = 2m };
        Assert.Equal(At("2026-09-28T14:00:00"), CrossRegionSelling.DueAt(CrossRegionStep.ToMarketingDirector, At("2026-09-28T11:00:00"), Compiled, policy)); // 2 h: 1 h before lunch, 1 h after
        Assert.Equal(At("2026-10-09T10:00:00"), CrossRegionSelling.DueAt(CrossRegionStep.WrittenReport, At("2026-09-30T10:00:00"), Compiled, policy));
    }

    [Theory]
    [InlineData("2026-01-01", 1)]
    [InlineData("2026-03-31", 1)]
    [InlineData("2026-04-01", 2)]
    [InlineData("2026-09-30", 3)]
    [InlineData("2026-12-31", 4)]
    public void EXC_09_the_national_ledger_is_kept_by_quarter(string date, int quarter)
    {
        var q = CrossRegionSelling.QuarterOf(D(date));
        Assert.Equal(new LedgerQuarter(2026, quarter), q);
        Assert.InRange(D(date), q.FirstDay, q.LastDay);
    }

    [Fact]
    public void EXC_09_a_quarter_knows_its_days() =>
        Assert.Equal((D("2026-10-01"), D("2026-12-31"), "2026-Q4"), (new LedgerQuarter(2026, 4).FirstDay, new LedgerQuarter(2026, 4).LastDay, new LedgerQuarter(2026, 4).ToString()));

    [Fact]
    public void EXC_10_monthly_analysis_counts_each_category_and_its_share()
    {
        (DateOnly, IncidentType)[] items =
        [
            (D("2026-09-01"), IncidentType.Delay), (D("2026-09-10"), IncidentType.Delay), (D("2026-09-30"), IncidentType.Damage),
            (D("2026-10-08"), IncidentType.CustomerComplaint), (D("2026-10-09"), IncidentType.Damage), (D("2026-10-31"), IncidentType.Other),
            (D("2026-08-31"), IncidentType.Delay),
        ];
        var rows = ComplaintAnalysis.MonthlyByCategory(items);
        Assert.Equal(
            [
                new CategoryMonth<IncidentType>(2026, 8, IncidentType.Delay, 1, 100m),
                new CategoryMonth<IncidentType>(2026, 9, IncidentType.Delay, 2, 66.7m),
                new CategoryMonth<IncidentType>(2026, 9, IncidentType.Damage, 1, 33.3m),
                new CategoryMonth<IncidentType>(2026, 10, IncidentType.CustomerComplaint, 1, 33.3m),
                new CategoryMonth<IncidentType>(2026, 10, IncidentType.Damage, 1, 33.3m),
                new CategoryMonth<IncidentType>(2026, 10, IncidentType.Other, 1, 33.3m),
            ],
            rows);
    }

    [Fact]
    public void EXC_10_any_category_can_be_analysed_and_no_input_gives_no_rows()
    {
        Assert.Empty(ComplaintAnalysis.MonthlyByCategory(Array.Empty<(DateOnly, string)>()));
        var rows = ComplaintAnalysis.MonthlyByCategory([(D("2025-12-31"), "服务态度"), (D("2026-01-01"), "服务态度")]);
        Assert.Equal([(2025, 12), (2026, 1)], rows.Select(r => (r.Year, r.Month)));
    }
}
