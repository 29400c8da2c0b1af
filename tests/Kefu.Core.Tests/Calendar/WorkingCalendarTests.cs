using Kefu.Core.Calendar;
using static Kefu.Core.Tests.Calendar.ChinaCalendar;

namespace Kefu.Core.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-09-30", 1, "2026-10-08")] // National Day: 10-01..10-07 off
    [InlineData("2026-09-29", 1, "2026-09-30")]
    [InlineData("2026-10-09", 1, "2026-10-10")] // Saturday make-up day
    [InlineData("2025-12-31", 1, "2026-01-04")] // across the year: 01-01..03 off, Sunday 01-04 works
    [InlineData("2026-02-13", 1, "2026-02-14")] // Saturday make-up before Spring Festival
    [InlineData("2026-02-14", 1, "2026-02-24")]
    [InlineData("2026-02-24", 3, "2026-02-27")]
    [InlineData("2026-02-24", 4, "2026-02-28")] // Saturday make-up after Spring Festival
    [InlineData("2026-10-08", -1, "2026-09-30")]
    [InlineData("2026-10-08", 0, "2026-10-08")]
    [InlineData("2026-10-03", 1, "2026-10-08")] // counting from a holiday
    public void CAL_04_add_working_days_is_the_nth_working_day_after_the_date(string from, int days, string expected) =>
        Assert.Equal(D(expected), Compiled.AddWorkingDays(D(from), days));

    [Theory]
    [InlineData("2026-10-01", "2026-10-10", 3)] // 10-08, 10-09, 10-10 (make-up)
    [InlineData("2026-09-28", "2026-09-28", 1)]
    [InlineData("2026-09-27", "2026-09-27", 0)] // Sunday of the Mid-Autumn holiday
    [InlineData("2025-12-29", "2026-01-05", 5)] // 12-29, 12-30, 12-31, 01-04, 01-05
    [InlineData("2026-01-10", "2026-01-01", 0)]
    public void CAL_04_working_days_between_counts_both_ends(string from, string to, int expected) =>
        Assert.Equal(expected, Compiled.WorkingDaysBetween(D(from), D(to)));

    [Theory]
    [InlineData("2026-09-28T11:00:00", 60, "2026-09-28T12:00:00")] // exactly the end of a period is that end
    [InlineData("2026-09-28T11:30:00", 60, "2026-09-28T13:30:00")] // the lunch break does not count
    [InlineData("2026-09-28T12:30:00", 30, "2026-09-28T13:30:00")] // a start in the break begins at 13:00
    [InlineData("2026-09-28T20:00:00", 30, "2026-09-29T09:30:00")]
    [InlineData("2026-09-28T17:00:00", 60, "2026-09-28T18:00:00")]
    [InlineData("2026-09-18T17:30:00", 60, "2026-09-20T09:30:00")] // Sunday 09-20 is a make-up day
    [InlineData("2026-09-30T17:00:00", 120, "2026-10-08T10:00:00")]
    [InlineData("2025-12-31T17:00:00", 120, "2026-01-04T10:00:00")] // across the year boundary
    [InlineData("2026-09-28T09:00:00", 480, "2026-09-28T18:00:00")] // 09–12 and 13–18: 480 minutes a day
    [InlineData("2026-09-28T09:00:00", 481, "2026-09-29T09:01:00")]
    [InlineData("2026-09-30T20:00:00", 0, "2026-10-08T09:00:00")] // zero minutes: the next working instant
    [InlineData("2026-09-28T10:15:00", 0, "2026-09-28T10:15:00")]
    [InlineData("2026-09-29T10:00:00", -60, "2026-09-29T09:00:00")]
    [InlineData("2026-09-29T09:00:00", -60, "2026-09-28T17:00:00")]
    public void CAL_04_add_working_minutes(string from, int minutes, string expected) =>
        Assert.Equal(At(expected), Compiled.AddWorkingMinutes(At(from), minutes));

    [Fact]
    public void CAL_04_results_are_in_the_calendar_zone_whatever_the_input_offset()
    {
        var utc = new DateTimeOffset(2026, 9, 28, 1, 0, 0, TimeSpan.Zero); // 09:00 in Shanghai
        var result = Compiled.AddWorkingMinutes(utc, 30);
        Assert.Equal(TimeSpan.FromHours(8), result.Offset);
        Assert.Equal(At("2026-09-28T09:30:00"), result);
    }

    [Theory]
    [InlineData("2026-09-28T09:00:00", "2026-09-28T18:00:00", 480)]
    [InlineData("2026-09-28T11:00:00", "2026-09-28T14:00:00", 120)]
    [InlineData("2026-09-30T17:00:00", "2026-10-08T10:00:00", 120)]
    [InlineData("2026-10-02T10:00:00", "2026-10-05T10:00:00", 0)]
    [InlineData("2026-09-28T18:00:00", "2026-09-28T09:00:00", -480)]
    public void CAL_04_working_time_between_two_instants(string from, string to, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Compiled.WorkingTimeBetween(At(from), At(to)));

    [Fact]
    public void CAL_04_first_working_day_at_nine_after_an_evening_complaint()
    {
        // EXC-04's example: a complaint at 20:00 on 2026-09-30 is due 2026-10-08 09:00.
        Assert.Equal(At("2026-10-08T09:00:00"), Compiled.StartOfNextWorkingDay(At("2026-09-30T20:00:00")));
        Assert.Equal(At("2026-09-29T09:00:00"), Compiled.StartOfNextWorkingDay(At("2026-09-28T20:00:00")));
    }

    [Fact]
    public void CAL_04_working_time_flags()
    {
        Assert.True(Compiled.IsWorkingTime(At("2026-09-28T09:00:00")));
        Assert.False(Compiled.IsWorkingTime(At("2026-09-28T12:00:00")));
        Assert.False(Compiled.IsWorkingTime(At("2026-10-02T10:00:00")));
        Assert.True(Compiled.IsWorkingTime(At("2026-10-10T10:00:00")));
        Assert.Equal(TimeSpan.FromMinutes(480), Compiled.WorkingTimePerDay);
    }

    [Fact]
    public void CAL_04_dates_outside_the_compiled_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Compiled.IsWorkingDay(new DateOnly(1999, 12, 31)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Compiled.AddWorkingDays(new DateOnly(2100, 12, 31), 5));
    }

    [Fact]
    public void CAL_01_weekly_pattern_and_periods_are_the_calendars_own()
    {
        // A six-day week with one long period: Saturday works; Sunday 09-20 works as the official make-up day.
        var definition = Definition with
        {
            WorkingWeekdays = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday },
            Periods = [new OfficePeriod(new TimeOnly(8, 0), new TimeOnly(20, 0))],
        };
        var calendar = new WorkingCalendar(definition);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 9, 19)));
        Assert.Equal(At("2026-09-20T09:00:00"), calendar.AddWorkingMinutes(At("2026-09-19T19:00:00"), 120));
        Assert.Equal(At("2026-09-21T09:00:00"), calendar.AddWorkingMinutes(At("2026-09-20T19:00:00"), 120));
    }

    [Fact]
    public void CAL_01_invalid_definitions_are_refused_with_the_field()
    {
        var bad = Definition with { Periods = [new OfficePeriod(new TimeOnly(12, 0), new TimeOnly(9, 0))], TimeZoneId = "Mars/Olympus" };
        var problems = bad.Validate();
        Assert.Contains(problems, p => p.Field == "periods");
        Assert.Contains(problems, p => p.Field == "timeZone");
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(bad));
    }

    [Fact]
    public void CAL_03_branch_calendar_inherits_the_company_days_and_adds_its_own()
    {
        var branch = CalendarDefinition.ChinaDefault("cn-east", "华东", [new DatedDay(new DateOnly(2026, 9, 28), true, "厂休")]);
        var merged = new WorkingCalendar(branch.InheritDays(Definition));
        Assert.False(merged.IsWorkingDay(new DateOnly(2026, 9, 28)));
        Assert.Equal(DayKind.Holiday, merged.KindOf(new DateOnly(2026, 10, 1)));
        Assert.True(Compiled.IsWorkingDay(new DateOnly(2026, 9, 28)));
    }
}
