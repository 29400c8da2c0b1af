using Kefu.Core.Performance;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Performance;

public enum PerformanceMonthStatus
{
    Open,
    Locked,
}

/// <summary>
/// A unit's month of performance (a centre's, or for staff outside any centre their own unit's): run
/// by the monthly job and on demand while open, reviewed and locked by the manager. A locked month
/// never changes; later corrections go to the next open month.
/// </summary>
public sealed class PerformanceMonth : IVersioned
{
    public int Id { get; set; }

    /// <summary>"yyyy-MM", company time.</summary>
    public required string Month { get; set; }

    public int UnitId { get; set; }

    /// <summary>The unit's path: who may review the month is decided by it.</summary>
    public string OrgPath { get; set; } = "/";

    public PerformanceMonthStatus Status { get; set; }
    public DateTime? RunAt { get; set; }
    public string? RunById { get; set; }
    public DateTime? LockedAt { get; set; }
    public string? LockedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A person's month: workload score, rank in the unit, the sums of their lines and the rating (PERF-01/07).</summary>
public sealed class PerformanceRecord : IScopedRecord, IVersioned
{
    public long Id { get; set; }
    public int MonthId { get; set; }
    public required string Month { get; set; }
    public int UnitId { get; set; }
    public required string PersonId { get; set; }
    public string OrgPath { get; set; } = "/";
    public int Score { get; set; }
    public int Jobs { get; set; }
    public int MobileScore { get; set; }
    public int Rated { get; set; }
    public int VerySatisfied { get; set; }
    public int Complaints { get; set; }
    public int Rank { get; set; }
    public long RewardsFen { get; set; }
    public long FinesFen { get; set; }
    public long NetFen { get; set; }
    public PerformanceRating Rating { get; set; }
    public int Version { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(PersonId);
}

/// <summary>
/// One reward or fine of a person's month (PERF-02..06), or a manager's correction. A computed line
/// is keyed by rule, kind and evidence, so a re-run finds it again; the manager's adjustment is kept
/// beside the computed amount with its reason, and the run never overwrites it.
/// </summary>
public sealed class PerformanceLineEntry : IScopedRecord, IVersioned
{
    public long Id { get; set; }
    public int MonthId { get; set; }
    public required string Month { get; set; }
    public required string PersonId { get; set; }
    public string OrgPath { get; set; } = "/";
    public required string RuleId { get; set; }
    public PerformanceLineKind Kind { get; set; }

    /// <summary>For ledger lines: the originating module's reason (a message key suffix).</summary>
    public string? Reason { get; set; }

    /// <summary>The computed amount in fen; a fine is negative.</summary>
    public long AmountFen { get; set; }

    /// <summary>The manager's amount, when adjusted; it counts instead of the computed one.</summary>
    public long? AdjustedFen { get; set; }

    public string? AdjustReason { get; set; }
    public string? AdjustedById { get; set; }
    public DateTime? AdjustedAt { get; set; }
    public PerformanceRating? ForcedRating { get; set; }
    public required string EvidenceType { get; set; }
    public required string EvidenceId { get; set; }

    /// <summary>The natural key of a computed line ("PERF-02|MobileFine|MobileMonth|2026-10"); a correction's own id.</summary>
    public required string LineKey { get; set; }

    /// <summary>For a correction: the line of a locked month it corrects.</summary>
    public long? CorrectsLineId { get; set; }

    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public long EffectiveFen => AdjustedFen ?? AmountFen;

    static string IScopedRecord.OwnerProperty => nameof(PersonId);
}

/// <summary>
/// A project bonus to split (PERF-05, 专案型服务): the amount, the team with the manager, who answers
/// for the project documents, when they were due and when they came in; paid in its month.
/// </summary>
public sealed class ProjectBonus : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Month { get; set; }
    public int UnitId { get; set; }
    public string OrgPath { get; set; } = "/";
    public long BonusFen { get; set; }

    /// <summary>The project manager (weight 1.2 by default).</summary>
    public required string OwnerId { get; set; }

    public string? ResponsibleId { get; set; }
    public DateOnly DocumentsDueOn { get; set; }
    public DateOnly? DocumentsInOn { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A member of a project bonus's team (the manager is one too).</summary>
public sealed class ProjectBonusMember
{
    public int Id { get; set; }
    public int BonusId { get; set; }
    public required string UserId { get; set; }
    public bool IsManager { get; set; }
}

public sealed class PerformanceMonthConfiguration : IEntityTypeConfiguration<PerformanceMonth>
{
    public void Configure(EntityTypeBuilder<PerformanceMonth> builder)
    {
        builder.ToTable("PerformanceMonths");
        builder.Property(m => m.Month).HasMaxLength(7);
        builder.Property(m => m.OrgPath).HasMaxLength(200);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.RunById).HasMaxLength(450);
        builder.Property(m => m.LockedById).HasMaxLength(450);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasIndex(m => new { m.Month, m.UnitId }).IsUnique();
    }
}

public sealed class PerformanceRecordConfiguration : IEntityTypeConfiguration<PerformanceRecord>
{
    public void Configure(EntityTypeBuilder<PerformanceRecord> builder)
    {
        builder.ToTable("PerformanceRecords");
        builder.Property(r => r.Month).HasMaxLength(7);
        builder.Property(r => r.PersonId).HasMaxLength(450);
        builder.Property(r => r.OrgPath).HasMaxLength(200);
        builder.Property(r => r.Rating).HasConversion<string>().HasMaxLength(2);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Month, r.PersonId }).IsUnique();
        builder.HasIndex(r => new { r.MonthId, r.Score });
        builder.HasIndex(r => new { r.PersonId, r.Month });
    }
}

public sealed class PerformanceLineEntryConfiguration : IEntityTypeConfiguration<PerformanceLineEntry>
{
    public void Configure(EntityTypeBuilder<PerformanceLineEntry> builder)
    {
        builder.ToTable("PerformanceLines");
        builder.Property(l => l.Month).HasMaxLength(7);
        builder.Property(l => l.PersonId).HasMaxLength(450);
        builder.Property(l => l.OrgPath).HasMaxLength(200);
        builder.Property(l => l.RuleId).HasMaxLength(16);
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(l => l.Reason).HasMaxLength(64);
        builder.Property(l => l.AdjustReason).HasMaxLength(500);
        builder.Property(l => l.AdjustedById).HasMaxLength(450);
        builder.Property(l => l.ForcedRating).HasConversion<string>().HasMaxLength(2);
        builder.Property(l => l.EvidenceType).HasMaxLength(64);
        builder.Property(l => l.EvidenceId).HasMaxLength(100);
        builder.Property(l => l.LineKey).HasMaxLength(300);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.Ignore(l => l.EffectiveFen);
        builder.HasIndex(l => new { l.Month, l.PersonId, l.LineKey }).IsUnique();
        builder.HasIndex(l => new { l.MonthId, l.PersonId });
    }
}

public sealed class ProjectBonusConfiguration : IEntityTypeConfiguration<ProjectBonus>
{
    public void Configure(EntityTypeBuilder<ProjectBonus> builder)
    {
        builder.ToTable("ProjectBonuses");
        builder.Property(b => b.Name).HasMaxLength(200);
        builder.Property(b => b.Month).HasMaxLength(7);
        builder.Property(b => b.OrgPath).HasMaxLength(200);
        builder.Property(b => b.OwnerId).HasMaxLength(450);
        builder.Property(b => b.ResponsibleId).HasMaxLength(450);
        builder.Property(b => b.CreatedById).HasMaxLength(450);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasIndex(b => b.Month);
    }
}

public sealed class ProjectBonusMemberConfiguration : IEntityTypeConfiguration<ProjectBonusMember>
{
    public void Configure(EntityTypeBuilder<ProjectBonusMember> builder)
    {
        builder.ToTable("ProjectBonusMembers");
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasIndex(m => new { m.BonusId, m.UserId }).IsUnique();
    }
}
