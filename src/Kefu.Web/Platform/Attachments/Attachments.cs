using System.Security.Cryptography;
using Kefu.Web.Data;
using Kefu.Web.Platform.Database;
using Kefu.Web.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Platform.Attachments;

/// <summary>A file attached to a record (PLT-02): receipt scans, signed notices, PODs. The bytes live on disk under the data directory.</summary>
public sealed class Attachment
{
    public long Id { get; set; }
    public required string RecordType { get; set; }
    public required string RecordId { get; set; }

    /// <summary>What the file is for the record, e.g. "Receipt", "TravelSummary".</summary>
    public required string Kind { get; set; }

    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>Path relative to the attachments folder; never shown to users.</summary>
    public required string StoragePath { get; set; }

    public required string Sha256 { get; set; }
    public required string UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }
}

public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("Attachments");
        builder.Property(a => a.RecordType).HasMaxLength(64);
        builder.Property(a => a.RecordId).HasMaxLength(64);
        builder.Property(a => a.Kind).HasMaxLength(32);
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.StoragePath).HasMaxLength(300);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.UploadedBy).HasMaxLength(450);
        builder.HasIndex(a => new { a.RecordType, a.RecordId });
    }
}

/// <summary>
/// PLT-02: stores and serves attachments, checking size and type by the file's first bytes (not
/// its name). Modules decide who may attach to or read their records; this class only stores.
/// </summary>
public sealed class AttachmentStore(KefuDbContext db, DatabaseSettings settings, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>The largest file accepted, in bytes (Kefu:Attachments:MaxBytes, default 10 MB).</summary>
    public long MaxBytes => MaxBytesOf(configuration);

    public static long MaxBytesOf(IConfiguration configuration) => configuration.GetValue("Kefu:Attachments:MaxBytes", 10L * 1024 * 1024);

    private string Root => Path.Combine(settings.DataDirectory, "attachments");

    public async Task<(Attachment? Saved, ProblemBuilder Problems)> SaveAsync(string recordType, string recordId, string kind, IFormFile? file, string userId, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (file is null || file.Length == 0)
        {
            problems.Add("file", "Attachment.Missing");
            return (null, problems);
        }

        if (file.Length > MaxBytes)
        {
            problems.Add("file", "Attachment.TooLarge", MaxBytes / 1024 / 1024);
            return (null, problems);
        }

        await using var input = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, ct);
        return await SaveBytesAsync(recordType, recordId, kind, file.FileName, buffer.ToArray(), userId, ct);
    }

    /// <summary>Stores bytes that did not come as an upload (an email's attachment) under the same checks.</summary>
    public async Task<(Attachment? Saved, ProblemBuilder Problems)> SaveBytesAsync(
        string recordType, string recordId, string kind, string fileName, byte[] bytes, string userId, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (bytes.Length == 0)
        {
            problems.Add("file", "Attachment.Missing");
            return (null, problems);
        }

        if (bytes.Length > MaxBytes)
        {
            problems.Add("file", "Attachment.TooLarge", MaxBytes / 1024 / 1024);
            return (null, problems);
        }

        var contentType = Sniff(bytes);
        if (contentType is null)
        {
            problems.Add("file", "Attachment.BadType");
            return (null, problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var relative = Path.Combine(now.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), now.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N"));
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes, ct);
        var name = Path.GetFileName(fileName);
        var attachment = new Attachment
        {
            RecordType = recordType, RecordId = recordId, Kind = kind,
            FileName = name.Length > 200 ? name[..200] : name,
            ContentType = contentType, Size = bytes.Length, StoragePath = relative, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedBy = userId, UploadedAt = now,
        };
        db.Add(attachment);
        return (attachment, problems);
    }

    public async Task<IReadOnlyList<Attachment>> ForRecordAsync(string recordType, string recordId, CancellationToken ct) =>
        await db.Set<Attachment>().AsNoTracking().Where(a => a.RecordType == recordType && a.RecordId == recordId).OrderBy(a => a.Id).ToListAsync(ct);

    public Stream Open(Attachment attachment) => File.OpenRead(Path.Combine(Root, attachment.StoragePath));

    /// <summary>
    /// Marks a record's attachments for deletion with the record (saved by the caller's next save);
    /// their files go with <see cref="DeleteFiles"/> once that save has committed.
    /// </summary>
    public async Task<IReadOnlyList<Attachment>> RemoveForRecordAsync(string recordType, string recordId, CancellationToken ct)
    {
        var attachments = await db.Set<Attachment>().Where(a => a.RecordType == recordType && a.RecordId == recordId).ToListAsync(ct);
        db.RemoveRange(attachments);
        return attachments;
    }

    /// <summary>Deletes the files of attachments whose rows are gone; a file already missing is no error.</summary>
    public void DeleteFiles(IEnumerable<Attachment> attachments)
    {
        foreach (var attachment in attachments)
        {
            File.Delete(Path.Combine(Root, attachment.StoragePath));
        }
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>JPEG, PNG or PDF by their magic numbers; anything else is refused.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? "image/jpeg"
        : bytes.Length >= 8 && bytes[..8].SequenceEqual(PngSignature) ? "image/png"
        : bytes.Length >= 5 && bytes[..5].SequenceEqual("%PDF-"u8) ? "application/pdf"
        : null;
}
