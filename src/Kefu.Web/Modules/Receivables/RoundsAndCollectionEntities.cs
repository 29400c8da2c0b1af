using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Receivables;

/// <summary>What a reconciliation line refers to in the technician's ledger.</summary>
public enum RoundItemKind
{
    Confirmation,
    Invoice,
}

/// <summary>
/// AR-04: one centre's weekly round, made once per centre and week (the unique key keeps a second
/// node or a second run from making it again). The technicians' entries hang off it.
/// </summary>
public sealed class ReconciliationWeek
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public string OrgPath { get; set; } = "/";

    /// <summary>The Monday of the week.</summary>
    public DateOnly WeekStart { get; set; }

    /// <summary>The day the round was held on (moved off a holiday by the calendar).</summary>
    public DateOnly RoundDate { get; set; }

    /// <summary>The Monday review: the first working day of the next week.</summary>
    public DateOnly ReviewDate { get; set; }

    public DateTime OpenedAt { get; set; }

    /// <summary>When the manager was sent the overdue list (null until the review day's run).</summary>
    public DateTime? ReviewSentAt { get; set; }
}

/// <summary>
/// AR-04: a technician's reconciliation for one week: their open ledger items, confirmed by the
/// technician and by the coordinator, differences noted per item. Scope: the centre, and the technician.
/// </summary>
public sealed class ReconciliationEntry : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public int WeekId { get; set; }
    public int CentreId { get; set; }
    public string OrgPath { get; set; } = "/";
    public DateOnly WeekStart { get; set; }
    public DateOnly RoundDate { get; set; }
    public DateOnly ReviewDate { get; set; }
    public required string TechnicianId { get; set; }
    public long OpenFen { get; set; }
    public int ItemCount { get; set; }
    public DateTime? TechnicianConfirmedAt { get; set; }
    public string? CoordinatorId { get; set; }
    public DateTime? CoordinatorConfirmedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(TechnicianId);
}

/// <summary>One open ledger item of an entry, as it stood when the round opened, with the difference found.</summary>
public sealed class ReconciliationItem
{
    public long Id { get; set; }
    public int EntryId { get; set; }
    public RoundItemKind Kind { get; set; }
    public int RecordId { get; set; }
    public required string Number { get; set; }
    public required string CustomerName { get; set; }
    public long AmountFen { get; set; }
    public long OpenFen { get; set; }
    public DateOnly? DueDate { get; set; }

    /// <summary>The difference found (the technician's figure minus the ledger's), null when none was noted.</summary>
    public long? DifferenceFen { get; set; }

    public string? DifferenceNote { get; set; }
    public string? NotedById { get; set; }
    public DateTime? NotedAt { get; set; }
}

/// <summary>AR-04: an overdue item the manager sent to its salesperson on the Monday review, with the reason.</summary>
public sealed class OverdueReferral : IScopedRecord
{
    public int Id { get; set; }
    public int InvoiceId { get; set; }
    public required string InvoiceNumber { get; set; }
    public required string SalespersonId { get; set; }
    public required string Reason { get; set; }
    public DateOnly ReviewDate { get; set; }
    public required string SentById { get; set; }
    public DateTime SentAt { get; set; }
    public int CentreId { get; set; }
    public string OrgPath { get; set; } = "/";

    static string IScopedRecord.OwnerProperty => nameof(SalespersonId);
}

/// <summary>AR-07: a fee collection project (收费项目) of a centre with its targets.</summary>
public sealed class CollectionProject : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? CustomerId { get; set; }
    public string? CustomerName { get; set; }

    /// <summary>The person who runs the project's collection (收费主管); steps due are raised to them.</summary>
    public required string OwnerId { get; set; }

    public long DailyTargetFen { get; set; }
    public long WeeklyTargetFen { get; set; }
    public long MonthlyTargetFen { get; set; }
    public long TotalTargetFen { get; set; }
    public int CentreId { get; set; }
    public string OrgPath { get; set; } = "/";
    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>AR-07: money collected on a project; a wrong entry is corrected by a reversing entry, nothing is deleted.</summary>
public sealed class CollectionEntry
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public DateOnly CollectedOn { get; set; }

    /// <summary>Negative on a reversing entry.</summary>
    public long AmountFen { get; set; }

    public required string CollectedById { get; set; }
    public string? Note { get; set; }

    /// <summary>The entry this one reverses (at most one reversal per entry).</summary>
    public long? ReversesId { get; set; }

    public required string RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>AR-07: a debtor in arrears on a project (欠费户), escalating reminder → lawyer's letter → lawsuit.</summary>
public sealed class ArrearsAccount : IVersioned
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string Debtor { get; set; }
    public long OwedFen { get; set; }

    /// <summary>The day the arrears began; days overdue count from it.</summary>
    public DateOnly Since { get; set; }

    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The day the account was closed (paid, settled or written off); a closed account escalates no further.</summary>
    public DateOnly? ClosedOn { get; set; }

    public ArrearsOutcome? Outcome { get; set; }
    public string? ClosedById { get; set; }
    public string? CloseNote { get; set; }
    public int Version { get; set; }
}

/// <summary>AR-07: one escalation step of an arrears account: raised when due (by the daily check), taken by a person.</summary>
public sealed class ArrearsStepRecord
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public ArrearsStep Step { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateOnly? TakenOn { get; set; }
    public string? TakenById { get; set; }
    public string? Note { get; set; }
}

public sealed class ReconciliationWeekConfiguration : IEntityTypeConfiguration<ReconciliationWeek>
{
    public void Configure(EntityTypeBuilder<ReconciliationWeek> builder)
    {
        builder.ToTable("ReconciliationWeeks");
        builder.Property(w => w.OrgPath).HasMaxLength(200);
        builder.HasIndex(w => new { w.CentreId, w.WeekStart }).IsUnique();
    }
}

public sealed class ReconciliationEntryConfiguration : IEntityTypeConfiguration<ReconciliationEntry>
{
    public void Configure(EntityTypeBuilder<ReconciliationEntry> builder)
    {
        builder.ToTable("ReconciliationEntries");
        builder.Property(e => e.OrgPath).HasMaxLength(200);
        builder.Property(e => e.TechnicianId).HasMaxLength(450);
        builder.Property(e => e.CoordinatorId).HasMaxLength(450);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne<ReconciliationWeek>().WithMany().HasForeignKey(e => e.WeekId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.WeekId, e.TechnicianId }).IsUnique();
        builder.HasIndex(e => new { e.OrgPath, e.WeekStart });
        builder.HasIndex(e => e.TechnicianId);
    }
}

public sealed class ReconciliationItemConfiguration : IEntityTypeConfiguration<ReconciliationItem>
{
    public void Configure(EntityTypeBuilder<ReconciliationItem> builder)
    {
        builder.ToTable("ReconciliationItems");
        builder.Property(i => i.Number).HasMaxLength(40);
        builder.Property(i => i.CustomerName).HasMaxLength(200);
        builder.Property(i => i.DifferenceNote).HasMaxLength(500);
        builder.Property(i => i.NotedById).HasMaxLength(450);
        builder.HasOne<ReconciliationEntry>().WithMany().HasForeignKey(i => i.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.EntryId);
    }
}

public sealed class OverdueReferralConfiguration : IEntityTypeConfiguration<OverdueReferral>
{
    public void Configure(EntityTypeBuilder<OverdueReferral> builder)
    {
        builder.ToTable("OverdueReferrals");
        builder.Property(r => r.InvoiceNumber).HasMaxLength(40);
        builder.Property(r => r.SalespersonId).HasMaxLength(450);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.SentById).HasMaxLength(450);
        builder.Property(r => r.OrgPath).HasMaxLength(200);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(r => r.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.InvoiceId, r.ReviewDate });
        builder.HasIndex(r => r.OrgPath);
    }
}

public sealed class CollectionProjectConfiguration : IEntityTypeConfiguration<CollectionProject>
{
    public void Configure(EntityTypeBuilder<CollectionProject> builder)
    {
        builder.ToTable("CollectionProjects");
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.CustomerName).HasMaxLength(200);
        builder.Property(p => p.OwnerId).HasMaxLength(450);
        builder.Property(p => p.OrgPath).HasMaxLength(200);
        builder.Property(p => p.CreatedById).HasMaxLength(450);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.OrgPath);
        builder.HasIndex(p => p.OwnerId);
    }
}

public sealed class CollectionEntryConfiguration : IEntityTypeConfiguration<CollectionEntry>
{
    public void Configure(EntityTypeBuilder<CollectionEntry> builder)
    {
        builder.ToTable("CollectionEntries");
        builder.Property(e => e.CollectedById).HasMaxLength(450);
        builder.Property(e => e.RecordedById).HasMaxLength(450);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.HasOne<CollectionProject>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.ProjectId, e.CollectedOn });

        // One reversal per entry, enforced by the database so two clicks cannot reverse it twice.
        builder.HasIndex(e => e.ReversesId).IsUnique();
    }
}

public sealed class ArrearsAccountConfiguration : IEntityTypeConfiguration<ArrearsAccount>
{
    public void Configure(EntityTypeBuilder<ArrearsAccount> builder)
    {
        builder.ToTable("ArrearsAccounts");
        builder.Property(a => a.Debtor).HasMaxLength(200);
        builder.Property(a => a.CreatedById).HasMaxLength(450);
        builder.Property(a => a.ClosedById).HasMaxLength(450);
        builder.Property(a => a.CloseNote).HasMaxLength(500);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<CollectionProject>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.ProjectId);
    }
}

public sealed class ArrearsStepRecordConfiguration : IEntityTypeConfiguration<ArrearsStepRecord>
{
    public void Configure(EntityTypeBuilder<ArrearsStepRecord> builder)
    {
        builder.ToTable("ArrearsSteps");
        builder.Property(s => s.TakenById).HasMaxLength(450);
        builder.Property(s => s.Note).HasMaxLength(500);
        builder.HasOne<ArrearsAccount>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);

        // Each step is raised once per account: the daily check on two nodes cannot raise it twice.
        builder.HasIndex(s => new { s.AccountId, s.Step }).IsUnique();
    }
}
