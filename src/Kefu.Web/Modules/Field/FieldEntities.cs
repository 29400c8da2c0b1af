using Kefu.Core.Field;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Field;

/// <summary>
/// A service job (服务工单, FLD-05): the repair call, installation or inspection a technician does.
/// The owner is the technician it is assigned to (null while new); the org path is its centre.
/// </summary>
public sealed class ServiceJob : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public string Number { get; set; } = "";
    public JobKind Type { get; set; }
    public ServiceMode Mode { get; set; }
    public JobSource Source { get; set; }
    public JobPriority Priority { get; set; }
    public JobState State { get; set; }
    public int? CustomerId { get; set; }
    public required string CustomerName { get; set; }
    public string? SiteAddress { get; set; }
    public double? SiteLatitude { get; set; }
    public double? SiteLongitude { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ReporterName { get; set; }
    public required string Problem { get; set; }

    /// <summary>The skill the job needs (FLD-06), as the technicians' skills spell it.</summary>
    public string? Skill { get; set; }

    public string? OrderReference { get; set; }

    /// <summary>The technician who holds the job.</summary>
    public string? OwnerId { get; set; }

    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }
    public required string CreatedById { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? AssignedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? SetOutAt { get; set; }
    public DateTime? ArrivedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public DateTime? SignedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public string? CancelReason { get; set; }
    public string? WorkDone { get; set; }
    public string? SignedBy { get; set; }

    /// <summary>The on-the-spot rating the customer gave on the phone (optional).</summary>
    public SatisfactionRating? SpotRating { get; set; }

    // ---- charge (CHG-01..04) ----
    public IssueKind? Issue { get; set; }

    /// <summary>CHG-04: what the cooperation form (配合单) says; null when it says nothing.</summary>
    public bool? CooperationFormCharged { get; set; }

    public bool? Charged { get; set; }
    public ChargeReason? ChargeReason { get; set; }
    public long ChargeFen { get; set; }

    /// <summary>What the price list gives for the work and the parts, in fen.</summary>
    public long PriceListFen { get; set; }

    /// <summary>CHG-02 policy A: this job used one of the customer's free software visits.</summary>
    public bool FreeSoftwareVisit { get; set; }

    // ---- dispute (CHG-03) ----
    public DateTime? DisputedAt { get; set; }
    public string? DisputeNote { get; set; }
    public string? DisputeDecidedBy { get; set; }
    public DateTime? DisputeDecidedAt { get; set; }
    public string? DisputeRecordedById { get; set; }

    // ---- out-of-warranty stages (FLD-08) ----
    public RepairStage? Stage { get; set; }

    /// <summary>The supervision callback the finished job created (VIS-03).</summary>
    public int? CallbackId { get; set; }

    /// <summary>Workload points for Performance (policy: points per type and mode).</summary>
    public int Points { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The client's key for this creation: a retried submit returns the first job instead of a second.</summary>
    public string? RequestKey { get; set; }

    public int Version { get; set; }
}

/// <summary>A device the job is about: model, serial number, quantity and warranty (FLD-04/05, CHG-01).</summary>
public sealed class JobDevice
{
    public int Id { get; set; }
    public int JobId { get; set; }
    public required string Model { get; set; }
    public string? SerialNumber { get; set; }
    public int Quantity { get; set; } = 1;
    public DateOnly? WarrantyEnd { get; set; }

    /// <summary>CHG-02 policy B: normal use started (installation finished) on this day.</summary>
    public DateOnly? InstalledOn { get; set; }
}

/// <summary>A part used on the job, priced from the price list when it was used.</summary>
public sealed class JobPart
{
    public int Id { get; set; }
    public int JobId { get; set; }
    public int? PriceItemId { get; set; }
    public required string Name { get; set; }
    public int Quantity { get; set; }
    public long UnitFen { get; set; }
}

/// <summary>One line of a job's history (FLD-07: it stays with the job through hand-overs).</summary>
public sealed class JobEvent
{
    public long Id { get; set; }
    public int JobId { get; set; }
    public DateTime At { get; set; }
    public string? ActorId { get; set; }

    /// <summary>What happened: a <see cref="JobAction"/> name, or Created, Charge, Dispute, Decision, Stage, Position, Note.</summary>
    public required string Kind { get; set; }

    /// <summary>The technician concerned (the new one on an assignment or hand-over).</summary>
    public string? TechnicianId { get; set; }

    public string? Note { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

/// <summary>A technician's presence for the dispatch board (FLD-06): on or off duty and the last reported position.</summary>
public sealed class TechnicianPresence
{
    public required string UserId { get; set; }
    public bool OffDuty { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateTime? PositionAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum PriceItemKind
{
    /// <summary>A visit or labour fee.</summary>
    Service,

    /// <summary>A part.</summary>
    Part,
}

/// <summary>One line of the price list (服务收费标准, CHG-02), edited by the administrator.</summary>
public sealed class PriceItem
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public PriceItemKind Kind { get; set; }

    /// <summary>For a service line: the job type it prices (null: any).</summary>
    public JobKind? ForType { get; set; }

    public long PriceFen { get; set; }
    public bool Active { get; set; } = true;
}

public sealed class ServiceJobConfiguration : IEntityTypeConfiguration<ServiceJob>
{
    public void Configure(EntityTypeBuilder<ServiceJob> builder)
    {
        builder.ToTable("ServiceJobs");
        builder.Property(j => j.Number).HasMaxLength(32);
        builder.Property(j => j.CustomerName).HasMaxLength(200);
        builder.Property(j => j.SiteAddress).HasMaxLength(300);
        builder.Property(j => j.ContactName).HasMaxLength(100);
        builder.Property(j => j.ContactPhone).HasMaxLength(40);
        builder.Property(j => j.ReporterName).HasMaxLength(100);
        builder.Property(j => j.Problem).HasMaxLength(2000);
        builder.Property(j => j.Skill).HasMaxLength(50);
        builder.Property(j => j.OrderReference).HasMaxLength(64);
        builder.Property(j => j.OwnerId).HasMaxLength(450);
        builder.Property(j => j.OrgPath).HasMaxLength(200);
        builder.Property(j => j.CreatedById).HasMaxLength(450);
        builder.Property(j => j.CancelReason).HasMaxLength(500);
        builder.Property(j => j.WorkDone).HasMaxLength(4000);
        builder.Property(j => j.SignedBy).HasMaxLength(100);
        builder.Property(j => j.DisputeNote).HasMaxLength(1000);
        builder.Property(j => j.DisputeDecidedBy).HasMaxLength(100);
        builder.Property(j => j.DisputeRecordedById).HasMaxLength(450);
        builder.Property(j => j.RequestKey).HasMaxLength(64);
        builder.Property(j => j.Version).IsConcurrencyToken();
        builder.HasIndex(j => j.Number).IsUnique();
        builder.HasIndex(j => j.RequestKey).IsUnique();
        builder.HasIndex(j => new { j.OrgPath, j.State });
        builder.HasIndex(j => new { j.OwnerId, j.State });
        builder.HasIndex(j => j.CustomerId);
        builder.HasIndex(j => j.FinishedAt);
    }
}

public sealed class JobDeviceConfiguration : IEntityTypeConfiguration<JobDevice>
{
    public void Configure(EntityTypeBuilder<JobDevice> builder)
    {
        builder.ToTable("JobDevices");
        builder.Property(d => d.Model).HasMaxLength(100);
        builder.Property(d => d.SerialNumber).HasMaxLength(100);
        builder.HasIndex(d => d.JobId);
    }
}

public sealed class JobPartConfiguration : IEntityTypeConfiguration<JobPart>
{
    public void Configure(EntityTypeBuilder<JobPart> builder)
    {
        builder.ToTable("JobParts");
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.HasIndex(p => p.JobId);
    }
}

public sealed class JobEventConfiguration : IEntityTypeConfiguration<JobEvent>
{
    public void Configure(EntityTypeBuilder<JobEvent> builder)
    {
        builder.ToTable("JobEvents");
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.TechnicianId).HasMaxLength(450);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Note).HasMaxLength(2000);
        builder.HasIndex(e => new { e.JobId, e.At });
    }
}

public sealed class TechnicianPresenceConfiguration : IEntityTypeConfiguration<TechnicianPresence>
{
    public void Configure(EntityTypeBuilder<TechnicianPresence> builder)
    {
        builder.ToTable("TechnicianPresence");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
    }
}

public sealed class PriceItemConfiguration : IEntityTypeConfiguration<PriceItem>
{
    public void Configure(EntityTypeBuilder<PriceItem> builder)
    {
        builder.ToTable("PriceItems");
        builder.Property(p => p.Code).HasMaxLength(32);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.NameEn).HasMaxLength(200);
        builder.HasIndex(p => p.Code).IsUnique();
    }
}
