using Kefu.Core.Expenses;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Expenses;

public enum ClaimStatus
{
    Draft,

    /// <summary>In the EXP-05 chain.</summary>
    InReview,

    /// <summary>Sent back for correction; editable again and resubmitted through the whole chain.</summary>
    Returned,

    Rejected,

    /// <summary>Finance approved the payment: the last step of the chain.</summary>
    Paid,
}

/// <summary>A claim form (报销单, EXP-01). Each claimant's forms carry consecutive numbers (EXP-02).</summary>
public sealed class ExpenseClaim : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string ClaimantId { get; set; }

    /// <summary>
    /// The claimant's own running number: 1, 2, 3… with no gaps (EXP-02). Given at the first
    /// submission, so a draft that is abandoned or deleted leaves no hole; null until then.
    /// </summary>
    public int? Number { get; set; }

    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }
    public ClaimStatus Status { get; set; }

    /// <summary>EXP-01: the half-monthly travel summary, approved by the supervisor, is attached.</summary>
    public bool HasTravelSummary { get; set; }

    /// <summary>EXP-03/EXP-04: an exception approved in advance (over the cap, older than a month).</summary>
    public bool ExceptionApproved { get; set; }

    public string? Notes { get; set; }

    /// <summary>Sum of the lines as claimed, in fen.</summary>
    public long ClaimedFen { get; set; }

    /// <summary>What will be paid after caps and reviews, in fen.</summary>
    public long PayableFen { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? PaidAt { get; set; }
    public int Version { get; set; }

    public List<ExpenseLine> Lines { get; set; } = [];

    static string IScopedRecord.OwnerProperty => nameof(ClaimantId);

    /// <summary>"sh.eng1-0007"; null for a draft never submitted, which has no number yet.</summary>
    public string? DisplayNumber(string userName) => Number is { } n ? $"{userName}-{n:D4}" : null;
}

/// <summary>A line of a claim (EXP-01).</summary>
public sealed class ExpenseLine
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public int Position { get; set; }
    public DateOnly Date { get; set; }
    public ExpenseCategory Category { get; set; }
    public long AmountFen { get; set; }
    public int ReceiptCount { get; set; }
    public string? Description { get; set; }

    /// <summary>The related install/repair/inspection sheet numbers, comma-separated.</summary>
    public string? WorkOrders { get; set; }

    /// <summary>EXP-01: not caused by customer service; listed apart.</summary>
    public bool NonCustomerService { get; set; }

    /// <summary>EXP-03: the part above the monthly cap, which is the claimant's own.</summary>
    public long ExcessFen { get; set; }

    /// <summary>EXP-08: a reviewer's reduced amount; null when not reduced.</summary>
    public long? ApprovedFen { get; set; }

    public bool Rejected { get; set; }
    public string? ReviewReason { get; set; }
}

public sealed class ExpenseClaimConfiguration : IEntityTypeConfiguration<ExpenseClaim>
{
    public void Configure(EntityTypeBuilder<ExpenseClaim> builder)
    {
        builder.ToTable("ExpenseClaims");
        builder.Property(c => c.ClaimantId).HasMaxLength(450);
        builder.Property(c => c.OrgPath).HasMaxLength(200);
        builder.Property(c => c.Notes).HasMaxLength(1000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.ClaimantId, c.Number }).IsUnique();
        builder.HasIndex(c => c.OrgPath);
        builder.HasIndex(c => c.Status);
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ExpenseLineConfiguration : IEntityTypeConfiguration<ExpenseLine>
{
    public void Configure(EntityTypeBuilder<ExpenseLine> builder)
    {
        builder.ToTable("ExpenseLines");
        builder.Property(l => l.Description).HasMaxLength(500);
        builder.Property(l => l.WorkOrders).HasMaxLength(200);
        builder.Property(l => l.ReviewReason).HasMaxLength(500);
        builder.HasIndex(l => l.ClaimId);
    }
}
