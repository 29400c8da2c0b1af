using System.Globalization;
using Kefu.Core.Field;
using Kefu.Core.Incidents;
using Kefu.Core.Intake;
using Kefu.Core.Orders;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Modules.Orders;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Intake;

/// <summary>An intake item becomes an incident or complaint; blank fields are taken from the message.</summary>
public sealed record IntakeIncidentInput(
    IncidentType? Type, IncidentSource? Source, int? CustomerId, string? CustomerName, string? Summary, string? Details, string? OrderReference,
    string? PhoneCallTo, DateTimeOffset? PhoneCallAt, bool? SendReport, int? Version);

/// <summary>An intake item becomes a draft work order; the rest of the order is completed on the order's own form.</summary>
public sealed record IntakeOrderInput(
    int? CustomerId, JobType? JobType, bool? ContentConfirmed, DangerousGoodsAnswer? DangerousGoods, string? GoodsName, string? ImportantNotes, int? Version);

/// <summary>An intake item becomes a field-service job (a repair unless said otherwise); blank fields are taken from the message.</summary>
public sealed record IntakeJobInput(
    JobKind? Type, ServiceMode? Mode, JobPriority? Priority, int? CustomerId, string? CustomerName, string? Problem, string? SiteAddress,
    string? ContactName, string? ContactPhone, string? Skill, int? Version);

public sealed record IntakeDiscardInput(string? Reason, int? Version);

public sealed record EmailReplyInput(string? Text);

public abstract record IntakeResult
{
    public sealed record Ok(IntakeItem Item) : IntakeResult;
    public sealed record Invalid(ProblemBuilder Problems) : IntakeResult;
    public sealed record NotFound : IntakeResult;
    public sealed record Conflict : IntakeResult;
}

/// <summary>
/// The specialist's actions on the intake queue: convert in one step through the order and
/// incident use cases (their rules stay theirs), discard, and answer a customer by email in the
/// customer's own thread.
/// </summary>
public sealed class IntakeUseCases(
    KefuDbContext db, IncidentUseCases incidents, OrderUseCases orders, JobUseCases jobs, PolicyStore policies, TimeProvider clock)
{
    /// <summary>
    /// ORG-03 for a shared queue: the queue is the centre's work, so a specialist (whose own scope
    /// is their own records) sees their centre's queue; wider scopes see what they always see.
    /// </summary>
    public IQueryable<IntakeItem> Visible(ScopeViewer viewer) =>
        db.Set<IntakeItem>().VisibleTo(viewer.Scope == DataScope.Own ? viewer with { Scope = DataScope.Centre } : viewer);

    /// <summary>EXC-02: a complaint by email is recorded with the message's received time, so its report and reply clocks run from then.</summary>
    public async Task<IntakeResult> ToIncidentAsync(ScopeViewer viewer, string userId, int id, IntakeIncidentInput input, CancellationToken ct)
    {
        var claimed = await ClaimAsync(viewer, userId, id, nameof(Incident), input.Version, ct);
        if (claimed is not IntakeResult.Ok { Item: var item })
        {
            return claimed;
        }

        var summary = input.Summary ?? FirstLine(item.Subject, item.Body, 200);
        var details = input.Details ?? Cut(item.Body, 4000);
        var result = await incidents.RecordAsync(viewer, userId, new IncidentInput(
            input.Type, input.Source, input.CustomerId ?? item.CustomerId, input.CustomerName ?? (item.CustomerId is null ? item.FromName ?? item.FromAddress : null),
            input.OrderReference, summary, details, new DateTimeOffset(DateTime.SpecifyKind(item.ReceivedAt, DateTimeKind.Utc)),
            input.PhoneCallTo, input.PhoneCallAt, null, null, input.SendReport), ct);
        switch (result)
        {
            case IncidentResult.Ok ok:
                db.Add(new IncidentEvent
                {
                    IncidentId = ok.Incident.Id, At = item.ReceivedAt, Kind = "CustomerMail",
                    Text = Cut(string.IsNullOrEmpty(item.Subject) ? item.Body : item.Subject + "\n\n" + item.Body, 4000),
                });
                return new IntakeResult.Ok(await CompleteAsync(item, nameof(Incident), ok.Incident.Id, ok.Incident.Number, false, userId, ct));
            case IncidentResult.Invalid invalid:
                await ReleaseAsync(item, ct);
                return new IntakeResult.Invalid(invalid.Problems);
            default:
                await ReleaseAsync(item, ct);
                return new IntakeResult.NotFound();
        }
    }

    /// <summary>ORD-01: an email order is saved once the specialist has checked the email's content with the customer; the order records the confirmation.</summary>
    public async Task<IntakeResult> ToOrderAsync(ScopeViewer viewer, string userId, int id, IntakeOrderInput input, CancellationToken ct)
    {
        if (!IntakeLimits.EmailOrderMayBeSaved(input.ContentConfirmed == true))
        {
            // Refused before anything is claimed: nothing to undo.
            if (await Visible(viewer).AsNoTracking().AnyAsync(i => i.Id == id, ct))
            {
                return new IntakeResult.Invalid(new ProblemBuilder().Add("contentConfirmed", "Intake.ConfirmEmailContent"));
            }

            return new IntakeResult.NotFound();
        }

        var claimed = await ClaimAsync(viewer, userId, id, OrderUseCases.RecordType, input.Version, ct);
        if (claimed is not IntakeResult.Ok { Item: var item })
        {
            return claimed;
        }

        var notes = input.ImportantNotes ?? Cut(string.IsNullOrEmpty(item.Subject) ? item.Body : item.Subject + "\n" + item.Body, 1000);
        var orderInput = new OrderInput(
            CustomerId: input.CustomerId ?? item.CustomerId, Channel: IntakeChannel.Email, ReadBackConfirmed: true, DangerousGoods: input.DangerousGoods, JobType: input.JobType,
            VehicleType: null, RequestedArrival: null, SignOffRequirements: null, ImportantNotes: notes, Settlement: null,
            PickupParty: null, PickupCity: null, PickupAddress: null, PickupContact: null, PickupPhone: null,
            DeliveryParty: null, DeliveryCity: null, DeliveryAddress: null, DeliveryContact: null, DeliveryPhone: null,
            GoodsName: input.GoodsName, Pieces: null, WeightKg: null, VolumeM3: null, Packaging: null, Purpose: null, SpecialRequirements: null,
            EstimatedCharge: null, DeclaredValue: null, FeedbackChannel: FeedbackChannel.Email, Version: null);
        switch (await orders.CreateAsync(viewer, userId, orderInput, ct))
        {
            case OrderResult.Ok ok:
                var number = await db.Set<Order>().Where(o => o.Id == ok.Id).Select(o => o.Number).SingleAsync(ct);
                return new IntakeResult.Ok(await CompleteAsync(item, OrderUseCases.RecordType, ok.Id, number, true, userId, ct));
            case OrderResult.Invalid invalid:
                await ReleaseAsync(item, ct);
                return new IntakeResult.Invalid(invalid.Problems);
            default:
                await ReleaseAsync(item, ct);
                return new IntakeResult.NotFound();
        }
    }

    /// <summary>
    /// FLD-02/03 by email: a repair call becomes a field-service job through the job's own rules,
    /// received at the message's received time, so its minute-level clocks run from when the
    /// customer wrote, not from when the specialist clicked.
    /// </summary>
    public async Task<IntakeResult> ToJobAsync(ScopeViewer viewer, string userId, int id, IntakeJobInput input, CancellationToken ct)
    {
        var claimed = await ClaimAsync(viewer, userId, id, JobUseCases.RecordType, input.Version, ct);
        if (claimed is not IntakeResult.Ok { Item: var item })
        {
            return claimed;
        }

        var jobInput = new JobInput(
            Type: input.Type ?? JobKind.Repair, Mode: input.Mode, Source: item.Channel == IntakeChannel.Portal ? JobSource.Portal : JobSource.Email, Priority: input.Priority,
            CustomerId: input.CustomerId ?? item.CustomerId,
            CustomerName: input.CustomerName ?? (input.CustomerId is null && item.CustomerId is null ? Cut(item.FromName ?? item.FromAddress, 200) : null),
            SiteAddress: input.SiteAddress, SiteLatitude: null, SiteLongitude: null, ContactName: input.ContactName,
            ContactPhone: input.ContactPhone, ReporterName: Cut(string.IsNullOrWhiteSpace(item.FromName) ? item.FromAddress : item.FromName.Trim(), 100),
            Problem: input.Problem ?? Cut(string.IsNullOrEmpty(item.Subject) ? item.Body : item.Subject + "\n" + item.Body, 2000),
            Skill: input.Skill, OrderReference: null, CentreId: item.CentreId, Issue: null, CooperationFormCharged: null, Devices: null, RequestKey: null,
            ReceivedAt: new DateTimeOffset(DateTime.SpecifyKind(item.ReceivedAt, DateTimeKind.Utc)));
        switch (await jobs.CreateAsync(viewer, userId, false, jobInput, ct))
        {
            case JobResult.Ok ok:
                return new IntakeResult.Ok(await CompleteAsync(item, JobUseCases.RecordType, ok.Job.Id, ok.Job.Number, false, userId, ct));
            case JobResult.Invalid invalid:
                await ReleaseAsync(item, ct);
                return new IntakeResult.Invalid(invalid.Problems);
            default:
                await ReleaseAsync(item, ct);
                return new IntakeResult.NotFound();
        }
    }

    public async Task<IntakeResult> DiscardAsync(ScopeViewer viewer, string userId, int id, IntakeDiscardInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().MaxLength("reason", input.Reason, 500);
        if (problems.HasErrors)
        {
            return new IntakeResult.Invalid(problems);
        }

        return await ClaimAsync(viewer, userId, id, null, input.Version, ct, string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim());
    }

    /// <summary>
    /// EXC-05 by email: the reply goes through the incident's own reply (it stops the promise clock
    /// and lands on the timeline) and out by SMTP in the customer's thread: its Message-ID is
    /// remembered, In-Reply-To names the customer's last message and References the whole thread.
    /// </summary>
    public async Task<(IncidentResult Result, OutboxMessage? Mail)> ReplyByEmailAsync(ScopeViewer viewer, string userId, int incidentId, EmailReplyInput input, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(i => i.Id == incidentId, ct);
        if (incident is null)
        {
            return (new IncidentResult.NotFound(), null);
        }

        var thread = await db.Set<MailMessage>().AsNoTracking().Where(m => m.RecordType == nameof(Incident) && m.RecordId == incidentId).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct);
        var last = thread.LastOrDefault(m => !m.Outgoing);
        var to = last?.Address;
        if (string.IsNullOrEmpty(to) && incident.CustomerId is { } customerId)
        {
            to = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == customerId).Select(c => c.ContactEmail).SingleOrDefaultAsync(ct);
        }

        var settings = await policies.GetAsync<NotificationSettings>(NotificationSettings.Key, ct);
        var problems = new ProblemBuilder();
        if (string.IsNullOrWhiteSpace(to))
        {
            problems.Add("to", "Intake.NoCustomerAddress");
        }

        if (!settings.IsEnabled(NotificationChannel.Email))
        {
            problems.Add("to", "Intake.EmailOff");
        }

        if (problems.HasErrors)
        {
            return (new IncidentResult.Invalid(problems), null);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await incidents.ReplyAsync(viewer, userId, incidentId, new NoteInput(input.Text), ct);
        if (result is not IncidentResult.Ok)
        {
            return (result, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var domain = MimeKit.MailboxAddress.TryParse(settings.Smtp.From, out var from) && from.Domain is { Length: > 0 } d ? d : "kefu.local";
        var messageId = MimeKit.Utils.MimeUtils.GenerateMessageId(domain);
        var references = thread.Select(m => m.MessageId).TakeLast(20).ToArray();
        var mail = new OutboxMessage
        {
            Channel = NotificationChannel.Email, Recipient = to!, EventKey = "IncidentCustomerReply",
            Subject = Cut(MailThreading.ReplySubject(last?.Subject ?? incident.Summary, incident.Number), 300), Body = input.Text!.Trim(),
            Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now, RelatedType = nameof(Incident), RelatedId = incidentId.ToString(CultureInfo.InvariantCulture),
            MessageId = messageId, InReplyTo = last?.MessageId, References = references.Length == 0 ? null : Cut(string.Join(' ', references), 2000),
        };
        db.Add(mail);
        db.Add(new MailMessage { MessageId = messageId, Outgoing = true, Address = to, Subject = mail.Subject, RecordType = nameof(Incident), RecordId = incidentId, At = now });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (result, mail);
    }

    /// <summary>
    /// Takes the item for one action with its concurrency token, so two specialists never both
    /// convert it. The claim of a conversion is one conditional UPDATE outside the unit of work (no
    /// audit line): when the order or incident rules then refuse the input, the release leaves the
    /// item as it was and the refused request has written nothing.
    /// </summary>
    private async Task<IntakeResult> ClaimAsync(ScopeViewer viewer, string userId, int id, string? recordType, int? version, CancellationToken ct, string? discardReason = null)
    {
        var item = await Visible(viewer).AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return new IntakeResult.NotFound();
        }

        if (item.Status != IntakeStatus.New)
        {
            return new IntakeResult.Invalid(new ProblemBuilder().Add("status", "Intake.AlreadyHandled"));
        }

        if (version is { } v && v != item.Version)
        {
            return new IntakeResult.Conflict();
        }

        if (recordType is null)
        {
            var tracked = await db.Set<IntakeItem>().SingleAsync(i => i.Id == id, ct);
            tracked.Status = IntakeStatus.Discarded;
            tracked.DiscardReason = discardReason;
            Close(tracked, userId);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return new IntakeResult.Conflict();
            }

            return new IntakeResult.Ok(tracked);
        }

        var claimed = await db.Set<IntakeItem>().Where(i => i.Id == id && i.Status == IntakeStatus.New && i.Version == item.Version)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, IntakeStatus.Converted).SetProperty(i => i.RecordType, recordType).SetProperty(i => i.Version, item.Version + 1), ct);
        return claimed == 1 ? new IntakeResult.Ok(item) : new IntakeResult.Conflict();
    }

    private async Task ReleaseAsync(IntakeItem item, CancellationToken ct) =>
        await db.Set<IntakeItem>().Where(i => i.Id == item.Id && i.Version == item.Version + 1)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, IntakeStatus.New).SetProperty(i => i.RecordType, (string?)null).SetProperty(i => i.Version, item.Version), ct);

    private void Close(IntakeItem item, string userId)
    {
        item.OwnerId = userId;
        item.ClosedById = userId;
        item.ClosedAt = clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>The item points at its record; its messages and attachments follow, so replies thread onto the record.</summary>
    private async Task<IntakeItem> CompleteAsync(IntakeItem claimed, string recordType, int recordId, string number, bool contentConfirmed, string userId, CancellationToken ct)
    {
        var item = await db.Set<IntakeItem>().SingleAsync(i => i.Id == claimed.Id, ct);
        Close(item, userId);
        item.ContentConfirmed = contentConfirmed;
        item.RecordId = recordId;
        item.RecordNumber = number;
        foreach (var message in await db.Set<MailMessage>().Where(m => m.IntakeItemId == item.Id).ToListAsync(ct))
        {
            message.RecordType = recordType;
            message.RecordId = recordId;
        }

        var key = item.Id.ToString(CultureInfo.InvariantCulture);
        foreach (var file in await db.Set<Attachment>().AsNoTracking().Where(a => a.RecordType == MailTaker.RecordType && a.RecordId == key).ToListAsync(ct))
        {
            db.Add(new Attachment
            {
                RecordType = recordType, RecordId = recordId.ToString(CultureInfo.InvariantCulture), Kind = file.Kind, FileName = file.FileName, ContentType = file.ContentType,
                Size = file.Size, StoragePath = file.StoragePath, Sha256 = file.Sha256, UploadedBy = file.UploadedBy, UploadedAt = file.UploadedAt,
            });
        }

        await db.SaveChangesAsync(ct);
        return item;
    }

    private static string? FirstLine(string subject, string body, int max)
    {
        var text = !string.IsNullOrWhiteSpace(subject) ? subject : body.Split('\n', 2)[0];
        return string.IsNullOrWhiteSpace(text) ? null : Cut(text.Trim(), max);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
