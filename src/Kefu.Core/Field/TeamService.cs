namespace Kefu.Core.Field;

/// <summary>A team project's size, as planned.</summary>
public sealed record TeamPlanSize(int Technicians, DateOnly PlannedStart, DateOnly PlannedFinish);

/// <summary>FLD-04: when a job is a team project (团队服务).</summary>
public static class TeamService
{
    /// <summary>
    /// Seed 002: "服務專案需要10人日以上(預計安排4名技術員以上,同時服務時間跨度2個工作日以上)". In
    /// Chinese rules 以上 includes the number: 10 person-days, 4 technicians and 2 working days all qualify.
    /// </summary>
    public static bool Applies(int personDays, int technicians, int workingDays, FieldPolicy policy) =>
        personDays >= policy.TeamMinPersonDays && technicians >= policy.TeamMinTechnicians && workingDays >= policy.TeamMinWorkingDays;

    /// <summary>Person-days of a plan: technicians × working days between start and finish (both included) on the calendar.</summary>
    public static (int PersonDays, int WorkingDays) Size(TeamPlanSize plan, Calendar.WorkingCalendar calendar)
    {
        var days = calendar.WorkingDaysBetween(plan.PlannedStart, plan.PlannedFinish);
        return (days * Math.Max(0, plan.Technicians), days);
    }

    public static bool Applies(TeamPlanSize plan, Calendar.WorkingCalendar calendar, FieldPolicy policy)
    {
        var (personDays, workingDays) = Size(plan, calendar);
        return Applies(personDays, plan.Technicians, workingDays, policy);
    }
}
