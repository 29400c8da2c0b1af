using Kefu.Core.Calendar;

namespace Kefu.Core.Tests.Calendar;

/// <summary>PLT-05: a calendar year as a sheet is one arrangement of the year.</summary>
public sealed class YearSheetTests
{
    private static readonly HashSet<DayOfWeek> MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Theory]
    [InlineData(DayKind.Workday, DayOfWeek.Wednesday, null)]
    [InlineData(DayKind.Workday, DayOfWeek.Saturday, "CalendarSheet.WorkdayOnRestDay")]
    [InlineData(DayKind.Weekend, DayOfWeek.Sunday, null)]
    [InlineData(DayKind.Weekend, DayOfWeek.Thursday, "CalendarSheet.WeekendOnWorkingDay")]
    [InlineData(DayKind.Makeup, DayOfWeek.Saturday, null)]
    [InlineData(DayKind.Makeup, DayOfWeek.Monday, "CalendarSheet.MakeupOnWorkingDay")]
    [InlineData(DayKind.Holiday, DayOfWeek.Monday, null)]
    [InlineData(DayKind.Holiday, DayOfWeek.Saturday, null)]
    public void PLT_05_a_days_kind_must_agree_with_the_working_week(DayKind kind, DayOfWeek weekday, string? problem) =>
        Assert.Equal(problem, YearSheet.KindMustAgreeWithTheWorkingWeek(kind, weekday, MondayToFriday));

    [Fact]
    public void PLT_05_a_six_day_week_makes_saturday_a_working_day()
    {
        HashSet<DayOfWeek> sixDays = [.. MondayToFriday, DayOfWeek.Saturday];
        Assert.Null(YearSheet.KindMustAgreeWithTheWorkingWeek(DayKind.Workday, DayOfWeek.Saturday, sixDays));
        Assert.Equal("CalendarSheet.MakeupOnWorkingDay", YearSheet.KindMustAgreeWithTheWorkingWeek(DayKind.Makeup, DayOfWeek.Saturday, sixDays));
    }

    [Fact]
    public void PLT_05_the_year_is_one_unit_every_date_once()
    {
        Assert.Equal(366, YearSheet.Dates(2028).Count());
        var given = YearSheet.Dates(2027).Where(d => d != new DateOnly(2027, 2, 28) && d.Month != 12).ToHashSet();
        var missing = YearSheet.MissingDates(2027, given);
        Assert.Equal(32, missing.Count);
        Assert.Equal(new DateOnly(2027, 2, 28), missing[0]);
        Assert.Empty(YearSheet.MissingDates(2027, YearSheet.Dates(2027).ToHashSet()));
    }

    [Fact]
    public void PLT_05_only_holidays_and_makeup_days_become_dated_days()
    {
        var day = new DateOnly(2027, 10, 1);
        Assert.Equal(new DatedDay(day, true, "国庆节"), YearSheet.Dated(day, DayKind.Holiday, "国庆节"));
        Assert.Equal(new DatedDay(day, false, ""), YearSheet.Dated(day, DayKind.Makeup, ""));
        Assert.Null(YearSheet.Dated(day, DayKind.Workday, "ignored"));
        Assert.Null(YearSheet.Dated(day, DayKind.Weekend, ""));
        Assert.Equal(DayKind.Weekend, YearSheet.ByTheWorkingWeek(new DateOnly(2027, 10, 2), MondayToFriday));
    }
}
