using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Receivables;

/// <summary>How a payment came in (seed 001 ch. 7: 支票 collected, or 银行转账; retail pays cash).</summary>
public enum PaymentMethod
{
    Cheque,
    Transfer,
    Cash,
}

/// <summary>Where an extension request (申请延长回款期, AR-05) stands on the approval engine.</summary>
public enum ExtensionStatus
{
    Pending,
    Approved,
    Rejected,
    Returned,
}

/// <summary>
/// A sales confirmation (销售确认书, AR-01), registered by number by the coordinator when the delivery
/// copy comes back. The selling technician's sales ledger (销售台账) is the list of their
/// confirmations with what is invoiced and paid against them. Never deleted: a wrong one is reversed.
/// </summary>
public sealed class SalesConfirmation : IScopedRecord, IVersioned
{
    public int Id { get; set; }

    /// <summary>The number printed on the paper form; unique.</summary>
    public required string Number { get; set; }

    public int CustomerId { get; set; }
    public required string CustomerName { get; set; }

    /// <summary>The technician who sold, and who collects (AR-03); they see their own ledger.</summary>
    public required string TechnicianId { get; set; }

    /// <summary>What was sold (items, quantities, as written on the form).</summary>
    public required string Items { get; set; }

    public long AmountFen { get; set; }

    /// <summary>The day of the sale on the form.</summary>
    public DateOnly SoldOn { get; set; }

    /// <summary>The field job or the order it came from, if any (ids in those modules, no foreign key across modules).</summary>
    public int? SourceJobId { get; set; }

    public int? SourceOrderId { get; set; }

    public InvoiceSettlement Settlement { get; set; }

    public required string RegisteredById { get; set; }
    public DateTime RegisteredAt { get; set; }

    /// <summary>The customer's centre: scope follows the customer.</summary>
    public string OrgPath { get; set; } = "/";

    public int CentreId { get; set; }

    public DateTime? ReversedAt { get; set; }
    public string? ReversedById { get; set; }
    public string? ReversalReason { get; set; }

    public int Version { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(TechnicianId);
}

/// <summary>
/// An invoice as recorded (Kefu records invoices, it does not issue tax invoices): number, date,
/// amount, and the due date the rules give it (AR-03 retail, AR-02 monthly).
/// </summary>
public sealed class Invoice : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string Number { get; set; }
    public DateOnly InvoiceDate { get; set; }
    public long AmountFen { get; set; }

    /// <summary>
    /// The sum of the invoice's allocations (reversals included), kept with every allocation in the
    /// same save, so lists and the aging report read what is open without summing the allocations.
    /// The allocations stay the record; this is their running total.
    /// </summary>
    public long PaidFen { get; set; }

    public int CustomerId { get; set; }
    public required string CustomerName { get; set; }
    public InvoiceSettlement Settlement { get; set; }

    /// <summary>The due date the rule gave when recorded.</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>AR-05: the due date an approved extension moved it to.</summary>
    public DateOnly? ExtendedTo { get; set; }

    public int? ConfirmationId { get; set; }

    /// <summary>The technician who sold and collects, from the confirmation (null for invoices without one).</summary>
    public string? TechnicianId { get; set; }

    public required string RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }
    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }

    public DateTime? ReversedAt { get; set; }
    public string? ReversedById { get; set; }
    public string? ReversalReason { get; set; }

    public int Version { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(TechnicianId);
}

/// <summary>A payment received from a customer; what no invoice took is the customer's unallocated credit.</summary>
public sealed class Payment : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public required string CustomerName { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public PaymentMethod Method { get; set; }
    public long AmountFen { get; set; }

    /// <summary>Cheque number or bank reference.</summary>
    public string? Reference { get; set; }

    public required string RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }
    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }

    public DateTime? ReversedAt { get; set; }
    public string? ReversedById { get; set; }
    public string? ReversalReason { get; set; }

    public int Version { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(RecordedById);
}

/// <summary>
/// A part of a payment applied to an invoice. Rows are only added: a reversal adds the negative of
/// the rows it undoes, so every sum stays exact and the history stays whole.
/// </summary>
public sealed class PaymentAllocation
{
    public long Id { get; set; }
    public int PaymentId { get; set; }
    public int InvoiceId { get; set; }

    /// <summary>Positive when applied, negative when a reversal takes it back.</summary>
    public long AmountFen { get; set; }

    /// <summary>The day the entry counts from in reports "as of" a date: the payment's day, or the reversal's.</summary>
    public DateOnly EffectiveOn { get; set; }

    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>AR-05: a request to extend an invoice's payment period because the customer delays, decided on the approval engine.</summary>
public sealed class ExtensionRequest : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public int InvoiceId { get; set; }
    public required string InvoiceNumber { get; set; }
    public required string CustomerName { get; set; }
    public DateOnly RequestedDueDate { get; set; }
    public required string Reason { get; set; }
    public ExtensionStatus Status { get; set; }
    public required string OwnerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string OrgPath { get; set; } = "/";
    public int Version { get; set; }
}

public sealed class SalesConfirmationConfiguration : IEntityTypeConfiguration<SalesConfirmation>
{
    public void Configure(EntityTypeBuilder<SalesConfirmation> builder)
    {
        builder.ToTable("SalesConfirmations");
        builder.Property(c => c.Number).HasMaxLength(40);
        builder.Property(c => c.CustomerName).HasMaxLength(200);
        builder.Property(c => c.TechnicianId).HasMaxLength(450);
        builder.Property(c => c.Items).HasMaxLength(2000);
        builder.Property(c => c.RegisteredById).HasMaxLength(450);
        builder.Property(c => c.OrgPath).HasMaxLength(200);
        builder.Property(c => c.ReversedById).HasMaxLength(450);
        builder.Property(c => c.ReversalReason).HasMaxLength(500);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.OrgPath, c.SoldOn });
        builder.HasIndex(c => c.TechnicianId);
        builder.HasIndex(c => c.CustomerId);
    }
}

public sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("Invoices");
        builder.Property(i => i.Number).HasMaxLength(40);
        builder.Property(i => i.CustomerName).HasMaxLength(200);
        builder.Property(i => i.TechnicianId).HasMaxLength(450);
        builder.Property(i => i.RecordedById).HasMaxLength(450);
        builder.Property(i => i.OrgPath).HasMaxLength(200);
        builder.Property(i => i.ReversedById).HasMaxLength(450);
        builder.Property(i => i.ReversalReason).HasMaxLength(500);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => new { i.OrgPath, i.InvoiceDate });
        builder.HasIndex(i => i.CustomerId);
        builder.HasIndex(i => i.ConfirmationId);
        builder.HasIndex(i => i.TechnicianId);
        // AR-08: the open items today's aging report sums, with every column it reads, so that the report
        // scans this index instead of every invoice ever recorded (the report's query carries the same terms).
        builder.HasIndex(i => new { i.InvoiceDate, i.DueDate, i.ExtendedTo, i.CentreId, i.AmountFen, i.PaidFen, i.CustomerName, i.TechnicianId, i.OrgPath })
            .HasDatabaseName("IX_Invoices_OpenItems")
            .HasFilter("\"ReversedAt\" IS NULL AND \"PaidFen\" < \"AmountFen\"");
    }
}

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.Property(p => p.CustomerName).HasMaxLength(200);
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.RecordedById).HasMaxLength(450);
        builder.Property(p => p.OrgPath).HasMaxLength(200);
        builder.Property(p => p.ReversedById).HasMaxLength(450);
        builder.Property(p => p.ReversalReason).HasMaxLength(500);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.OrgPath, p.ReceivedOn });
        builder.HasIndex(p => p.CustomerId);
    }
}

public sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> builder)
    {
        builder.ToTable("PaymentAllocations");
        builder.Property(a => a.CreatedById).HasMaxLength(450);
        builder.HasOne<Payment>().WithMany().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.InvoiceId, a.EffectiveOn });
        // The aging report of a past date looks for allocations dated after it.
        builder.HasIndex(a => a.EffectiveOn);
    }
}

public sealed class ExtensionRequestConfiguration : IEntityTypeConfiguration<ExtensionRequest>
{
    public void Configure(EntityTypeBuilder<ExtensionRequest> builder)
    {
        builder.ToTable("ExtensionRequests");
        builder.Property(e => e.InvoiceNumber).HasMaxLength(40);
        builder.Property(e => e.CustomerName).HasMaxLength(200);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.Property(e => e.OwnerId).HasMaxLength(450);
        builder.Property(e => e.OrgPath).HasMaxLength(200);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne<Invoice>().WithMany().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.InvoiceId, e.Status });
        builder.HasIndex(e => e.OrgPath);
    }
}
