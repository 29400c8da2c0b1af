using Kefu.Core.Field;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Field;

/// <summary>
/// A resident post (驻点, FLD-03): technicians stationed at one customer's site. The owner is the
/// resident lead, who keeps the attendance sheet; the org path is the serving centre.
/// </summary>
public sealed class ResidentPost : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int CustomerId { get; set; }
    public required string CustomerName { get; set; }
    public string? SiteAddress { get; set; }

    /// <summary>The resident lead (驻点负责人).</summary>
    public required string OwnerId { get; set; }

    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A technician stationed at a post (the lead is one too).</summary>
public sealed class ResidentMember
{
    public int Id { get; set; }
    public int PostId { get; set; }
    public required string UserId { get; set; }
}

/// <summary>One technician's day on the post's attendance sheet.</summary>
public sealed class AttendanceEntry
{
    public int Id { get; set; }
    public int PostId { get; set; }
    public required string TechnicianId { get; set; }
    public DateOnly Date { get; set; }
    public AttendanceStatus Status { get; set; }
    public string? Note { get; set; }
    public required string RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>A month's sheet as sent to the administration department; once sent, its days no longer change.</summary>
public sealed class AttendanceSheet
{
    public int Id { get; set; }
    public int PostId { get; set; }

    /// <summary>"yyyy-MM".</summary>
    public required string Month { get; set; }

    public required string SubmittedById { get; set; }
    public DateTime SubmittedAt { get; set; }
}

/// <summary>
/// A resident technician's monthly report (驻点服务月报, FLD-09), approved on the APR-01 engine, sent to
/// the customer with a rating link (VIS-05), the rating kept for the technician's evaluation.
/// </summary>
public sealed class ResidentReport : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public int PostId { get; set; }

    /// <summary>The technician who writes it.</summary>
    public required string OwnerId { get; set; }

    public string OrgPath { get; set; } = "/";
    public required string Month { get; set; }
    public required string CustomerName { get; set; }
    public int CustomerId { get; set; }

    /// <summary>Jobs the technician finished at the customer in the month, counted when the report is submitted.</summary>
    public int JobsFinished { get; set; }

    public string WorkSummary { get; set; } = "";
    public string? Problems { get; set; }
    public string? Suggestions { get; set; }
    public ResidentReportStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? StampedAt { get; set; }
    public string? StampedById { get; set; }
    public DateTime? SentAt { get; set; }
    public string? SentById { get; set; }
    public int? InvitationId { get; set; }
    public int Version { get; set; }
}

public sealed class ResidentPostConfiguration : IEntityTypeConfiguration<ResidentPost>
{
    public void Configure(EntityTypeBuilder<ResidentPost> builder)
    {
        builder.ToTable("ResidentPosts");
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.CustomerName).HasMaxLength(200);
        builder.Property(p => p.SiteAddress).HasMaxLength(300);
        builder.Property(p => p.OwnerId).HasMaxLength(450);
        builder.Property(p => p.OrgPath).HasMaxLength(200);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.OrgPath);
        builder.HasIndex(p => p.OwnerId);
    }
}

public sealed class ResidentMemberConfiguration : IEntityTypeConfiguration<ResidentMember>
{
    public void Configure(EntityTypeBuilder<ResidentMember> builder)
    {
        builder.ToTable("ResidentMembers");
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasIndex(m => new { m.PostId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
    }
}

public sealed class AttendanceEntryConfiguration : IEntityTypeConfiguration<AttendanceEntry>
{
    public void Configure(EntityTypeBuilder<AttendanceEntry> builder)
    {
        builder.ToTable("AttendanceEntries");
        builder.Property(a => a.TechnicianId).HasMaxLength(450);
        builder.Property(a => a.RecordedById).HasMaxLength(450);
        builder.Property(a => a.Note).HasMaxLength(200);
        builder.HasIndex(a => new { a.PostId, a.TechnicianId, a.Date }).IsUnique();
    }
}

public sealed class AttendanceSheetConfiguration : IEntityTypeConfiguration<AttendanceSheet>
{
    public void Configure(EntityTypeBuilder<AttendanceSheet> builder)
    {
        builder.ToTable("AttendanceSheets");
        builder.Property(s => s.Month).HasMaxLength(7);
        builder.Property(s => s.SubmittedById).HasMaxLength(450);
        builder.HasIndex(s => new { s.PostId, s.Month }).IsUnique();
    }
}

public sealed class ResidentReportConfiguration : IEntityTypeConfiguration<ResidentReport>
{
    public void Configure(EntityTypeBuilder<ResidentReport> builder)
    {
        builder.ToTable("ResidentReports");
        builder.Property(r => r.OwnerId).HasMaxLength(450);
        builder.Property(r => r.OrgPath).HasMaxLength(200);
        builder.Property(r => r.Month).HasMaxLength(7);
        builder.Property(r => r.CustomerName).HasMaxLength(200);
        builder.Property(r => r.WorkSummary).HasMaxLength(4000);
        builder.Property(r => r.Problems).HasMaxLength(2000);
        builder.Property(r => r.Suggestions).HasMaxLength(2000);
        builder.Property(r => r.StampedById).HasMaxLength(450);
        builder.Property(r => r.SentById).HasMaxLength(450);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.PostId, r.OwnerId, r.Month }).IsUnique();
        builder.HasIndex(r => r.OrgPath);
    }
}
