using Kefu.Core.Performance;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Performance;

/// <summary>
/// A centre's monthly CS work report (客户服务部工作月报, PERF-08): the figures gathered from the
/// modules (kept as JSON, as they stood when gathered), the manager's commentary, the approval, and
/// once approved the archive: figures, commentary and the PDF never change again and are never
/// gathered anew. One report per centre and month.
/// </summary>
public sealed class MonthlyReport : IScopedRecord, IVersioned
{
    public int Id { get; set; }

    /// <summary>"yyyy-MM", company time.</summary>
    public required string Month { get; set; }

    /// <summary>The centre reported on.</summary>
    public int UnitId { get; set; }

    /// <summary>The centre's path: who may read and write the report is decided by it.</summary>
    public string OrgPath { get; set; } = "/";

    public MonthlyReportStatus Status { get; set; }

    /// <summary>The figures (<see cref="MonthlyReportFigures"/>) as JSON; frozen once approved.</summary>
    public required string FiguresJson { get; set; }

    public DateTime GatheredAt { get; set; }
    public string? Commentary { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedById { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovedById { get; set; }

    /// <summary>The archived PDF, rendered once at approval and kept as the report's attachment (PLT-02).</summary>
    public long? PdfAttachmentId { get; set; }

    /// <summary>Why no PDF could be archived (no CJK font); the report is archived all the same.</summary>
    public string? PdfMissingReason { get; set; }

    public int Version { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(CreatedById);
}

public sealed class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> builder)
    {
        builder.ToTable("MonthlyReports");
        builder.Property(r => r.Month).HasMaxLength(7);
        builder.Property(r => r.OrgPath).HasMaxLength(200);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Commentary).HasMaxLength(MonthlyReportRules.CommentaryMaxLength);
        builder.Property(r => r.CreatedById).HasMaxLength(450);
        builder.Property(r => r.SubmittedById).HasMaxLength(450);
        builder.Property(r => r.ApprovedById).HasMaxLength(450);
        builder.Property(r => r.PdfMissingReason).HasMaxLength(500);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Month, r.UnitId }).IsUnique();
        builder.HasIndex(r => r.OrgPath);
    }
}
