using Kefu.Core.Calendar;
using Kefu.Core.Sla;
using static Kefu.Core.Tests.Calendar.ChinaCalendar;

namespace Kefu.Core.Tests.Calendar;

/// <summary>
/// CAL-02: a year is provisional until its arrangement is imported; deadlines counted through such a
/// year say so, and administrators are told in time. Whatever years are shipped, the year after the
/// last shipped one plays the part of "next year" here.
/// </summary>
public sealed class ProvisionalYearTests
{
    /// <summary>A made-up arrangement for a test year (not the State Council's): New Year off, a Sunday worked in February.</summary>
    private const string TestArrangement2027 = """
        {"year":2027,"papers":["test data, not an official notice"],"days":[
          {"name":"元旦（测试）","date":"2027-01-01","isOffDay":true},
          {"name":"春节（测试）","date":"2027-02-05","isOffDay":true},
          {"name":"春节（测试）","date":"2027-02-08","isOffDay":true},
          {"name":"春节（测试）","date":"2027-02-14","isOffDay":false}
        ]}
        """;

    private static WorkingCalendar WithTestArrangement()
    {
        var file = HolidayCnFile.Parse(TestArrangement2027);
        var definition = Definition with { Days = file.ReplaceIn(Definition.Days) };
        return new WorkingCalendar(definition.Arranging([file.Year]));
    }

    [Fact]
    public void CAL_02_a_year_is_arranged_only_when_its_arrangement_is_known()
    {
        Assert.True(Compiled.IsArranged(2026));
        Assert.False(Compiled.IsArranged(2027));
        Assert.Empty(Compiled.ProvisionalYearsBetween(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.Equal([2027, 2028], Compiled.ProvisionalYearsBetween(new DateOnly(2028, 3, 1), new DateOnly(2026, 12, 1)));
        Assert.True(WithTestArrangement().IsArranged(2027));
    }

    [Fact]
    public void CAL_02_a_15_working_day_deadline_from_2026_12_20_is_provisional()
    {
        var start = At("2026-12-20T10:00:00");
        var target = SlaTarget.WorkingDays(15);
        var due = SlaClock.DueAt(start, target, TimeSpan.Zero, Compiled);

        // Nine working days are left in December; the weekday rule makes 1 January the tenth.
        Assert.Equal(At("2027-01-08T18:00:00"), due);
        Assert.Equal([2027], SlaClock.ProvisionalYears(start, due, target, Compiled));
    }

    [Fact]
    public void CAL_02_the_arrangement_moves_the_deadline_and_makes_it_certain()
    {
        var start = At("2026-12-20T10:00:00");
        var target = SlaTarget.WorkingDays(15);
        var arranged = WithTestArrangement();
        var due = SlaClock.DueAt(start, target, TimeSpan.Zero, arranged);

        Assert.Equal(At("2027-01-11T18:00:00"), due);
        Assert.Empty(SlaClock.ProvisionalYears(start, due, target, arranged));
    }

    [Fact]
    public void CAL_02_a_deadline_within_arranged_years_is_certain_and_wall_clock_never_provisional()
    {
        var start = At("2026-12-01T10:00:00");
        var due = SlaClock.DueAt(start, SlaTarget.WorkingDays(3), TimeSpan.Zero, Compiled);
        Assert.Empty(SlaClock.ProvisionalYears(start, due, SlaTarget.WorkingDays(3), Compiled));

        // Five wall-clock minutes over New Year's night do not depend on anyone's holidays.
        var night = At("2026-12-31T23:58:00");
        Assert.Empty(SlaClock.ProvisionalYears(night, night.AddMinutes(5), SlaTarget.Minutes(5), Compiled));
        Assert.Equal([2027], SlaClock.ProvisionalYears(night, night.AddMinutes(5), SlaTarget.WorkingMinutes(5), Compiled));
    }

    [Fact]
    public void CAL_02_a_deadline_that_starts_and_ends_in_a_provisional_year_is_provisional()
    {
        var start = At("2027-03-01T10:00:00");
        var due = SlaClock.DueAt(start, SlaTarget.WorkingMinutes(60), TimeSpan.Zero, Compiled);
        Assert.Equal([2027], SlaClock.ProvisionalYears(start, due, SlaTarget.WorkingMinutes(60), Compiled));
    }

    [Fact]
    public void CAL_02_a_branch_calendar_is_arranged_where_its_parent_is()
    {
        var branch = CalendarDefinition.ChinaDefault("east", "华东", [new DatedDay(new DateOnly(2026, 11, 30), true, "厂庆")]);
        var merged = new WorkingCalendar(branch.InheritDays(Definition));
        Assert.True(merged.IsArranged(2026));
        Assert.False(merged.IsArranged(2027));

        var own = new WorkingCalendar(branch.Arranging([2027]).InheritDays(Definition));
        Assert.True(own.IsArranged(2027));
    }

    [Fact]
    public void CAL_02_next_year_is_announced_from_the_policy_day_while_it_is_provisional()
    {
        var policy = new CalendarPolicy();
        Assert.Empty(ArrangementReminder.MissingOn(new DateOnly(2026, 10, 31), Compiled.IsArranged, policy));
        Assert.Equal([new MissingArrangement(2027, MissingYear.Next)], ArrangementReminder.MissingOn(new DateOnly(2026, 11, 1), Compiled.IsArranged, policy));
        Assert.Equal([new MissingArrangement(2027, MissingYear.Next)], ArrangementReminder.MissingOn(new DateOnly(2026, 12, 15), Compiled.IsArranged, policy));

        // The day is the administrator's to choose.
        var later = policy with { WarnFromMonth = 12, WarnFromDay = 20 };
        Assert.Empty(ArrangementReminder.MissingOn(new DateOnly(2026, 12, 15), Compiled.IsArranged, later));
        Assert.NotEmpty(ArrangementReminder.MissingOn(new DateOnly(2026, 12, 20), Compiled.IsArranged, later));

        // Once imported, nothing is missing.
        Assert.Empty(ArrangementReminder.MissingOn(new DateOnly(2026, 12, 15), WithTestArrangement().IsArranged, policy));
    }

    [Fact]
    public void CAL_02_from_1_january_of_a_provisional_year_the_calendar_is_degraded()
    {
        Assert.False(ArrangementReminder.IsDegradedOn(new DateOnly(2026, 12, 31), Compiled.IsArranged));
        Assert.True(ArrangementReminder.IsDegradedOn(new DateOnly(2027, 1, 1), Compiled.IsArranged));
        Assert.Contains(new MissingArrangement(2027, MissingYear.Current), ArrangementReminder.MissingOn(new DateOnly(2027, 1, 1), Compiled.IsArranged, new CalendarPolicy()));
        Assert.False(ArrangementReminder.IsDegradedOn(new DateOnly(2027, 1, 1), WithTestArrangement().IsArranged));
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-30")] // Monday
    [InlineData("2026-12-05", "2026-11-30")] // Saturday
    [InlineData("2026-12-06", "2026-11-30")] // Sunday
    [InlineData("2027-01-01", "2026-12-28")] // a week across New Year is one week
    public void CAL_02_the_weekly_reminder_is_keyed_by_the_monday_of_the_week(string day, string monday) =>
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture),
            ArrangementReminder.WeekOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(11, 1, true)]
    [InlineData(2, 28, true)]
    [InlineData(2, 29, false)]
    [InlineData(13, 1, false)]
    [InlineData(4, 31, false)]
    [InlineData(1, 0, false)]
    public void CAL_02_the_warning_day_must_be_a_day_of_every_year(int month, int day, bool valid) =>
        Assert.Equal(valid, new CalendarPolicy { WarnFromMonth = month, WarnFromDay = day }.Validate().Count == 0);
}
