using Kefu.Core.Calendar;

namespace Kefu.Core.Sla;

/// <summary>How a deadline is counted (SLA-01).</summary>
public enum SlaUnit
{
    /// <summary>Wall-clock minutes, nights and holidays included (EXC-02's 5 minutes).</summary>
    WallMinutes,

    /// <summary>Minutes of working time on the record's calendar.</summary>
    WorkingMinutes,

    /// <summary>Working days: each is one working day's worth of working time (EXP-05's 3 WD).</summary>
    WorkingDays,
}

/// <summary>A deadline's size, e.g. 5 wall-clock minutes or 3 working days.</summary>
public sealed record SlaTarget(SlaUnit Unit, int Amount)
{
    public static SlaTarget Minutes(int minutes) => new(SlaUnit.WallMinutes, minutes);

    public static SlaTarget WorkingMinutes(int minutes) => new(SlaUnit.WorkingMinutes, minutes);

    public static SlaTarget WorkingDays(int days) => new(SlaUnit.WorkingDays, days);

    public bool UsesWorkingTime => Unit != SlaUnit.WallMinutes;

    /// <summary>The target as an amount of time on its own clock (wall or working).</summary>
    public TimeSpan Length(WorkingCalendar calendar) => Unit switch
    {
        SlaUnit.WallMinutes => TimeSpan.FromMinutes(Amount),
        SlaUnit.WorkingMinutes => TimeSpan.FromMinutes(Amount),
        SlaUnit.WorkingDays => calendar.WorkingTimePerDay * Amount,
    };
}
