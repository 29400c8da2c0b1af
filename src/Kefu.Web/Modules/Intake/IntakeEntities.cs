using Kefu.Core.Orders;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Intake;

public enum IntakeStatus
{
    /// <summary>Waiting for a specialist.</summary>
    New,

    /// <summary>Turned into an order, an incident or a field-service job (<see cref="IntakeItem.RecordType"/>).</summary>
    Converted,

    /// <summary>Nothing to do (spam, a thank-you, a duplicate).</summary>
    Discarded,
}

/// <summary>
/// What a customer sent, waiting in the intake queue of a centre until a specialist turns it into a
/// record (ORD-01's channels: email now, the portal later). The owning centre is the matched
/// customer's, else the mailbox's.
/// </summary>
public sealed class IntakeItem : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public IntakeChannel Channel { get; set; }

    /// <summary>When the customer's message reached Kefu's mailbox (the server's arrival time).</summary>
    public DateTime ReceivedAt { get; set; }

    public required string FromAddress { get; set; }
    public string? FromName { get; set; }

    /// <summary>The customer whose contact has the sender's address; null for an unknown sender.</summary>
    public int? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    /// <summary>The address belongs to more than one customer: the specialist chooses.</summary>
    public bool SenderAmbiguous { get; set; }

    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>The body was longer than the policy keeps.</summary>
    public bool BodyCut { get; set; }

    /// <summary>What could not be read, as a resource key suffix ("TooLarge", "Malformed"); null when read whole.</summary>
    public string? Problem { get; set; }

    /// <summary>Attachments not kept (wrong type or too large), by file name.</summary>
    public string? SkippedAttachments { get; set; }

    public string? MailboxKey { get; set; }
    public string? MessageId { get; set; }
    public IntakeStatus Status { get; set; }

    /// <summary>What the item became: "Order", "Incident" or "ServiceJob", with its id and number.</summary>
    public string? RecordType { get; set; }

    public int? RecordId { get; set; }
    public string? RecordNumber { get; set; }
    public string? ClosedById { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>What the customer asked for on the portal (repair, order, complaint); null for an email.</summary>
    public Kefu.Core.Intake.PortalRequestKind? RequestKind { get; set; }

    /// <summary>The phone number the customer gave with a portal request, to call back.</summary>
    public string? ContactPhone { get; set; }

    /// <summary>VIS-04: how the customer rated the service on the portal once it was done, with their words and when.</summary>
    public Kefu.Core.Visits.SatisfactionRating? CustomerRating { get; set; }

    public string? RatingComment { get; set; }
    public DateTime? RatedAt { get; set; }

    /// <summary>Why the specialist discarded the item (spam, a thank-you, a duplicate), as they wrote it.</summary>
    public string? DiscardReason { get; set; }

    /// <summary>ORD-01: the specialist checked the email's content with the customer before the order was saved.</summary>
    public bool ContentConfirmed { get; set; }

    /// <summary>Nobody owns a new item; the specialist who converts or discards it becomes its owner.</summary>
    public string OwnerId { get; set; } = "";

    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// Every message Kefu took from a mailbox or sent into a conversation, once: the unique Message-ID
/// and the unique (mailbox, UIDVALIDITY, UID) are what make a message taken exactly once, also by
/// two nodes polling at the same time; the record it belongs to is what threads the replies.
/// </summary>
public sealed class MailMessage
{
    public long Id { get; set; }
    public required string MessageId { get; set; }
    public bool Outgoing { get; set; }
    public string? MailboxKey { get; set; }
    public long? UidValidity { get; set; }
    public long? Uid { get; set; }

    /// <summary>The customer's address: the sender of an incoming message, the recipient of an outgoing one.</summary>
    public string? Address { get; set; }

    public string? Subject { get; set; }
    public string? RecordType { get; set; }
    public int? RecordId { get; set; }
    public int? IntakeItemId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>Where reading a mailbox stands, for the poller and for the administrator: the last UID taken, failures and the next try.</summary>
public sealed class MailboxState : IVersioned
{
    public required string Key { get; set; }
    public long UidValidity { get; set; }
    public long LastUid { get; set; }
    public DateTime? LastRunAt { get; set; }
    public DateTime? LastSuccessAt { get; set; }
    public int Failures { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public int Taken { get; set; }
    public int Version { get; set; }
}

public sealed class IntakeItemConfiguration : IEntityTypeConfiguration<IntakeItem>
{
    public void Configure(EntityTypeBuilder<IntakeItem> builder)
    {
        builder.ToTable("IntakeItems");
        builder.Property(i => i.FromAddress).HasMaxLength(256);
        builder.Property(i => i.FromName).HasMaxLength(200);
        builder.Property(i => i.CustomerName).HasMaxLength(200);
        builder.Property(i => i.Subject).HasMaxLength(300);
        builder.Property(i => i.Problem).HasMaxLength(32);
        builder.Property(i => i.SkippedAttachments).HasMaxLength(1000);
        builder.Property(i => i.MailboxKey).HasMaxLength(64);
        builder.Property(i => i.MessageId).HasMaxLength(250);
        builder.Property(i => i.RecordType).HasMaxLength(32);
        builder.Property(i => i.RecordNumber).HasMaxLength(32);
        builder.Property(i => i.ClosedById).HasMaxLength(450);
        builder.Property(i => i.DiscardReason).HasMaxLength(500);
        builder.Property(i => i.OwnerId).HasMaxLength(450);
        builder.Property(i => i.OrgPath).HasMaxLength(200);
        builder.Property(i => i.ContactPhone).HasMaxLength(32);
        builder.Property(i => i.RatingComment).HasMaxLength(1000);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.OrgPath, i.Status, i.ReceivedAt });
        builder.HasIndex(i => i.CustomerId);

        // The portal's 24-hour submission limit counts a contact's requests by address.
        builder.HasIndex(i => new { i.FromAddress, i.ReceivedAt });
    }
}

public sealed class MailMessageConfiguration : IEntityTypeConfiguration<MailMessage>
{
    public void Configure(EntityTypeBuilder<MailMessage> builder)
    {
        builder.ToTable("MailMessages");
        builder.Property(m => m.MessageId).HasMaxLength(250);
        builder.Property(m => m.MailboxKey).HasMaxLength(64);
        builder.Property(m => m.Address).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.RecordType).HasMaxLength(32);
        builder.HasIndex(m => m.MessageId).IsUnique();

        // Outgoing messages have no UID; NULLs are distinct in unique indexes on SQLite and PostgreSQL alike.
        builder.HasIndex(m => new { m.MailboxKey, m.UidValidity, m.Uid }).IsUnique();
        builder.HasIndex(m => new { m.RecordType, m.RecordId });
    }
}

public sealed class MailboxStateConfiguration : IEntityTypeConfiguration<MailboxState>
{
    public void Configure(EntityTypeBuilder<MailboxState> builder)
    {
        builder.ToTable("MailboxStates");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.LastError).HasMaxLength(1000);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
