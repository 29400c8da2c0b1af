using Kefu.Core.Calendar;
using static Kefu.Core.Tests.Calendar.ChinaCalendar;

namespace Kefu.Core.Tests.Calendar;

public sealed class DueSoonHorizonTests
{
    [Theory]
    [InlineData("2026-09-28T09:00:00", "2026-09-30T00:00:00")] // Monday: to the end of Tuesday
    [InlineData("2026-09-29T23:30:00", "2026-10-01T00:00:00")] // Tuesday night: the end of Wednesday 09-30
    [InlineData("2026-09-30T10:00:00", "2026-10-09T00:00:00")] // before National Day: the end of 10-08
    [InlineData("2026-10-03T10:00:00", "2026-10-09T00:00:00")] // on a holiday: the first working day after it
    [InlineData("2026-10-09T10:00:00", "2026-10-11T00:00:00")] // Friday, Saturday 10-10 is a make-up day
    [InlineData("2026-11-27T10:00:00", "2026-12-01T00:00:00")] // Friday: the end of Monday
    public void RPT_01_due_soon_means_before_the_end_of_the_next_working_day(string now, string expected) =>
        Assert.Equal(At(expected), Compiled.EndOfNextWorkingDay(At(now)));
}
