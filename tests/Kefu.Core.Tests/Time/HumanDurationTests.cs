using Kefu.Core.Time;

namespace Kefu.Core.Tests.Time;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, 0, 12, 0, 0, 12)]      // "12 分钟"
    [InlineData(0, 0, 0, 0, 0, 1)]        // under a minute reads one minute
    [InlineData(0, 3, 12, 0, 3, 12)]      // "3 小时 12 分"
    [InlineData(0, 5, 0, 0, 5, 0)]        // "5 小时"
    [InlineData(1, 4, 30, 1, 4, 0)]       // "1 天 4 小时": minutes no longer matter
    [InlineData(2, 23, 59, 2, 23, 0)]
    [InlineData(3, 5, 0, 3, 0, 0)]        // "3 天": from three days only days
    [InlineData(47, 0, 0, 47, 0, 0)]
    public void RPT_01_a_duration_reads_in_its_largest_units(int days, int hours, int minutes, int eDays, int eHours, int eMinutes) =>
        Assert.Equal(new HumanDuration(eDays, eHours, eMinutes), HumanDuration.Of(new TimeSpan(days, hours, minutes, 0)));

    [Fact]
    public void RPT_01_2879_minutes_read_as_one_day_23_hours_not_minutes() =>
        Assert.Equal(new HumanDuration(1, 23, 0), HumanDuration.Of(TimeSpan.FromMinutes(2879)));

    [Fact]
    public void RPT_01_a_passed_deadline_reads_as_its_length() =>
        Assert.Equal(new HumanDuration(0, 0, 12), HumanDuration.Of(TimeSpan.FromMinutes(-12)));

    [Fact]
    public void RPT_01_the_extremes_do_not_overflow()
    {
        Assert.Equal(HumanDuration.Of(TimeSpan.MaxValue).Days, HumanDuration.Of(TimeSpan.MinValue).Days);
        Assert.True(HumanDuration.Of(TimeSpan.MaxValue).Days > 1_000_000);
    }
}
