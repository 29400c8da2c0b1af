using Kefu.Core.Requests;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Requests;

/// <summary>Where a memo or request is in its chain (APR-02..04).</summary>
public enum RequestStatus
{
    /// <summary>Written and saved; not yet sent into its chain.</summary>
    Draft,

    /// <summary>In its chain: a step waits for its person.</summary>
    InProgress,

    /// <summary>Sent back to its writer to correct and send again.</summary>
    Returned,

    /// <summary>Refused by the marketing director (APR-03, APR-04).</summary>
    Rejected,

    /// <summary>Every step done: archived by administration (APR-02) or filed by finance (APR-03, APR-04).</summary>
    Filed,
}

/// <summary>Who a person is on a form besides its writer: copied on it, or asked to act on one of its steps.</summary>
public enum ParticipantKind
{
    /// <summary>抄送: told and may read it (APR-02's superior and GM, logistics and finance on the outbound slip…).</summary>
    Copy,

    /// <summary>A step's person (or the head of the department a memo is addressed to).</summary>
    Actor,
}

/// <summary>
/// A form of seed 004 that travels between departments: an inter-department memo (部门联络函,
/// APR-02), a sample request (样品申请单, APR-03) or a special-policy request (特殊政策申请,
/// APR-04). One table: the forms share their header and their place in the chain, and each kind
/// fills its own fields. The org path is the writer's unit.
/// </summary>
public sealed class RequestForm : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public RequestKind Kind { get; set; }

    /// <summary>Company-wide per kind: LH2026-0001 (memo), YP… (sample), TZ… (special policy).</summary>
    public required string Number { get; set; }

    public RequestStatus Status { get; set; }

    /// <summary>The step waiting, copied from the approval for lists and filters; null outside the chain.</summary>
    public string? CurrentStep { get; set; }

    /// <summary>The memo's subject (事由); the customer's name on a sample or special-policy request.</summary>
    public required string Title { get; set; }

    /// <summary>The writer (发函人 / 申请人).</summary>
    public required string OwnerId { get; set; }

    /// <summary>The writer's unit: the sending department of a memo, the CS centre of a request.</summary>
    public int OrgUnitId { get; set; }

    public string OrgPath { get; set; } = "/";
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>The main text: the memo's content (内容), the sample's purpose (用途), the policy's reason (申请理由).</summary>
    public string? Body { get; set; }

    // APR-02: the memo.
    public int? ToUnitId { get; set; }
    public string? ToUnitPath { get; set; }

    /// <summary>要求回复日期: the date the writer asks the reply by (the step's deadline comes from the policy).</summary>
    public DateOnly? ReplyBy { get; set; }

    /// <summary>Where administration filed the paper copy (纸质存档).</summary>
    public string? ArchiveLocation { get; set; }

    // APR-03 and APR-04: the customer.
    public int? CustomerId { get; set; }
    public string? Contact { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }

    // APR-03: the sample request.
    /// <summary>预计订货: what the customer may order after trying the samples.</summary>
    public string? ExpectedOrder { get; set; }

    /// <summary>出仓单号, taken when commerce issues the slip.</summary>
    public string? SlipNumber { get; set; }

    public string? Warehouse { get; set; }
    public string? Carrier { get; set; }
    public string? TrackingNumber { get; set; }
    public DateOnly? ShippedOn { get; set; }

    // APR-04: the special-policy request.
    public string? Region { get; set; }

    /// <summary>经销级别 of the customer.</summary>
    public string? DealerLevel { get; set; }

    /// <summary>常规政策: the policy the customer has now.</summary>
    public string? RegularPolicy { get; set; }

    /// <summary>申请政策内容: what is asked beyond it.</summary>
    public string? RequestedPolicy { get; set; }

    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// <summary>预计涉及金额, in fen.</summary>
    public long? AmountFen { get; set; }

    public int Version { get; set; }
}

/// <summary>A line of a sample request (品名, 规格, 数量, 单位).</summary>
public sealed class SampleLine
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public int LineNo { get; set; }
    public required string Product { get; set; }
    public string? Specification { get; set; }
    public int Quantity { get; set; }
    public string? Unit { get; set; }
    public string? Notes { get; set; }
}

/// <summary>A person copied on a form, or asked to act on a step of it: they may read it (ORG-03 beside their scope).</summary>
public sealed class RequestParticipant
{
    public long Id { get; set; }
    public int RequestId { get; set; }
    public required string UserId { get; set; }
    public ParticipantKind Kind { get; set; }

    /// <summary>The step at which they were copied or asked ("submit" for the copies made when it was sent).</summary>
    public required string StepKey { get; set; }

    public DateTime At { get; set; }
}

public sealed class RequestFormConfiguration : IEntityTypeConfiguration<RequestForm>
{
    public void Configure(EntityTypeBuilder<RequestForm> builder)
    {
        builder.ToTable("RequestForms");
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Number).HasMaxLength(32);
        builder.Property(r => r.CurrentStep).HasMaxLength(64);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.OwnerId).HasMaxLength(450);
        builder.Property(r => r.OrgPath).HasMaxLength(200);
        builder.Property(r => r.Body).HasMaxLength(4000);
        builder.Property(r => r.ToUnitPath).HasMaxLength(200);
        builder.Property(r => r.ArchiveLocation).HasMaxLength(200);
        builder.Property(r => r.Contact).HasMaxLength(100);
        builder.Property(r => r.Phone).HasMaxLength(50);
        builder.Property(r => r.Address).HasMaxLength(300);
        builder.Property(r => r.ExpectedOrder).HasMaxLength(500);
        builder.Property(r => r.SlipNumber).HasMaxLength(32);
        builder.Property(r => r.Warehouse).HasMaxLength(100);
        builder.Property(r => r.Carrier).HasMaxLength(100);
        builder.Property(r => r.TrackingNumber).HasMaxLength(40);
        builder.Property(r => r.Region).HasMaxLength(100);
        builder.Property(r => r.DealerLevel).HasMaxLength(50);
        builder.Property(r => r.RegularPolicy).HasMaxLength(1000);
        builder.Property(r => r.RequestedPolicy).HasMaxLength(2000);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => new { r.Kind, r.OrgPath });
        builder.HasIndex(r => r.OwnerId);
        builder.HasIndex(r => r.ToUnitId);
    }
}

public sealed class SampleLineConfiguration : IEntityTypeConfiguration<SampleLine>
{
    public void Configure(EntityTypeBuilder<SampleLine> builder)
    {
        builder.ToTable("SampleLines");
        builder.Property(l => l.Product).HasMaxLength(100);
        builder.Property(l => l.Specification).HasMaxLength(100);
        builder.Property(l => l.Unit).HasMaxLength(20);
        builder.Property(l => l.Notes).HasMaxLength(200);
        builder.HasIndex(l => l.RequestId);
        builder.HasOne<RequestForm>().WithMany().HasForeignKey(l => l.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RequestParticipantConfiguration : IEntityTypeConfiguration<RequestParticipant>
{
    public void Configure(EntityTypeBuilder<RequestParticipant> builder)
    {
        builder.ToTable("RequestParticipants");
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.StepKey).HasMaxLength(64);
        builder.HasIndex(p => new { p.UserId, p.RequestId });
        builder.HasIndex(p => p.RequestId);
        builder.HasOne<RequestForm>().WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
