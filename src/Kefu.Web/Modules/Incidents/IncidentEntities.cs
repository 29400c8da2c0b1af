using Kefu.Core.Incidents;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Incidents;

public enum IncidentStatus
{
    /// <summary>Recorded; the report and the reply are running.</summary>
    Open,

    /// <summary>QC investigates (EXC-07).</summary>
    Investigating,

    /// <summary>The corrective-action plan is in its approval chain.</summary>
    PlanInApproval,

    /// <summary>The plan is approved and may be sent to the customer.</summary>
    PlanApproved,

    Closed,
}

/// <summary>
/// An incident or complaint with its report (运作异常汇报表, EXC-01). The owner is the agent who
/// recorded it; the org path is the agent's centre.
/// </summary>
public sealed class Incident : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public string Number { get; set; } = "";
    public IncidentType Type { get; set; }
    public IncidentSource Source { get; set; }
    public int? CustomerId { get; set; }
    public required string CustomerName { get; set; }
    public string? OrderReference { get; set; }
    public required string Summary { get; set; }
    public string? Details { get; set; }
    public DateTime ReceivedAt { get; set; }
    public required string OwnerId { get; set; }
    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }

    /// <summary>EXC-04: received outside working time: the leader was phoned first.</summary>
    public bool OutsideWorkingTime { get; set; }

    public string? PhoneCallTo { get; set; }
    public DateTime? PhoneCallAt { get; set; }
    public DateTime EmailDueAt { get; set; }
    public DateTime? EmailSentAt { get; set; }
    public DateTime ReplyTargetAt { get; set; }
    public DateTime ReplyPromiseAt { get; set; }
    public DateTime? RepliedAt { get; set; }
    public bool Escalated { get; set; }

    /// <summary>EXC-06: the damage claimed, in fen, and whether the agent compensated on the spot.</summary>
    public long? DamageFen { get; set; }

    public bool CompensatedOnSpot { get; set; }
    public IncidentStatus Status { get; set; }
    public string? QcFinding { get; set; }
    public bool Concealed { get; set; }
    public string? CorrectivePlan { get; set; }
    public DateTime? PlanSentAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>EXC-11: a major complaint (重大投诉), tracked personally by the regional manager; when and by whom it was flagged.</summary>
    public bool Major { get; set; }

    public DateTime? MajorAt { get; set; }
    public string? MajorByUserId { get; set; }

    /// <summary>VIS-04: the staff member the complaint is about (a technician, a driver…), counted in their complaints; or, for someone outside Kefu, their name.</summary>
    public string? SubjectUserId { get; set; }

    public string? SubjectName { get; set; }

    /// <summary>EXC-08: QC found the report late (报告不及时) or false (虚报); <see cref="Concealed"/> is 瞒报.</summary>
    public bool ReportedLate { get; set; }

    public bool Falsified { get; set; }

    /// <summary>EXC-10: the latest callback to the complainant after handling: when, by whom, satisfied or not, what they said.</summary>
    public DateTime? CallbackAt { get; set; }

    public string? CallbackByUserId { get; set; }
    public bool? CallbackSatisfied { get; set; }
    public string? CallbackNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One line of an incident's timeline: receipt, call, report, reply, progress, QC, plan, close.</summary>
public sealed class IncidentEvent
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public DateTime At { get; set; }
    public string? ActorId { get; set; }
    public required string Kind { get; set; }
    public string? Text { get; set; }
}

public sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.Property(i => i.Number).HasMaxLength(32);
        builder.Property(i => i.CustomerName).HasMaxLength(200);
        builder.Property(i => i.OrderReference).HasMaxLength(64);
        builder.Property(i => i.Summary).HasMaxLength(200);
        builder.Property(i => i.Details).HasMaxLength(4000);
        builder.Property(i => i.OwnerId).HasMaxLength(450);
        builder.Property(i => i.OrgPath).HasMaxLength(200);
        builder.Property(i => i.PhoneCallTo).HasMaxLength(100);
        builder.Property(i => i.QcFinding).HasMaxLength(4000);
        builder.Property(i => i.CorrectivePlan).HasMaxLength(4000);
        builder.Property(i => i.MajorByUserId).HasMaxLength(450);
        builder.Property(i => i.SubjectUserId).HasMaxLength(450);
        builder.Property(i => i.SubjectName).HasMaxLength(100);
        builder.Property(i => i.CallbackByUserId).HasMaxLength(450);
        builder.Property(i => i.CallbackNote).HasMaxLength(2000);
        builder.HasIndex(i => new { i.SubjectUserId, i.ReceivedAt });
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => new { i.Major, i.ReceivedAt });
        builder.HasIndex(i => new { i.OrgPath, i.ReceivedAt });
        builder.HasIndex(i => i.CustomerId);
        builder.HasIndex(i => new { i.Status, i.ReceivedAt });
    }
}

public sealed class IncidentEventConfiguration : IEntityTypeConfiguration<IncidentEvent>
{
    public void Configure(EntityTypeBuilder<IncidentEvent> builder)
    {
        builder.ToTable("IncidentEvents");
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Text).HasMaxLength(4000);
        builder.HasIndex(e => new { e.IncidentId, e.At });
    }
}
