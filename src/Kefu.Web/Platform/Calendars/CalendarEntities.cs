using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Platform.Calendars;

/// <summary>
/// A working calendar as stored (CAL-01). A branch calendar names its parent; its null settings
/// and the parent's dated days are inherited (CAL-03).
/// </summary>
public sealed class WorkCalendar : IVersioned
{
    public const string DefaultId = "cn";

    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? ParentId { get; set; }

    /// <summary>IANA zone; null inherits.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Working weekdays as numbers (0 = Sunday … 6 = Saturday), e.g. "1,2,3,4,5"; null inherits.</summary>
    public string? WorkingWeekdays { get; set; }

    /// <summary>Office periods, e.g. "09:00-12:00,13:00-18:00"; null inherits.</summary>
    public string? Periods { get; set; }

    public int Version { get; set; }
}

/// <summary>A dated holiday or make-up working day of one calendar.</summary>
public sealed class CalendarDay
{
    public required string CalendarId { get; set; }
    public DateOnly Date { get; set; }
    public bool IsOffDay { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>Where a year's arrangement came from (CAL-02).</summary>
public enum ArrangementSource
{
    /// <summary>A State Council arrangement shipped with Kefu.</summary>
    Official,

    /// <summary>A holiday-cn file an administrator imported.</summary>
    Import,

    /// <summary>An administrator entered the year's days and declared the entry complete.</summary>
    Manual,
}

/// <summary>
/// CAL-02: a year of one calendar whose dated days are complete. A year without a row (on the
/// calendar or its ancestors) is provisional: the weekly pattern is all Kefu knows of it.
/// </summary>
public sealed class CalendarYear
{
    public required string CalendarId { get; set; }
    public int Year { get; set; }
    public ArrangementSource Source { get; set; }
    public DateTime ArrangedAt { get; set; }
    public string? ArrangedBy { get; set; }
}

/// <summary>
/// CAL-02: the weekly reminder to administrators that a year is still provisional, one row per year
/// and week (its Monday). The key makes the reminder happen once a week even with several nodes.
/// </summary>
public sealed class CalendarReminder
{
    public int Year { get; set; }
    public DateOnly WeekOf { get; set; }
    public DateTime SentAt { get; set; }
    public int Recipients { get; set; }
}

public sealed class WorkCalendarConfiguration : IEntityTypeConfiguration<WorkCalendar>
{
    public void Configure(EntityTypeBuilder<WorkCalendar> builder)
    {
        builder.ToTable("Calendars");
        builder.Property(c => c.Id).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.ParentId).HasMaxLength(32);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.WorkingWeekdays).HasMaxLength(20);
        builder.Property(c => c.Periods).HasMaxLength(200);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<WorkCalendar>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.ToTable("CalendarDays");
        builder.HasKey(d => new { d.CalendarId, d.Date });
        builder.Property(d => d.CalendarId).HasMaxLength(32);
        builder.Property(d => d.Name).HasMaxLength(50);
        builder.HasOne<WorkCalendar>().WithMany().HasForeignKey(d => d.CalendarId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> builder)
    {
        builder.ToTable("CalendarYears");
        builder.HasKey(y => new { y.CalendarId, y.Year });
        builder.Property(y => y.CalendarId).HasMaxLength(32);
        builder.Property(y => y.ArrangedBy).HasMaxLength(256);
        builder.HasOne<WorkCalendar>().WithMany().HasForeignKey(y => y.CalendarId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CalendarReminderConfiguration : IEntityTypeConfiguration<CalendarReminder>
{
    public void Configure(EntityTypeBuilder<CalendarReminder> builder)
    {
        builder.ToTable("CalendarReminders");
        builder.HasKey(r => new { r.Year, r.WeekOf });
    }
}
