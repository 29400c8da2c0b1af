using System.Globalization;
using Kefu.Core.Intake;
using Kefu.Core.Orders;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Kefu.Web.Modules.Intake;

/// <summary>The mailboxes Kefu reads (Settings → Mailboxes). Passwords stay on the server and are never shown back.</summary>
public sealed record MailboxList
{
    public const string Key = "intake.mailboxes";

    public IReadOnlyList<MailboxSettings> Mailboxes { get; init; } = [];
}

public sealed record MailboxSettings
{
    /// <summary>A short stable key ("sh-orders"); the poller's state is kept under it.</summary>
    public string Key { get; init; } = "";

    public string Name { get; init; } = "";
    public bool Enabled { get; init; } = true;
    public string Host { get; init; } = "";
    public int Port { get; init; } = 993;
    public SmtpSecurity Security { get; init; } = SmtpSecurity.SslOnConnect;
    public bool AcceptUntrustedCertificate { get; init; }
    public string UserName { get; init; } = "";
    public string? Password { get; init; }
    public string Folder { get; init; } = "INBOX";

    /// <summary>The centre whose queue receives messages from senders Kefu does not know.</summary>
    public int CentreId { get; init; }

    public int TimeoutSeconds { get; init; } = 30;
}

/// <summary>A message as read from a mailbox, with what could not be read said in <see cref="Problem"/>.</summary>
public sealed record IncomingMail(
    string? MessageId, string? InReplyTo, IReadOnlyList<string> References, string FromAddress, string? FromName, string Subject, string? Text,
    DateTimeOffset ReceivedAt, IReadOnlyList<IncomingFile> Files, string? Problem)
{
    /// <summary>Reads a parsed message; a message whose parts cannot be decoded keeps what could be.</summary>
    public static IncomingMail From(MimeMessage message, DateTimeOffset received, string? problem, long maxFileBytes)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        string? text = null;
        var files = new List<IncomingFile>();
        try
        {
            text = message.TextBody ?? (message.HtmlBody is { } html ? PlainText(html) : null);
            foreach (var part in message.Attachments.OfType<MimePart>())
            {
                var name = part.FileName ?? "attachment";
                using var buffer = new MemoryStream();
                part.Content?.DecodeTo(buffer);
                files.Add(buffer.Length > maxFileBytes ? new IncomingFile(name, null) : new IncomingFile(name, buffer.ToArray()));
            }
        }
        catch (Exception e) when (e is FormatException or ParseException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            problem ??= "Malformed";
        }

        // The parser is lenient: a multipart cut off before its closing boundary (a truncated or
        // broken message) still parses, with what was there. The item keeps it and says so.
        if (problem is null && Truncated(message))
        {
            problem = "Malformed";
        }

        return new IncomingMail(message.MessageId, message.InReplyTo, message.References.ToArray(), from?.Address ?? "", from?.Name, message.Subject ?? "", text, received, files, problem);
    }

    /// <summary>
    /// A multipart without its closing boundary. MimeKit keeps a parsed message as it was, so the
    /// message written back lacks the closing line too (whether one was seen is not public API).
    /// </summary>
    private static bool Truncated(MimeMessage message)
    {
        var boundaries = new List<string?>();
        using (var parts = new MimeIterator(message))
        {
            while (parts.MoveNext())
            {
                if (parts.Current is Multipart multipart)
                {
                    boundaries.Add(multipart.Boundary);
                }
            }
        }

        if (boundaries.Count == 0)
        {
            return false;
        }

        if (boundaries.Any(string.IsNullOrEmpty))
        {
            return true;
        }

        using var written = new MemoryStream();
        message.WriteTo(written);
        var bytes = new ArraySegment<byte>(written.GetBuffer(), 0, (int)written.Length);
        return boundaries.Any(b => bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes("--" + b + "--")) < 0);
    }

    /// <summary>An HTML-only message as plain text: tags dropped, entities decoded. Good enough to read; the original stays in the mailbox.</summary>
    private static string PlainText(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html, @"<(script|style)[^>]*>.*?</\1>|<br\s*/?>|</p>", "\n", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)),
            "<[^>]+>", "", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));

    /// <summary>Only the headers (a message too large to download, or one that could not be parsed).</summary>
    public static IncomingMail FromHeaders(HeaderList headers, DateTimeOffset received, string problem)
    {
        MailboxAddress? from = null;
        if (headers[HeaderId.From] is { } raw && InternetAddressList.TryParse(raw, out var list))
        {
            from = list.Mailboxes.FirstOrDefault();
        }

        var references = headers[HeaderId.References] is { } r ? MimeKit.Utils.MimeUtils.EnumerateReferences(r).ToArray() : [];
        return new IncomingMail(headers[HeaderId.MessageId], headers[HeaderId.InReplyTo], references, from?.Address ?? "", from?.Name,
            headers[HeaderId.Subject] ?? "", null, received, [], problem);
    }
}

/// <summary>An attachment of an incoming message; null bytes when it was larger than attachments may be.</summary>
public sealed record IncomingFile(string FileName, byte[]? Bytes);

public enum TakeOutcome
{
    /// <summary>A new item in the intake queue.</summary>
    Queued,

    /// <summary>Attached to the timeline of the record of its conversation.</summary>
    Threaded,

    /// <summary>Already taken (by this node earlier or by another node now).</summary>
    AlreadyTaken,
}

/// <summary>
/// Takes one message exactly once: its Message-ID and its (mailbox, UIDVALIDITY, UID) are written
/// with unique indexes in the same transaction as the item or the timeline line it becomes, so a
/// second taker (a later run, another node) fails on the index and changes nothing.
/// </summary>
public sealed class MailTaker(KefuDbContext db, PolicyStore policies, AttachmentStore attachments, TimeProvider clock, ILogger<MailTaker> logger)
{
    public const string RecordType = "IntakeItem";
    public const string SystemUser = "system:intake";

    public async Task<TakeOutcome> TakeAsync(MailboxSettings mailbox, long uidValidity, long uid, IncomingMail mail, CancellationToken ct)
    {
        var policy = await policies.GetAsync<IntakePolicy>(IntakePolicy.Key, ct);
        var now = clock.GetUtcNow();
        var received = IntakeLimits.ClockStart(mail.ReceivedAt, now).UtcDateTime;
        var messageId = MailThreading.Normalize(mail.MessageId)
            ?? string.Create(CultureInfo.InvariantCulture, $"{uidValidity}.{uid}.{mailbox.Key}@intake.kefu.invalid");
        var address = SenderMatching.Normalize(mail.FromAddress) ?? "";
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = new MailMessage
        {
            MessageId = messageId, MailboxKey = mailbox.Key, UidValidity = uidValidity, Uid = uid, Address = Cut(address, 256), Subject = Cut(mail.Subject, 300),
            At = received,
        };
        db.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return TakeOutcome.AlreadyTaken;
        }

        var (body, cut) = IntakeLimits.Body(mail.Text, policy);
        if (await ThreadAsync(mail) is { } incident)
        {
            record.RecordType = nameof(Incident);
            record.RecordId = incident.Id;
            var line = string.IsNullOrEmpty(mail.Subject) ? body : mail.Subject + "\n\n" + body;
            db.Add(new IncidentEvent { IncidentId = incident.Id, At = received, Kind = "CustomerMail", Text = Cut(line, 4000) });
            await SaveFilesAsync(IncidentUseCases.SubjectType, incident.Id, mail.Files, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return TakeOutcome.Threaded;
        }

#pragma warning disable CA1862 // ToLower translates to SQL on both providers; string.Equals with a comparison does not.
        var contacts = address.Length == 0 ? [] : await db.Set<Customer>().AsNoTracking()
            .Where(c => c.MergedIntoId == null && c.ContactEmail != null && c.ContactEmail.ToLower() == address)
            .Select(c => new { c.Id, c.ContactEmail, c.Name, c.CentreId, c.OrgPath }).Take(10).ToListAsync(ct);
#pragma warning restore CA1862
        var match = SenderMatching.Match(address, contacts.Select(c => new ContactAddress(c.Id, c.ContactEmail!)));
        var customer = contacts.FirstOrDefault(c => c.Id == match.CustomerId);
        var centre = customer is null ? await db.OrgUnits.AsNoTracking().Where(o => o.Id == mailbox.CentreId).Select(o => new { o.Id, o.Path }).SingleOrDefaultAsync(ct) : null;
        var item = new IntakeItem
        {
            Channel = IntakeChannel.Email, ReceivedAt = received, FromAddress = Cut(address, 256) ?? "", FromName = Cut(mail.FromName, 200),
            CustomerId = customer?.Id, CustomerName = customer?.Name, SenderAmbiguous = match.Ambiguous, Subject = Cut(mail.Subject, 300) ?? "",
            Body = body, BodyCut = cut, Problem = mail.Problem, MailboxKey = mailbox.Key, MessageId = messageId, Status = IntakeStatus.New,
            CentreId = customer?.CentreId ?? centre?.Id ?? mailbox.CentreId, OrgPath = customer?.OrgPath ?? centre?.Path ?? "/", CreatedAt = now.UtcDateTime,
        };
        db.Add(item);
        await db.SaveChangesAsync(ct);
        record.IntakeItemId = item.Id;
        item.SkippedAttachments = Cut(await SaveFilesAsync(RecordType, item.Id, mail.Files, ct), 1000);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Mailbox {Mailbox} UID {Uid}: intake item {Item}", mailbox.Key, uid, item.Id);
        return TakeOutcome.Queued;
    }

    /// <summary>The incident of the conversation: by the ids it answers or refers to, else by an incident number in the subject.</summary>
    private async Task<Incident?> ThreadAsync(IncomingMail mail)
    {
        var ids = MailThreading.CandidateIds(mail.InReplyTo, mail.References);
        if (ids.Count > 0)
        {
            var known = await db.Set<MailMessage>().AsNoTracking().Where(m => ids.Contains(m.MessageId) && m.RecordType == nameof(Incident) && m.RecordId != null)
                .Select(m => new { m.MessageId, m.RecordId }).ToListAsync();
            foreach (var id in ids)
            {
                if (known.FirstOrDefault(k => k.MessageId == id) is { } hit)
                {
                    return await db.Set<Incident>().SingleOrDefaultAsync(i => i.Id == hit.RecordId);
                }
            }
        }

        foreach (var number in MailThreading.NumbersIn(mail.Subject).Where(n => n.Record == NumberedRecord.Incident))
        {
            if (await db.Set<Incident>().SingleOrDefaultAsync(i => i.Number == number.Number) is { } incident)
            {
                return incident;
            }
        }

        return null;
    }

    /// <summary>PLT-02: each file checked as every upload is; the names of those refused are returned.</summary>
    private async Task<string?> SaveFilesAsync(string recordType, int recordId, IReadOnlyList<IncomingFile> files, CancellationToken ct)
    {
        var skipped = new List<string>();
        foreach (var file in files)
        {
            if (file.Bytes is null)
            {
                skipped.Add(file.FileName);
                continue;
            }

            var (saved, _) = await attachments.SaveBytesAsync(recordType, recordId.ToString(CultureInfo.InvariantCulture), "Email", file.FileName, file.Bytes, SystemUser, ct);
            if (saved is null)
            {
                skipped.Add(file.FileName);
            }
        }

        return skipped.Count == 0 ? null : string.Join(", ", skipped);
    }

    private static string? Cut(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];
}
