using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Receivables;

/// <summary>How an invoice reached the customer (seed 001 ch. 7 §1.5).</summary>
public enum InvoiceDelivery
{
    /// <summary>Finance's collector (结款员) took it to the customer.</summary>
    Collector,

    /// <summary>CS signed it out and had it taken to the customer.</summary>
    SignedOutByCs,
}

/// <summary>
/// A month-end statement (对账单, AR-02/06) of one customer: the month's sales confirmations not yet on
/// another statement, with their amounts, walked through review, check, sending, the customer's
/// confirmation, invoice, delivery, payment and write-off. Never deleted: withdrawn with a reason.
/// </summary>
public sealed class ReceivableStatement : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public required string CustomerName { get; set; }

    /// <summary>The first day of the month it reconciles.</summary>
    public DateOnly Month { get; set; }

    public long TotalFen { get; set; }
    public int LineCount { get; set; }
    public StatementStatus Status { get; set; }

    /// <summary>Who built it (the coordinator for key accounts, finance for the others); the record's owner.</summary>
    public required string BuiltById { get; set; }

    public DateTime BuiltAt { get; set; }

    /// <summary>SHA-256 (hex) of the customer's confirmation link token; the token itself only travels in the email.</summary>
    public string? LinkTokenHash { get; set; }

    /// <summary>The address it was last sent to.</summary>
    public string? SentTo { get; set; }

    /// <summary>Why the last sending carried no PDF (no usable CJK font), so the page can say it.</summary>
    public string? PdfMissingReason { get; set; }

    public string? ConfirmedByName { get; set; }
    public int? InvoiceId { get; set; }
    public InvoiceDelivery? Delivery { get; set; }
    public string? DeliveredByName { get; set; }

    /// <summary>The last return, dispute or withdrawal reason.</summary>
    public string? LastReason { get; set; }

    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }
    public int Version { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(BuiltById);
}

/// <summary>A sales confirmation on a statement, its amount copied as it stood when the statement was built.</summary>
public sealed class StatementLine
{
    public long Id { get; set; }
    public int StatementId { get; set; }
    public int ConfirmationId { get; set; }

    /// <summary>The confirmation while the statement is live, null once withdrawn: a unique index keeps a confirmation on one live statement.</summary>
    public int? ActiveConfirmationId { get; set; }

    public required string Number { get; set; }
    public DateOnly SoldOn { get; set; }
    public required string Items { get; set; }
    public long AmountFen { get; set; }
}

/// <summary>One step on a statement's timeline: what, who (a user, or the customer's named person) and when.</summary>
public sealed class StatementEvent
{
    public long Id { get; set; }
    public int StatementId { get; set; }
    public StatementAction Action { get; set; }
    public string? ActorId { get; set; }

    /// <summary>A person outside Kefu: the customer's confirmer, the collector.</summary>
    public string? ActorName { get; set; }

    public DateTime At { get; set; }
    public string? Note { get; set; }
}

public sealed class ReceivableStatementConfiguration : IEntityTypeConfiguration<ReceivableStatement>
{
    public void Configure(EntityTypeBuilder<ReceivableStatement> builder)
    {
        builder.ToTable("ReceivableStatements");
        builder.Property(s => s.CustomerName).HasMaxLength(200);
        builder.Property(s => s.BuiltById).HasMaxLength(450);
        builder.Property(s => s.LinkTokenHash).HasMaxLength(64);
        builder.Property(s => s.SentTo).HasMaxLength(256);
        builder.Property(s => s.PdfMissingReason).HasMaxLength(500);
        builder.Property(s => s.ConfirmedByName).HasMaxLength(100);
        builder.Property(s => s.DeliveredByName).HasMaxLength(100);
        builder.Property(s => s.LastReason).HasMaxLength(1000);
        builder.Property(s => s.OrgPath).HasMaxLength(200);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.OrgPath, s.Month });
        builder.HasIndex(s => new { s.CustomerId, s.Month });
        builder.HasIndex(s => s.LinkTokenHash).IsUnique();
        builder.HasIndex(s => s.InvoiceId);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class StatementLineConfiguration : IEntityTypeConfiguration<StatementLine>
{
    public void Configure(EntityTypeBuilder<StatementLine> builder)
    {
        builder.ToTable("StatementLines");
        builder.Property(l => l.Number).HasMaxLength(40);
        builder.Property(l => l.Items).HasMaxLength(2000);
        builder.HasOne<ReceivableStatement>().WithMany().HasForeignKey(l => l.StatementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SalesConfirmation>().WithMany().HasForeignKey(l => l.ConfirmationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.StatementId);
        builder.HasIndex(l => l.ConfirmationId);
        builder.HasIndex(l => l.ActiveConfirmationId).IsUnique();
    }
}

public sealed class StatementEventConfiguration : IEntityTypeConfiguration<StatementEvent>
{
    public void Configure(EntityTypeBuilder<StatementEvent> builder)
    {
        builder.ToTable("StatementEvents");
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(100);
        builder.Property(e => e.Note).HasMaxLength(1000);
        builder.HasOne<ReceivableStatement>().WithMany().HasForeignKey(e => e.StatementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.StatementId, e.At });
    }
}
