using Kefu.Core.Calendar;
using static Kefu.Core.Tests.Calendar.ChinaCalendar;

namespace Kefu.Core.Tests.Calendar;

/// <summary>CAL-02: the 2025 and 2026 State Council arrangements, every date of both years.</summary>
public sealed class ArrangementTests
{
    // Written out from the notices themselves, independently of the shipped JSON files.
    private static readonly (string From, string To, string Name)[] Holidays =
    [
        ("2025-01-01", "2025-01-01", "元旦"), ("2025-01-28", "2025-02-04", "春节"), ("2025-04-04", "2025-04-06", "清明节"),
        ("2025-05-01", "2025-05-05", "劳动节"), ("2025-05-31", "2025-06-02", "端午节"), ("2025-10-01", "2025-10-08", "国庆节、中秋节"),
        ("2026-01-01", "2026-01-03", "元旦"), ("2026-02-15", "2026-02-23", "春节"), ("2026-04-04", "2026-04-06", "清明节"),
        ("2026-05-01", "2026-05-05", "劳动节"), ("2026-06-19", "2026-06-21", "端午节"), ("2026-09-25", "2026-09-27", "中秋节"),
        ("2026-10-01", "2026-10-07", "国庆节"),
    ];

    private static readonly string[] MakeupDays =
    [
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    ];

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void CAL_02_every_date_of_2025_and_2026_has_the_official_kind()
    {
        var holidays = new Dictionary<DateOnly, string>();
        foreach (var (from, to, name) in Holidays)
        {
            for (var d = D(from); d <= D(to); d = d.AddDays(1))
            {
                holidays[d] = name;
            }
        }

        var makeups = MakeupDays.Select(D).ToHashSet();
        var mismatches = new List<string>();
        for (var date = new DateOnly(2025, 1, 1); date <= new DateOnly(2026, 12, 31); date = date.AddDays(1))
        {
            var expected = holidays.ContainsKey(date) ? DayKind.Holiday
                : makeups.Contains(date) ? DayKind.Makeup
                : date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.Weekend
                : DayKind.Workday;
            var actual = Compiled.KindOf(date);
            if (actual != expected)
            {
                mismatches.Add($"{date:yyyy-MM-dd}: expected {expected}, got {actual}");
            }

            if (holidays.TryGetValue(date, out var name) && Compiled.NameOf(date) != name)
            {
                mismatches.Add($"{date:yyyy-MM-dd}: expected name {name}, got {Compiled.NameOf(date)}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void CAL_02_working_day_totals_per_year()
    {
        // 261 weekdays − holidays on weekdays + make-up days: 2025: 261 − 18 + 5; 2026: 261 − 19 + 6.
        Assert.Equal(248, Compiled.WorkingDaysBetween(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
        Assert.Equal(248, Compiled.WorkingDaysBetween(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
    }

    /// <summary>
    /// What holds for every shipped arrangement, whatever years a release ships: each is one whole
    /// year with named days near it, no year twice, and the compiled calendar counts them as arranged.
    /// </summary>
    [Fact]
    public void CAL_02_every_shipped_arrangement_is_a_named_year_and_counts_as_arranged()
    {
        Assert.NotEmpty(HolidayCnFile.Official);
        Assert.Equal(HolidayCnFile.Official.Count, HolidayCnFile.Official.Select(f => f.Year).Distinct().Count());
        Assert.All(HolidayCnFile.Official, f =>
        {
            Assert.Contains(f.Days, d => d.Date.Year == f.Year && d.IsOffDay);
            Assert.All(f.Days, d => Assert.False(string.IsNullOrEmpty(d.Name)));
            Assert.All(f.Days, d => Assert.InRange(d.Date.Year, f.Year - 1, f.Year + 1));
            Assert.True(Compiled.IsArranged(f.Year));
        });
        // The year after the last shipped one is not known until it is imported.
        Assert.False(Compiled.IsArranged(HolidayCnFile.Official.Max(f => f.Year) + 1));
    }
}
