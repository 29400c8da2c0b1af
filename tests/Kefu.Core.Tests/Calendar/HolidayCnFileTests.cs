using Kefu.Core.Calendar;

namespace Kefu.Core.Tests.Calendar;

public sealed class HolidayCnFileTests
{
    private const string File2024 = """
        {"year":2024,"papers":["http://example.invalid/notice"],"days":[
          {"name":"元旦","date":"2024-01-01","isOffDay":true},
          {"name":"春节","date":"2024-02-04","isOffDay":false},
          {"name":"春节","date":"2024-02-10","isOffDay":true},
          {"name":"春节","date":"2024-02-11","isOffDay":true}
        ]}
        """;

    [Fact]
    public void CAL_02_parses_holidays_and_makeup_days()
    {
        var file = HolidayCnFile.Parse(File2024);
        Assert.Equal(2024, file.Year);
        Assert.Equal(4, file.Days.Count);
        Assert.Contains(file.Days, d => d.Date == new DateOnly(2024, 2, 4) && !d.IsOffDay && d.Name == "春节");
        Assert.Contains(file.Days, d => d.Date == new DateOnly(2024, 2, 10) && d.IsOffDay);
    }

    [Fact]
    public void CAL_02_imported_year_changes_the_calendar()
    {
        var file = HolidayCnFile.Parse(File2024);
        var definition = CalendarDefinition.ChinaDefault("cn", "中国大陆", file.Days);
        var calendar = new WorkingCalendar(definition);
        Assert.Equal(DayKind.Makeup, calendar.KindOf(new DateOnly(2024, 2, 4))); // a Sunday that works
        Assert.Equal(DayKind.Holiday, calendar.KindOf(new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void CAL_02_reimporting_a_year_replaces_it_and_keeps_other_years()
    {
        var existing = HolidayCnFile.Parse(File2024).ReplaceIn(new Dictionary<DateOnly, DatedDay>
        {
            [new DateOnly(2023, 10, 2)] = new(new DateOnly(2023, 10, 2), true, "国庆节"),
            [new DateOnly(2024, 5, 1)] = new(new DateOnly(2024, 5, 1), true, "劳动节"),
        });
        var replacement = HolidayCnFile.Parse("""{"year":2024,"days":[{"name":"元旦","date":"2024-01-01","isOffDay":true}]}""");
        var result = replacement.ReplaceIn(existing);
        Assert.Equal(2, result.Count);
        Assert.True(result.ContainsKey(new DateOnly(2023, 10, 2)));
        Assert.True(result.ContainsKey(new DateOnly(2024, 1, 1)));
        Assert.False(result.ContainsKey(new DateOnly(2024, 5, 1)));
    }

    [Theory]
    [InlineData("not json", "JSON")]
    [InlineData("[]", "object")]
    [InlineData("""{"days":[]}""", "year")]
    [InlineData("""{"year":2024}""", "days")]
    [InlineData("""{"year":2024,"days":[{"name":"x","date":"2024-13-01","isOffDay":true}]}""", "days[0].date")]
    [InlineData("""{"year":2024,"days":[{"name":"x","date":"2024-02-30","isOffDay":true}]}""", "days[0].date")]
    [InlineData("""{"year":2024,"days":[{"name":"x","date":"2024-01-01","isOffDay":"yes"}]}""", "days[0].isOffDay")]
    [InlineData("""{"year":2024,"days":[{"name":"x","date":"2030-01-01","isOffDay":true}]}""", "too far")]
    [InlineData("""{"year":2024,"days":[{"date":"2024-01-01","isOffDay":true},{"date":"2024-01-01","isOffDay":false}]}""", "twice")]
    public void CAL_02_malformed_files_are_refused_naming_the_problem(string json, string mentioned)
    {
        var error = Assert.Throws<FormatException>(() => HolidayCnFile.Parse(json));
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CAL_02_round_trips_through_json()
    {
        var file = HolidayCnFile.Official[1];
        var again = HolidayCnFile.Parse(file.ToJson());
        Assert.Equal(file.Year, again.Year);
        Assert.Equal(file.Days.OrderBy(d => d.Date), again.Days.OrderBy(d => d.Date));
    }
}
