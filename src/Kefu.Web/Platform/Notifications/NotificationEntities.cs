using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Platform.Notifications;

/// <summary>The outside channels of NTF-01; the in-app inbox is always on and is not one of them.</summary>
public enum NotificationChannel
{
    Email,
    WeCom,
    DingTalk,
    Sms,
}

public enum DeliveryStatus
{
    Pending,
    Sent,

    /// <summary>Gave up after the last retry.</summary>
    Failed,
}

/// <summary>An item of a person's in-app inbox (NTF-01).</summary>
public sealed class InboxItem : IUserAddressed
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string EventKey { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>A message waiting for, or done with, an outside channel: the durable outbox of NTF-02.</summary>
public sealed class OutboxMessage : IVersioned
{
    public long Id { get; set; }
    public NotificationChannel Channel { get; set; }

    /// <summary>Email address, phone number, or empty for a group robot (the webhook comes from settings).</summary>
    public required string Recipient { get; set; }

    public required string EventKey { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>A node that took the message holds it until then; another node may take it after.</summary>
    public DateTime? LockedUntil { get; set; }

    public string? RelatedType { get; set; }
    public string? RelatedId { get; set; }

    /// <summary>An email in a conversation with a customer: its own Message-ID (without brackets), the one it answers, and the thread's ids separated by spaces.</summary>
    public string? MessageId { get; set; }

    public string? InReplyTo { get; set; }
    public string? References { get; set; }
    public int Version { get; set; }

    /// <summary>Files an email carries (loaded by the dispatcher for email only).</summary>
    public List<OutboxAttachment> Attachments { get; set; } = [];
}

/// <summary>One try at delivering an outbox message (NTF-02: every attempt logged).</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public DateTime At { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
}

public sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> builder)
    {
        builder.ToTable("InboxItems");
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Property(i => i.EventKey).HasMaxLength(64);
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Link).HasMaxLength(300);
        builder.HasIndex(i => new { i.UserId, i.ReadAt });
    }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Recipient).HasMaxLength(256);
        builder.Property(m => m.EventKey).HasMaxLength(64);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.RelatedType).HasMaxLength(64);
        builder.Property(m => m.RelatedId).HasMaxLength(64);
        builder.Property(m => m.MessageId).HasMaxLength(250);
        builder.Property(m => m.InReplyTo).HasMaxLength(250);
        builder.Property(m => m.References).HasMaxLength(2000);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}

public sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("DeliveryAttempts");
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.HasIndex(a => a.MessageId);
        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
