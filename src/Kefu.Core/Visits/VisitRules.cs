using Kefu.Core.Calendar;

namespace Kefu.Core.Visits;

/// <summary>VIS-03's rating scale: 很满意 / 满意 / 一般 / 不满意.</summary>
public enum SatisfactionRating
{
    VerySatisfied,
    Satisfied,
    Neutral,
    Dissatisfied,
}

/// <summary>VIS-01: how often each customer grade is visited, in months (A monthly, B quarterly, C half-yearly by default).</summary>
public sealed record VisitPolicy
{
    public const string Key = "visits.policy";

    public IReadOnlyDictionary<string, int> MonthsByGrade { get; init; } = new Dictionary<string, int> { ["A"] = 1, ["B"] = 3, ["C"] = 6 };

    /// <summary>VIS-03: the supervision callback is due by the end of this many working days after the job (same or next WD).</summary>
    public int CallbackWorkingDays { get; init; } = 1;

    /// <summary>VIS-01: the daily plan creates visits falling due within this many days, so specialists see them coming.</summary>
    public int PlanAheadDays { get; init; } = 7;
}

/// <summary>A customer as visit planning sees them.</summary>
public sealed record VisitSubject(string CustomerId, string SpecialistId, string Grade, DateOnly LastVisit);

public sealed record DueVisit(string CustomerId, string SpecialistId, DateOnly DueOn);

public static class VisitRules
{
    /// <summary>VIS-01: the next visit after the last one, by the grade's interval; null for a grade without a plan.</summary>
    public static DateOnly? NextVisit(string grade, DateOnly lastVisit, VisitPolicy policy) =>
        policy.MonthsByGrade.TryGetValue(grade, out var months) && months > 0 ? lastVisit.AddMonths(months) : null;

    /// <summary>VIS-01: the visits due up to <paramref name="until"/> (overdue ones included), per specialist, earliest first.</summary>
    public static IReadOnlyList<DueVisit> DueVisits(IEnumerable<VisitSubject> subjects, DateOnly until, VisitPolicy policy) =>
        subjects.Select(s => (s, next: NextVisit(s.Grade, s.LastVisit, policy)))
            .Where(x => x.next is { } n && n <= until)
            .Select(x => new DueVisit(x.s.CustomerId, x.s.SpecialistId, x.next!.Value))
            .OrderBy(v => v.SpecialistId, StringComparer.Ordinal).ThenBy(v => v.DueOn).ThenBy(v => v.CustomerId, StringComparer.Ordinal)
            .ToArray();

    /// <summary>VIS-03: a callback after a job completed at <paramref name="completed"/> is due by the end of the next working day.</summary>
    public static DateTimeOffset CallbackDue(DateTimeOffset completed, WorkingCalendar calendar, VisitPolicy policy)
    {
        var local = calendar.ToCalendarTime(completed);
        var day = calendar.AddWorkingDays(DateOnly.FromDateTime(local.DateTime), policy.CallbackWorkingDays);
        var end = calendar.Definition.Periods[^1].End;
        return new DateTimeOffset(day.ToDateTime(end), local.Offset);
    }
}

/// <summary>VIS-04: one group's month: how many callbacks, the shares, the complaints.</summary>
public sealed record SatisfactionFigures(string Group, int Rated, int VerySatisfied, int SatisfiedOrBetter, int Complaints)
{
    /// <summary>Share of "very satisfied" among rated, 0–100, rounded half away from zero to one decimal.</summary>
    public decimal VerySatisfiedShare => Share(VerySatisfied);

    public decimal SatisfiedOrBetterShare => Share(SatisfiedOrBetter);

    private decimal Share(int count) => Rated == 0 ? 0m : decimal.Round(100m * count / Rated, 1, MidpointRounding.AwayFromZero);
}

public static class SatisfactionStatistics
{
    /// <summary>VIS-04: figures per group (technician, centre or branch) from ratings and complaints.</summary>
    public static IReadOnlyList<SatisfactionFigures> ByGroup(IEnumerable<(string Group, SatisfactionRating Rating)> ratings, IEnumerable<string> complaintGroups)
    {
        var complaints = complaintGroups.GroupBy(g => g, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rated = ratings.GroupBy(r => r.Group, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Rating).ToList(), StringComparer.Ordinal);
        return rated.Keys.Union(complaints.Keys).Order(StringComparer.Ordinal).Select(group =>
        {
            var list = rated.GetValueOrDefault(group) ?? [];
            return new SatisfactionFigures(group, list.Count, list.Count(r => r == SatisfactionRating.VerySatisfied),
                list.Count(r => r is SatisfactionRating.VerySatisfied or SatisfactionRating.Satisfied), complaints.GetValueOrDefault(group));
        }).ToArray();
    }
}
