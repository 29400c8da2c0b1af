using Kefu.Core.Tests.Calendar;
using Kefu.Core.Visits;

namespace Kefu.Core.Tests.Visits;

public sealed class VisitRulesTests
{
    private static readonly VisitPolicy Policy = new();

    // REQUIREMENTS VIS-01's defaults (the seeds say only 不定期回访): A monthly, B quarterly, C half-yearly.
    [Theory]
    [InlineData("A", "2026-09-15", "2026-10-15")]
    [InlineData("B", "2026-09-15", "2026-12-15")]
    [InlineData("C", "2026-09-15", "2027-03-15")]
    [InlineData("A", "2026-01-31", "2026-02-28")]
    public void VIS_01_next_visit_by_grade(string grade, string last, string next) =>
        Assert.Equal(DateOnly.Parse(next, System.Globalization.CultureInfo.InvariantCulture),
            VisitRules.NextVisit(grade, DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), Policy));

    [Fact]
    public void VIS_01_due_visits_per_specialist_include_overdue_and_skip_ungraded()
    {
        VisitSubject[] subjects =
        [
            new("c1", "s2", "A", new DateOnly(2026, 9, 1)),
            new("c2", "s1", "C", new DateOnly(2026, 1, 1)),
            new("c3", "s1", "B", new DateOnly(2026, 10, 1)),
            new("c4", "s1", "X", new DateOnly(2020, 1, 1)),
        ];
        var due = VisitRules.DueVisits(subjects, new DateOnly(2026, 10, 31), Policy);
        Assert.Equal([("s1", "c2"), ("s2", "c1")], due.Select(d => (d.SpecialistId, d.CustomerId)));
        Assert.Equal(new DateOnly(2026, 7, 1), due[0].DueOn);
    }

    [Fact]
    public void VIS_03_callback_is_due_by_the_end_of_the_next_working_day()
    {
        // A job finished on Wednesday 30 Sep 2026 is called back by Thursday 8 Oct 18:00 (National Day holiday).
        var due = VisitRules.CallbackDue(ChinaCalendar.At("2026-09-30T16:00:00"), ChinaCalendar.Compiled, Policy);
        Assert.Equal(ChinaCalendar.At("2026-10-08T18:00:00"), due);
    }

    [Fact]
    public void VIS_04_shares_per_group_and_complaints()
    {
        (string, SatisfactionRating)[] ratings =
        [
            ("sh.eng1", SatisfactionRating.VerySatisfied), ("sh.eng1", SatisfactionRating.VerySatisfied), ("sh.eng1", SatisfactionRating.Satisfied),
            ("sh.eng2", SatisfactionRating.Neutral), ("sh.eng2", SatisfactionRating.Dissatisfied),
        ];
        var figures = SatisfactionStatistics.ByGroup(ratings, ["sh.eng2", "hz.eng1"]);
        var eng1 = figures.Single(f => f.Group == "sh.eng1");
        Assert.Equal(66.7m, eng1.VerySatisfiedShare);
        Assert.Equal(100m, eng1.SatisfiedOrBetterShare);
        Assert.Equal(0, eng1.Complaints);
        var eng2 = figures.Single(f => f.Group == "sh.eng2");
        Assert.Equal(0m, eng2.SatisfiedOrBetterShare);
        Assert.Equal(1, eng2.Complaints);
        Assert.Equal(0, figures.Single(f => f.Group == "hz.eng1").Rated);
    }
}
