using Kefu.Core.Approvals;
using Kefu.Core.Calendar;
using Kefu.Core.Organization;
using Kefu.Core.Sla;

namespace Kefu.Core.Field;

/// <summary>One day of a resident technician on the attendance sheet (FLD-03, 驻点考勤表).</summary>
public enum AttendanceStatus
{
    Present,
    Leave,
    Absent,
}

/// <summary>A line of the attendance sheet as the rules read it.</summary>
public sealed record AttendanceMark(string TechnicianId, DateOnly Date, AttendanceStatus Status);

/// <summary>A technician's month on the sheet: working days of the calendar and how each was kept.</summary>
public sealed record AttendanceSummary(string TechnicianId, int WorkingDays, int Present, int Leave, int Absent, int Unrecorded, int PresentOnRestDays);

/// <summary>A resident monthly report's life (FLD-09).</summary>
public enum ResidentReportStatus
{
    Draft,
    InReview,
    Returned,
    Rejected,

    /// <summary>Approved and stamped by the GM office.</summary>
    Stamped,

    /// <summary>Sent to the customer with the rating link.</summary>
    Sent,

    /// <summary>The customer has rated the service.</summary>
    Rated,
}

/// <summary>FLD-03 and FLD-09: the resident post's attendance and monthly report.</summary>
public static class ResidentService
{
    /// <summary>
    /// FLD-09 as seed 002 describes it (驻点服务月报): the technician fills it → team leader → department
    /// manager → GM office approves and stamps; the key-account department then sends it to the customer.
    /// Kefu's roles stand in for the posts: 组长 → <see cref="Role.TeamLeader"/> of the post's centre,
    /// 部门经理 → <see cref="Role.CsManager"/>, 总经办 → <see cref="Role.Gm"/>. Each step has a working-day
    /// deadline; an administrator may edit the chain.
    /// </summary>
    public static ApprovalChain DefaultReportChain { get; } = new("resident-report", "驻点服务月报",
    [
        new("team-leader", Role.TeamLeader, ApproverLevel.Centre, SlaTarget.WorkingDays(2)),
        new("dept-manager", Role.CsManager, ApproverLevel.Company, SlaTarget.WorkingDays(2)),
        new("gm-office", Role.Gm, ApproverLevel.Company, SlaTarget.WorkingDays(2)),
    ]);

    /// <summary>The first and last day of a month.</summary>
    public static (DateOnly First, DateOnly Last) Bounds(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return (first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>
    /// FLD-03: the month's sheet per technician. Working days come from the post's calendar (holidays
    /// off, make-up Saturdays on); a working day with no line is unrecorded; work on a rest day is counted apart.
    /// </summary>
    public static IReadOnlyList<AttendanceSummary> Summarise(int year, int month, IEnumerable<string> technicians, IEnumerable<AttendanceMark> marks, WorkingCalendar calendar)
    {
        var (first, last) = Bounds(year, month);
        var byTechnician = marks.Where(m => m.Date >= first && m.Date <= last)
            .GroupBy(m => m.TechnicianId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(m => m.Date).ToDictionary(d => d.Key, d => d.Last().Status), StringComparer.Ordinal);
        var workingDays = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).Where(calendar.IsWorkingDay).ToArray();
        return technicians.Distinct(StringComparer.Ordinal).Select(t =>
        {
            var days = byTechnician.GetValueOrDefault(t) ?? [];
            int Count(AttendanceStatus s) => workingDays.Count(d => days.TryGetValue(d, out var v) && v == s);
            return new AttendanceSummary(t, workingDays.Length, Count(AttendanceStatus.Present), Count(AttendanceStatus.Leave), Count(AttendanceStatus.Absent),
                workingDays.Count(d => !days.ContainsKey(d)), days.Count(d => d.Value == AttendanceStatus.Present && !calendar.IsWorkingDay(d.Key)));
        }).ToArray();
    }

    /// <summary>A month may be reported (and its sheet sent to admin) once it has begun; never a month still to come.</summary>
    public static bool MonthHasBegun(int year, int month, DateOnly today) => new DateOnly(year, month, 1) <= today;

    /// <summary>Parses "yyyy-MM" strictly.</summary>
    public static bool TryParseMonth(string? text, out int year, out int month)
    {
        year = month = 0;
        if (text is not { Length: 7 } || text[4] != '-' || !int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out year)
            || !int.TryParse(text.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out month))
        {
            return false;
        }

        return year is >= 2000 and <= 2100 && month is >= 1 and <= 12;
    }
}

/// <summary>A team project's life (FLD-04).</summary>
public enum TeamProjectStatus
{
    Planned,
    InProgress,
    Finished,
    Cancelled,
}
