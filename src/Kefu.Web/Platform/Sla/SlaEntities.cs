using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Platform.Sla;

public enum TimerStatus
{
    Running,
    Paused,
    Stopped,
}

/// <summary>
/// A deadline on a record (SLA-01): its target on the record's calendar, warning share, pauses
/// (SLA-03), and what has fired. DueAt/WarnAt are kept up to date on every pause and resume, so
/// the sweep needs only an indexed comparison with the clock.
/// </summary>
public sealed class SlaTimer : IScopedRecord, IVersioned
{
    public long Id { get; set; }
    public required string RecordType { get; set; }
    public required string RecordId { get; set; }

    /// <summary>The requirement the deadline comes from, e.g. "EXC-02".</summary>
    public required string Rule { get; set; }

    public required string Name { get; set; }
    public string? OwnerId { get; set; }
    public string OrgPath { get; set; } = "/";
    public required string CalendarId { get; set; }
    public SlaUnit Unit { get; set; }
    public int Amount { get; set; }
    public int WarningPercent { get; set; } = 80;
    public DateTime StartedAt { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime WarnAt { get; set; }
    public TimerStatus Status { get; set; }
    public DateTime? PausedAt { get; set; }

    /// <summary>Time spent paused, on the target's own clock (wall or working), in ticks.</summary>
    public long PausedTicks { get; set; }

    public DateTime? WarnedAt { get; set; }
    public DateTime? BreachedAt { get; set; }
    public DateTime? StoppedAt { get; set; }

    /// <summary>SLA-02: the breach fired after the system was down past the due time.</summary>
    public bool FiredLate { get; set; }

    /// <summary>
    /// CAL-02: DueAt was counted through a year whose holiday arrangement was missing. An open timer
    /// loses the mark when the arrangement is imported and it is recomputed; a timer that fired
    /// before keeps it, so its history says the breach came from a provisional due time.
    /// </summary>
    public bool Provisional { get; set; }

    /// <summary>"user:ID;role:CentreSupervisor" (see <see cref="EscalationTarget"/>).</summary>
    public string? Escalation { get; set; }

    public string? Link { get; set; }
    public int Version { get; set; }

    public SlaTarget Target => new(Unit, Amount);
}

/// <summary>A breach, kept for Performance (SLA-04, PERF-06).</summary>
public sealed class SlaBreach
{
    public long Id { get; set; }
    public long TimerId { get; set; }
    public required string RecordType { get; set; }
    public required string RecordId { get; set; }
    public required string Rule { get; set; }
    public string? OwnerId { get; set; }
    public string OrgPath { get; set; } = "/";
    public DateTime DueAt { get; set; }
    public DateTime BreachedAt { get; set; }
    public bool Late { get; set; }

    /// <summary>CAL-02: the due time was provisional when the breach fired.</summary>
    public bool Provisional { get; set; }
}

public sealed class SlaTimerConfiguration : IEntityTypeConfiguration<SlaTimer>
{
    public void Configure(EntityTypeBuilder<SlaTimer> builder)
    {
        builder.ToTable("SlaTimers");
        builder.Property(t => t.RecordType).HasMaxLength(64);
        builder.Property(t => t.RecordId).HasMaxLength(64);
        builder.Property(t => t.Rule).HasMaxLength(16);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.OwnerId).HasMaxLength(450);
        builder.Property(t => t.OrgPath).HasMaxLength(200);
        builder.Property(t => t.CalendarId).HasMaxLength(32);
        builder.Property(t => t.Escalation).HasMaxLength(1000);
        builder.Property(t => t.Link).HasMaxLength(300);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.Target);
        builder.HasIndex(t => new { t.RecordType, t.RecordId });
        builder.HasIndex(t => new { t.Status, t.DueAt });
        builder.HasIndex(t => new { t.Status, t.WarnAt });
        builder.HasIndex(t => t.OwnerId);
        builder.HasIndex(t => t.OrgPath);
    }
}

public sealed class SlaBreachConfiguration : IEntityTypeConfiguration<SlaBreach>
{
    public void Configure(EntityTypeBuilder<SlaBreach> builder)
    {
        builder.ToTable("SlaBreaches");
        builder.Property(b => b.RecordType).HasMaxLength(64);
        builder.Property(b => b.RecordId).HasMaxLength(64);
        builder.Property(b => b.Rule).HasMaxLength(16);
        builder.Property(b => b.OwnerId).HasMaxLength(450);
        builder.Property(b => b.OrgPath).HasMaxLength(200);
        builder.HasIndex(b => b.TimerId).IsUnique();
        builder.HasIndex(b => new { b.OwnerId, b.BreachedAt });
    }
}
