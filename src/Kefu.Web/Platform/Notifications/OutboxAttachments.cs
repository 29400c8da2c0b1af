using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Platform.Notifications;

/// <summary>
/// A file an outbox email carries (a statement's Excel and PDF, AR-06). Stored with the message in the
/// same transaction, so a retry sends exactly what was decided; channels other than email ignore it.
/// </summary>
public sealed class OutboxAttachment
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}

public sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> builder)
    {
        builder.ToTable("OutboxAttachments");
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.HasIndex(a => a.MessageId);
        builder.HasOne<OutboxMessage>().WithMany(m => m.Attachments).HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
