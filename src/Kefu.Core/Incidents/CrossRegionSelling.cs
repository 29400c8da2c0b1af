using Kefu.Core.Calendar;
using Kefu.Core.Organization;
using Kefu.Core.Sla;

namespace Kefu.Core.Incidents;

/// <summary>EXC-09: the deadlines of a cross-region selling (窜货) case, seed 004 §7.</summary>
public enum CrossRegionStep
{
    /// <summary>Evidence (batch and serial numbers, quantity, price) within 1 WD of the complaint.</summary>
    Evidence,

    /// <summary>The written report, declaration and evidence within 3 WD of the complaint.</summary>
    WrittenReport,

    /// <summary>To the marketing director within 0.5 WD of receiving the declaration.</summary>
    ToMarketingDirector,

    /// <summary>Finance told to execute the penalty within 1 WD of receiving the province's closing report.</summary>
    FinanceNotified,

    /// <summary>Admin announces within 1 WD of receiving the GM's decision.</summary>
    Announcement,
}

/// <summary>A calendar quarter, for EXC-09's quarterly national ledger (全国窜货管理台帐).</summary>
public sealed record LedgerQuarter(int Year, int Quarter)
{
    public DateOnly FirstDay => new(Year, ((Quarter - 1) * 3) + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>e.g. "2026-Q3".</summary>
    public override string ToString() => $"{Year}-Q{Quarter}";
}

/// <summary>
/// EXC-09: cross-region selling deadlines in working time on the branch calendar. A deadline of N WD
/// is N × <see cref="WorkingCalendar.WorkingTimePerDay"/> of working time added to the moment it runs
/// from, so 0.5 WD is half a working day (4 h on a 09:00–12:00, 13:00–18:00 calendar); a
/// moment outside working time starts counting at the next office period.
/// </summary>
public static class CrossRegionSelling
{
    /// <summary>The step's size in working days, from the policy.</summary>
    public static decimal WorkingDaysFor(CrossRegionStep step, IncidentPolicy policy) => step switch
    {
        CrossRegionStep.Evidence => policy.CrossRegionEvidenceDays,
        CrossRegionStep.WrittenReport => policy.CrossRegionReportDays,
        CrossRegionStep.ToMarketingDirector => policy.CrossRegionToMarketingDirectorDays,
        CrossRegionStep.FinanceNotified => policy.CrossRegionFinanceDays,
        CrossRegionStep.Announcement => policy.CrossRegionAnnouncementDays,
    };

    /// <summary>
    /// EXC-09: when <paramref name="step"/> is due, counted from <paramref name="from"/>: the complaint for
    /// Evidence and WrittenReport, receipt of the declaration for ToMarketingDirector, receipt of the
    /// province's closing report for FinanceNotified, receipt of the GM's decision for Announcement.
    /// </summary>
    public static DateTimeOffset DueAt(CrossRegionStep step, DateTimeOffset from, WorkingCalendar calendar, IncidentPolicy policy) =>
        calendar.AddWorkingTime(from, WorkingTime(WorkingDaysFor(step, policy), calendar));

    /// <summary>A (possibly fractional) number of working days as working time on the calendar, to the tick.</summary>
    public static TimeSpan WorkingTime(decimal workingDays, WorkingCalendar calendar) =>
        TimeSpan.FromTicks((long)decimal.Round(calendar.WorkingTimePerDay.Ticks * workingDays, MidpointRounding.AwayFromZero));

    /// <summary>
    /// EXC-09: a step's deadline as an SLA timer, like every other deadline: its working days as
    /// working minutes on the centre's calendar (0.5 WD is half a working day), at least one minute,
    /// warning at the policy's share.
    /// </summary>
    public static (SlaTarget Target, int WarningPercent) Timer(CrossRegionStep step, WorkingCalendar calendar, IncidentPolicy policy) =>
        (SlaTarget.WorkingMinutes(Math.Max(1, (int)Math.Round(WorkingTime(WorkingDaysFor(step, policy), calendar).TotalMinutes, MidpointRounding.AwayFromZero))),
         Math.Clamp(policy.CrossRegionWarningPercent, 1, 99));

    /// <summary>
    /// EXC-09: who hears when a step is late: the CS manager for the province's evidence, report and
    /// hand-over to the marketing director (the CS side's steps); the marketing director when finance is
    /// not told; the GM when the decision is not announced.
    /// </summary>
    public static Role EscalatesTo(CrossRegionStep step) => step switch
    {
        CrossRegionStep.FinanceNotified => Role.MarketingDirector,
        CrossRegionStep.Announcement => Role.Gm,
        _ => Role.CsManager,
    };

    /// <summary>EXC-09 (seed 004 §7.4 "总经理作出最终处理决定"): only the GM records the GM's decision.</summary>
    public static bool MayRecordGmDecision(IEnumerable<Role> roles) => roles.Contains(Role.Gm);

    /// <summary>EXC-09: the quarter of the national ledger a date belongs to.</summary>
    public static LedgerQuarter QuarterOf(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);
}
