using Kefu.Core.Approvals;
using Kefu.Core.Field;
using Kefu.Core.Organization;
using Kefu.Core.Tests.Calendar;

namespace Kefu.Core.Tests.Field;

public sealed class ResidentRulesTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void FLD_03_the_attendance_sheet_counts_working_days_of_the_calendar_across_national_day_and_its_make_up_saturday()
    {
        var marks = new[]
        {
            new AttendanceMark("a", D("2026-10-09"), AttendanceStatus.Present),
            new AttendanceMark("a", D("2026-10-10"), AttendanceStatus.Present), // make-up Saturday: a working day
            new AttendanceMark("a", D("2026-10-03"), AttendanceStatus.Present), // holiday duty: counted apart
            new AttendanceMark("a", D("2026-10-12"), AttendanceStatus.Leave),
            new AttendanceMark("a", D("2026-10-13"), AttendanceStatus.Absent),
            new AttendanceMark("a", D("2026-11-02"), AttendanceStatus.Present), // another month
            new AttendanceMark("b", D("2026-10-09"), AttendanceStatus.Leave),
        };

        var sheet = ResidentService.Summarise(2026, 10, ["a", "b", "c"], marks, ChinaCalendar.Compiled);

        Assert.Equal(["a", "b", "c"], sheet.Select(s => s.TechnicianId));
        // 22 weekdays less the five weekday holidays (1, 2, 5, 6, 7 October) plus Saturday 10 October.
        Assert.All(sheet, s => Assert.Equal(18, s.WorkingDays));
        Assert.Equal(new AttendanceSummary("a", 18, 2, 1, 1, 14, 1), sheet[0]);
        Assert.Equal(new AttendanceSummary("b", 18, 0, 1, 0, 17, 0), sheet[1]);
        Assert.Equal(new AttendanceSummary("c", 18, 0, 0, 0, 18, 0), sheet[2]);
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-10", true)]
    [InlineData("2026-12", false)]
    public void FLD_09_a_month_is_reported_once_it_has_begun(string month, bool allowed)
    {
        Assert.True(ResidentService.TryParseMonth(month, out var year, out var m));
        Assert.Equal(allowed, ResidentService.MonthHasBegun(year, m, D("2026-11-01")));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("26-11-01")]
    [InlineData("+026-11")]
    [InlineData(null)]
    public void FLD_09_a_month_is_written_yyyy_mm(string? text) => Assert.False(ResidentService.TryParseMonth(text, out _, out _));

    [Fact]
    public void FLD_09_the_report_goes_technician_to_team_leader_to_department_manager_to_the_gm_office_each_with_a_working_day_deadline()
    {
        var chain = ResidentService.DefaultReportChain;
        Assert.Empty(chain.Validate());
        Assert.Equal([(Role.TeamLeader, ApproverLevel.Centre), (Role.CsManager, ApproverLevel.Company), (Role.Gm, ApproverLevel.Company)],
            chain.Steps.Select(s => (s.Role, s.Level)));
        Assert.All(chain.Steps, s => Assert.Equal(Kefu.Core.Sla.SlaUnit.WorkingDays, s.Deadline!.Unit));
    }

    [Fact]
    public void FLD_04_the_daily_report_is_due_within_the_policys_working_days()
    {
        Assert.Equal(Kefu.Core.Sla.SlaTarget.WorkingDays(1), new FieldPolicy().TeamDailyReportTarget);
        Assert.Equal(Kefu.Core.Sla.SlaTarget.WorkingDays(2), new FieldPolicy { TeamDailyReportWorkingDays = 2 }.TeamDailyReportTarget);
        Assert.Contains(new FieldPolicy { TeamDailyReportWorkingDays = 0 }.Validate(), p => p.Field == "teamDailyReportWorkingDays");
    }
}
