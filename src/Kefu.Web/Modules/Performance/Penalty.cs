using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Performance;

/// <summary>
/// A line of a person's monthly ledger of fines and rewards (PERF-06): the rule it comes from, the
/// amount (negative for a fine), the evidence it was raised from, and a forced rating (PERF-07).
/// Modules add lines through <see cref="Contracts.IPenaltyLedger"/>; the performance module reads them.
/// </summary>
public sealed class LedgerEntry : IScopedRecord
{
    public long Id { get; set; }
    public required string PersonId { get; set; }
    public string OrgPath { get; set; } = "/";

    /// <summary>The month it counts in, "yyyy-MM" in the company's time zone.</summary>
    public required string Month { get; set; }

    public required string RuleId { get; set; }
    public required string Reason { get; set; }

    /// <summary>Fen; a fine is negative, a reward positive.</summary>
    public long AmountFen { get; set; }

    public string? ForcedRating { get; set; }
    public required string EvidenceType { get; set; }
    public required string EvidenceId { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(PersonId);
}

public sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("LedgerEntries");
        builder.Property(e => e.PersonId).HasMaxLength(450);
        builder.Property(e => e.OrgPath).HasMaxLength(200);
        builder.Property(e => e.Month).HasMaxLength(7);
        builder.Property(e => e.RuleId).HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(64);
        builder.Property(e => e.ForcedRating).HasMaxLength(2);
        builder.Property(e => e.EvidenceType).HasMaxLength(64);
        builder.Property(e => e.EvidenceId).HasMaxLength(100);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
        builder.HasIndex(e => new { e.PersonId, e.Month });
        builder.HasIndex(e => new { e.RuleId, e.Reason, e.EvidenceType, e.EvidenceId, e.PersonId }).IsUnique();
    }
}
