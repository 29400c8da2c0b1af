using Kefu.Core.Calendar;

namespace Kefu.Core.Tests.Calendar;

/// <summary>The shipped mainland-China calendar, compiled once for all tests.</summary>
internal static class ChinaCalendar
{
    public static CalendarDefinition Definition { get; } =
        CalendarDefinition.ChinaDefault("cn", "中国大陆", HolidayCnFile.Official.SelectMany(f => f.Days))
            .Arranging(HolidayCnFile.Official.Select(f => f.Year));

    public static WorkingCalendar Compiled { get; } = new(Definition);

    public static ReferenceCalendar Reference { get; } = new(Definition);

    public static DateTimeOffset At(string local) => DateTimeOffset.Parse(local + "+08:00", System.Globalization.CultureInfo.InvariantCulture);
}
