using Kefu.Core.Field;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Field;

/// <summary>
/// A team project (团队服务, FLD-04): the implementation plan, the team, the leader's daily reports,
/// the per-device records and the summary sent to the customer. The owner is the team leader.
/// </summary>
public sealed class TeamProject : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int CustomerId { get; set; }
    public required string CustomerName { get; set; }
    public string? SiteAddress { get; set; }

    /// <summary>需求: what the customer needs done.</summary>
    public required string Requirement { get; set; }

    public DateOnly PlannedStart { get; set; }
    public DateOnly PlannedFinish { get; set; }

    /// <summary>The plan's size on the centre calendar when it was saved.</summary>
    public int Technicians { get; set; }

    public int WorkingDays { get; set; }
    public int PersonDays { get; set; }

    /// <summary>The team leader (组长), who reports daily to the manager.</summary>
    public required string OwnerId { get; set; }

    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }
    public TeamProjectStatus Status { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    // ---- the summary report to the customer ----
    public string? WorkDone { get; set; }
    public string? Summary { get; set; }
    public DateTime? SummarySentAt { get; set; }
    public int? InvitationId { get; set; }

    public int Version { get; set; }
}

/// <summary>A technician of the team (the leader is one too).</summary>
public sealed class TeamMember
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string UserId { get; set; }
}

/// <summary>A line of the plan's task split (任务分工).</summary>
public sealed class TeamTask
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string Title { get; set; }
    public string? AssigneeId { get; set; }
    public int PersonDays { get; set; }
    public bool Done { get; set; }
}

/// <summary>The team leader's daily report to the manager.</summary>
public sealed class TeamDailyReport
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public DateOnly Date { get; set; }
    public int ProgressPercent { get; set; }
    public required string WorkDone { get; set; }
    public string? Problems { get; set; }
    public required string AuthorId { get; set; }
    public DateTime FiledAt { get; set; }
}

/// <summary>A device the team installed or serviced (设备记录: model, serial number, quantity, where).</summary>
public sealed class TeamDevice
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string Model { get; set; }
    public string? SerialNumber { get; set; }
    public int Quantity { get; set; } = 1;
    public string? Location { get; set; }
    public string? Note { get; set; }
    public required string RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }
}

public sealed class TeamProjectConfiguration : IEntityTypeConfiguration<TeamProject>
{
    public void Configure(EntityTypeBuilder<TeamProject> builder)
    {
        builder.ToTable("TeamProjects");
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.CustomerName).HasMaxLength(200);
        builder.Property(p => p.SiteAddress).HasMaxLength(300);
        builder.Property(p => p.Requirement).HasMaxLength(2000);
        builder.Property(p => p.OwnerId).HasMaxLength(450);
        builder.Property(p => p.CreatedById).HasMaxLength(450);
        builder.Property(p => p.OrgPath).HasMaxLength(200);
        builder.Property(p => p.WorkDone).HasMaxLength(4000);
        builder.Property(p => p.Summary).HasMaxLength(4000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.OrgPath, p.Status });
        builder.HasIndex(p => p.OwnerId);
    }
}

public sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.ToTable("TeamMembers");
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasIndex(m => new { m.ProjectId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
    }
}

public sealed class TeamTaskConfiguration : IEntityTypeConfiguration<TeamTask>
{
    public void Configure(EntityTypeBuilder<TeamTask> builder)
    {
        builder.ToTable("TeamTasks");
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.AssigneeId).HasMaxLength(450);
        builder.HasIndex(t => t.ProjectId);
    }
}

public sealed class TeamDailyReportConfiguration : IEntityTypeConfiguration<TeamDailyReport>
{
    public void Configure(EntityTypeBuilder<TeamDailyReport> builder)
    {
        builder.ToTable("TeamDailyReports");
        builder.Property(r => r.WorkDone).HasMaxLength(2000);
        builder.Property(r => r.Problems).HasMaxLength(2000);
        builder.Property(r => r.AuthorId).HasMaxLength(450);
        builder.HasIndex(r => new { r.ProjectId, r.Date }).IsUnique();
    }
}

public sealed class TeamDeviceConfiguration : IEntityTypeConfiguration<TeamDevice>
{
    public void Configure(EntityTypeBuilder<TeamDevice> builder)
    {
        builder.ToTable("TeamDevices");
        builder.Property(d => d.Model).HasMaxLength(100);
        builder.Property(d => d.SerialNumber).HasMaxLength(100);
        builder.Property(d => d.Location).HasMaxLength(200);
        builder.Property(d => d.Note).HasMaxLength(500);
        builder.Property(d => d.RecordedById).HasMaxLength(450);
        builder.HasIndex(d => d.ProjectId);
    }
}
