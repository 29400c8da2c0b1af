using Kefu.Core.Approvals;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Approvals;

/// <summary>One run of a chain over one subject (a claim, a handover form…): the persisted <see cref="ApprovalState"/>.</summary>
public sealed class ApprovalInstance : IScopedRecord, IVersioned
{
    public long Id { get; set; }
    public required string ChainKey { get; set; }
    public required string SubjectType { get; set; }
    public required string SubjectId { get; set; }

    /// <summary>A short text for inboxes, e.g. "报销单 sh.eng1-0003 ¥1,234.56".</summary>
    public required string Title { get; set; }

    public required string SubmitterId { get; set; }
    public string OrgPath { get; set; } = "/";
    public ApprovalStatus Status { get; set; }

    /// <summary>The applicable steps, in order, as chosen at submission ("supervisor,branch-gm,…").</summary>
    public string StepKeys { get; set; } = "";

    public int CurrentIndex { get; set; }
    public string? CurrentApproverId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime? StepStartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? Link { get; set; }
    public int Version { get; set; }

    /// <summary>The submitter owns it for scope: they see their own approvals.</summary>
    static string IScopedRecord.OwnerProperty => nameof(SubmitterId);

    public string? CurrentStepKey => Status == ApprovalStatus.Pending ? Keys().ElementAtOrDefault(CurrentIndex) : null;

    public IReadOnlyList<string> Keys() => StepKeys.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A line of an approval's history (APR-01).</summary>
public sealed class ApprovalHistory
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string StepKey { get; set; }
    public ApprovalAction Action { get; set; }
    public required string ActorId { get; set; }
    public string? OnBehalfOf { get; set; }
    public DateTime At { get; set; }
    public string? Comment { get; set; }
}

/// <summary>A deputy for an approver between two dates (APR-01).</summary>
public sealed class ApprovalDelegation
{
    public long Id { get; set; }
    public required string DelegatorId { get; set; }
    public required string DeputyId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
}

public sealed class ApprovalInstanceConfiguration : IEntityTypeConfiguration<ApprovalInstance>
{
    public void Configure(EntityTypeBuilder<ApprovalInstance> builder)
    {
        builder.ToTable("ApprovalInstances");
        builder.Property(a => a.ChainKey).HasMaxLength(64);
        builder.Property(a => a.SubjectType).HasMaxLength(64);
        builder.Property(a => a.SubjectId).HasMaxLength(64);
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.SubmitterId).HasMaxLength(450);
        builder.Property(a => a.OrgPath).HasMaxLength(200);
        builder.Property(a => a.StepKeys).HasMaxLength(500);
        builder.Property(a => a.CurrentApproverId).HasMaxLength(450);
        builder.Property(a => a.Link).HasMaxLength(300);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.CurrentStepKey);
        builder.HasIndex(a => new { a.SubjectType, a.SubjectId });
        builder.HasIndex(a => new { a.CurrentApproverId, a.Status });
        builder.HasIndex(a => a.OrgPath);
    }
}

public sealed class ApprovalHistoryConfiguration : IEntityTypeConfiguration<ApprovalHistory>
{
    public void Configure(EntityTypeBuilder<ApprovalHistory> builder)
    {
        builder.ToTable("ApprovalHistory");
        builder.Property(h => h.StepKey).HasMaxLength(64);
        builder.Property(h => h.ActorId).HasMaxLength(450);
        builder.Property(h => h.OnBehalfOf).HasMaxLength(450);
        builder.Property(h => h.Comment).HasMaxLength(1000);
        builder.HasIndex(h => h.InstanceId);
        builder.HasOne<ApprovalInstance>().WithMany().HasForeignKey(h => h.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ApprovalDelegationConfiguration : IEntityTypeConfiguration<ApprovalDelegation>
{
    public void Configure(EntityTypeBuilder<ApprovalDelegation> builder)
    {
        builder.ToTable("ApprovalDelegations");
        builder.Property(d => d.DelegatorId).HasMaxLength(450);
        builder.Property(d => d.DeputyId).HasMaxLength(450);
        builder.HasIndex(d => d.DelegatorId);
        builder.HasIndex(d => d.DeputyId);
    }
}
