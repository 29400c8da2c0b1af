using static Kefu.Core.Tests.Calendar.ChinaCalendar;

namespace Kefu.Core.Tests.Calendar;

/// <summary>CAL-04: the compiled calendar agrees with the day-by-day reference on random input.</summary>
public sealed class EquivalenceTests
{
    private static readonly DateTimeOffset Start = At("2025-01-01T00:00:00");
    private const long RangeSeconds = 2L * 365 * 24 * 3600;

    [Fact]
    public void CAL_04_add_working_minutes_matches_the_reference_on_random_instants()
    {
        var random = new Random(20261124);
        for (var i = 0; i < 20_000; i++)
        {
            var from = Start.AddSeconds(random.NextInt64(RangeSeconds));
            var minutes = random.Next(1, 6000);
            Assert.True(Reference.AddWorkingMinutes(from, minutes) == Compiled.AddWorkingMinutes(from, minutes), $"{from:O} + {minutes}");
        }
    }

    [Fact]
    public void CAL_04_working_time_between_matches_the_reference_on_random_pairs()
    {
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var a = Start.AddSeconds(random.NextInt64(RangeSeconds));
            var b = a.AddSeconds(random.NextInt64(-30L * 24 * 3600, 30L * 24 * 3600));
            Assert.True(Reference.WorkingTimeBetween(a, b) == Compiled.WorkingTimeBetween(a, b), $"{a:O} → {b:O}");
        }
    }

    [Fact]
    public void CAL_04_working_days_match_the_reference_on_random_dates()
    {
        var random = new Random(11);
        var first = new DateOnly(2025, 1, 1);
        for (var i = 0; i < 5_000; i++)
        {
            var date = first.AddDays(random.Next(700));
            var days = random.Next(-20, 40);
            Assert.Equal(Reference.AddWorkingDays(date, days), Compiled.AddWorkingDays(date, days));
            var to = date.AddDays(random.Next(0, 60));
            Assert.Equal(Reference.WorkingDaysBetween(date, to), Compiled.WorkingDaysBetween(date, to));
        }
    }

    [Fact]
    public void CAL_04_adding_then_measuring_gives_back_the_minutes()
    {
        var random = new Random(3);
        for (var i = 0; i < 5_000; i++)
        {
            var from = Start.AddSeconds(random.NextInt64(RangeSeconds));
            var minutes = random.Next(1, 3000);
            var to = Compiled.AddWorkingMinutes(from, minutes);
            Assert.Equal(TimeSpan.FromMinutes(minutes), Compiled.WorkingTimeBetween(from, to));
        }
    }
}
