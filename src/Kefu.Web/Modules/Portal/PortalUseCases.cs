using System.Globalization;
using Kefu.Core.Intake;
using Kefu.Core.Orders;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Modules.Intake;
using Kefu.Web.Modules.Orders;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Portal;

/// <summary>The customer contact signed in to the portal: one address of one customer, never a staff user.</summary>
public sealed record PortalContact(int CustomerId, string CustomerName, string Email, string? ContactName, int CentreId, string OrgPath, string? OwnerId);

/// <summary>What a customer submits on the portal.</summary>
public sealed record PortalSubmission(PortalRequestKind? Kind, string? Subject, string? Details, string? Phone, string? Reference);

/// <summary>A file the customer attached, read into memory (the request size limit bounds it).</summary>
public sealed record PortalFile(string FileName, byte[] Bytes);

/// <summary>One line of a request's public timeline: a label key, its time and, where the customer may read it, the words.</summary>
public sealed record PortalEvent(DateTime At, string Label, string? Text, bool FromCustomer);

/// <summary>A submission as its customer sees it: what they sent, what it became and where that stands.</summary>
public sealed record PortalRequestView(
    IntakeItem Item, string? RecordNumber, string StatusLabel, bool Done, IReadOnlyList<PortalEvent> Timeline, IReadOnlyList<Attachment> Files, bool MayWrite)
{
    /// <summary>VIS-04: the service may be rated now.</summary>
    public bool MayRate => PortalRules.MayRate(Done, Item.Status == IntakeStatus.Discarded, Item.RatedAt is not null);
}

/// <summary>
/// The customer portal (issue 19, ORD-01's portal channel): one-time sign-in links by email,
/// submissions into the centre's intake queue with their clocks starting at submission, and the
/// public side of what they became. Every read is bounded by the contact's own customer: another
/// customer's record is simply not found.
/// </summary>
public sealed partial class PortalUseCases(
    KefuDbContext db, PolicyStore policies, Notifier notifier, AttachmentStore attachments, TimeProvider clock, ILogger<PortalUseCases> logger)
{
    public const string MailEvent = "PortalSignInLink";
    public const string FileKind = "PortalUpload";

    /// <summary>
    /// A request enters the centre's intake queue with channel Portal and the submission time as
    /// its received time (ORD-01; EXC-02 clocks of a complaint run from then once converted). The
    /// files are checked (PLT-02) before anything is written; the customer's owner is notified.
    /// </summary>
    public async Task<(IntakeItem? Item, ProblemBuilder Problems)> SubmitAsync(PortalContact contact, PortalSubmission input, IReadOnlyList<PortalFile> files, CancellationToken ct)
    {
        var policy = await policies.GetAsync<PortalPolicy>(PortalPolicy.Key, ct);
        var problems = new ProblemBuilder()
            .Required("kind", input.Kind?.ToString()).Required("subject", input.Subject).MaxLength("subject", input.Subject, 200)
            .Required("details", input.Details).MaxLength("details", input.Details, 4000)
            .MaxLength("phone", input.Phone, 32).MaxLength("reference", input.Reference, 64);
        if (input.Kind is { } kind && !Enum.IsDefined(kind))
        {
            problems.Add("kind", "Validation.InvalidHere");
        }

        if (files.Count > policy.FilesPerSubmission)
        {
            problems.Add("files", "Portal.TooManyFiles", policy.FilesPerSubmission);
        }

        foreach (var file in files)
        {
            if (file.Bytes.Length > attachments.MaxBytes)
            {
                problems.Add("files", "Attachment.TooLarge", attachments.MaxBytes / 1024 / 1024);
            }
            else if (AttachmentStore.Sniff(file.Bytes) is null)
            {
                problems.Add("files", "Portal.FileType", Path.GetFileName(file.FileName));
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var dayAgo = now.AddDays(-1);
        if (!problems.HasErrors)
        {
            var recent = await db.Set<IntakeItem>().CountAsync(i => i.Channel == IntakeChannel.Portal && i.FromAddress == contact.Email && i.ReceivedAt > dayAgo, ct);
            if (!PortalRules.MaySubmit(recent, policy))
            {
                problems.Add("kind", "Portal.TooManySubmissions", policy.SubmissionsPerContactPerDay);
            }
        }

        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var details = input.Details!.Trim();
        if (!string.IsNullOrWhiteSpace(input.Reference))
        {
            details = LocalText.Of("Portal.ReferenceLine", input.Reference.Trim()).Render(CultureInfo.GetCultureInfo(LocalizationSetup.Chinese)) + "\n\n" + details;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var item = new IntakeItem
        {
            Channel = IntakeChannel.Portal, ReceivedAt = now, FromAddress = contact.Email, FromName = contact.ContactName, CustomerId = contact.CustomerId,
            CustomerName = contact.CustomerName, Subject = input.Subject!.Trim(), Body = details, RequestKind = input.Kind, ContactPhone = Blank(input.Phone),
            Status = IntakeStatus.New, OrgPath = contact.OrgPath, CentreId = contact.CentreId, CreatedAt = now,
        };
        db.Add(item);
        await db.SaveChangesAsync(ct);
        var key = item.Id.ToString(CultureInfo.InvariantCulture);
        foreach (var file in files)
        {
            await attachments.SaveBytesAsync(MailTaker.RecordType, key, FileKind, file.FileName, file.Bytes, "portal:" + contact.Email, ct);
        }

        if (contact.OwnerId is { } owner)
        {
            await notifier.EnqueueAsync(new NotificationRequest("PortalSubmitted", [owner],
                [contact.CustomerName, LocalText.Of("PortalRequestKind." + input.Kind), item.Subject], "/intake/" + key, MailTaker.RecordType, key), ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (item, problems);
    }

    /// <summary>The customer's requests, newest first: what they sent through the portal or by email and was matched to them.</summary>
    public async Task<IReadOnlyList<(IntakeItem Item, string StatusLabel, bool Done)>> RequestsAsync(PortalContact contact, int take, CancellationToken ct)
    {
        var items = await Mine(contact).AsNoTracking().OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id).Take(take).ToListAsync(ct);
        var result = new List<(IntakeItem, string, bool)>(items.Count);
        foreach (var item in items)
        {
            var (label, done) = await StatusAsync(item, ct);
            result.Add((item, label, done));
        }

        return result;
    }

    public async Task<PortalRequestView?> RequestAsync(PortalContact contact, int id, CancellationToken ct)
    {
        if (await Mine(contact).AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is not { } item)
        {
            return null;
        }

        var (label, done) = await StatusAsync(item, ct);
        var timeline = new List<PortalEvent> { new(item.ReceivedAt, "Portal.Event.Submitted", null, true) };
        var mayWrite = false;
        switch (item.RecordType, item.RecordId)
        {
            case (nameof(Incident), { } incidentId):
                var events = await db.Set<IncidentEvent>().AsNoTracking().Where(e => e.IncidentId == incidentId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
                foreach (var e in events)
                {
                    var detail = PortalRules.IncidentEvent(e.Kind);
                    if (detail == PublicDetail.Hidden || (e.Kind == "CustomerMail" && e.At == item.ReceivedAt))
                    {
                        continue;
                    }

                    timeline.Add(new PortalEvent(e.At, "Portal.Event." + e.Kind, detail == PublicDetail.Text ? e.Text : null, e.Kind is "CustomerMail" or "CustomerPortal"));
                }

                mayWrite = !done;
                break;
            case (OrderUseCases.RecordType, { } orderId):
                var order = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.CreatedAt, o.Status }).SingleOrDefaultAsync(ct);
                if (order is not null)
                {
                    timeline.Add(new PortalEvent(order.CreatedAt, "Portal.Event.OrderRecorded", null, false));
                }

                foreach (var point in await db.Set<OrderTrackingPoint>().AsNoTracking().Where(p => p.OrderId == orderId && p.DoneAt != null).OrderBy(p => p.DoneAt).ToListAsync(ct))
                {
                    timeline.Add(new PortalEvent(point.DoneAt!.Value, "Portal.Event.Tracking", null, false));
                }

                break;
            case (JobUseCases.RecordType or "Job", { } jobId):
                var job = await db.Set<ServiceJob>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
                if (job is not null)
                {
                    foreach (var (at, key) in new (DateTime? At, string Key)[]
                             {
                                 (job.ReceivedAt, "JobReceived"), (job.AssignedAt, "JobAssigned"), (job.SetOutAt, "JobSetOut"), (job.ArrivedAt, "JobArrived"),
                                 (job.FinishedAt, "JobFinished"), (job.SignedAt, "JobSigned"), (job.ClosedAt, "JobClosed"), (job.CancelledAt, "JobCancelled"),
                             })
                    {
                        if (at is { } when)
                        {
                            timeline.Add(new PortalEvent(when, "Portal.Event." + key, null, false));
                        }
                    }
                }

                break;
        }

        if (item.Status == IntakeStatus.Discarded && item.ClosedAt is { } closed)
        {
            timeline.Add(new PortalEvent(closed, "Portal.Event.Discarded", null, false));
        }

        var files = await attachments.ForRecordAsync(MailTaker.RecordType, item.Id.ToString(CultureInfo.InvariantCulture), ct);
        return new PortalRequestView(item, item.RecordNumber, label, done, timeline.OrderBy(e => e.At).ToList(), files, mayWrite);
    }

    /// <summary>The customer writes again on a complaint in progress: the words land on its timeline and its owner is told.</summary>
    public async Task<ProblemBuilder?> AddMessageAsync(PortalContact contact, int id, string? text, CancellationToken ct)
    {
        var view = await RequestAsync(contact, id, ct);
        if (view is null)
        {
            return null;
        }

        var problems = new ProblemBuilder().Required("text", text).MaxLength("text", text, 4000);
        if (!view.MayWrite)
        {
            problems.Add("text", "Portal.Closed");
        }

        if (problems.HasErrors)
        {
            return problems;
        }

        var incident = await db.Set<Incident>().AsNoTracking().Where(i => i.Id == view.Item.RecordId).Select(i => new { i.Id, i.Number, i.OwnerId }).SingleAsync(ct);
        db.Add(new IncidentEvent { IncidentId = incident.Id, At = clock.GetUtcNow().UtcDateTime, Kind = "CustomerPortal", Text = text!.Trim() });
        await notifier.EnqueueAsync(new NotificationRequest("PortalMessage", [incident.OwnerId], [contact.CustomerName, incident.Number],
            "/incidents/" + incident.Id.ToString(CultureInfo.InvariantCulture), nameof(Incident), incident.Id.ToString(CultureInfo.InvariantCulture)), ct);
        await db.SaveChangesAsync(ct);
        return problems;
    }

    /// <summary>
    /// VIS-04: the customer rates the finished service once; the rating counts in the month's
    /// satisfaction (PortalSatisfactionSource), and a dissatisfied one tells the customer's
    /// specialist at once.
    /// </summary>
    public async Task<ProblemBuilder?> RateAsync(PortalContact contact, int id, Kefu.Core.Visits.SatisfactionRating? rating, string? comment, CancellationToken ct)
    {
        var view = await RequestAsync(contact, id, ct);
        if (view is null)
        {
            return null;
        }

        var problems = new ProblemBuilder().Required("rating", rating?.ToString()).MaxLength("comment", comment, 1000);
        if (rating is { } r && !Enum.IsDefined(r))
        {
            problems.Add("rating", "Validation.InvalidHere");
        }

        if (!view.MayRate)
        {
            problems.Add("rating", "Portal.CannotRate");
        }

        if (problems.HasErrors)
        {
            return problems;
        }

        var item = await db.Set<IntakeItem>().SingleAsync(i => i.Id == id, ct);
        item.CustomerRating = rating;
        item.RatingComment = Blank(comment);
        item.RatedAt = clock.GetUtcNow().UtcDateTime;
        if (rating == Kefu.Core.Visits.SatisfactionRating.Dissatisfied && contact.OwnerId is { } owner)
        {
            var key = id.ToString(CultureInfo.InvariantCulture);
            await notifier.EnqueueAsync(new NotificationRequest("PortalDissatisfied", [owner], [contact.CustomerName, item.RecordNumber ?? item.Subject, item.RatingComment ?? ""],
                "/intake/" + key, MailTaker.RecordType, key), ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Rated at the same moment from another tab: the first rating stands.
            db.ChangeTracker.Clear();
            return new ProblemBuilder().Add("rating", "Portal.CannotRate");
        }

        return problems;
    }

    /// <summary>A file of one of the customer's own requests; null for anything else.</summary>
    public async Task<Attachment?> FileAsync(PortalContact contact, int id, long fileId, CancellationToken ct)
    {
        if (!await Mine(contact).AnyAsync(i => i.Id == id, ct))
        {
            return null;
        }

        var key = id.ToString(CultureInfo.InvariantCulture);
        return await db.Set<Attachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == fileId && a.RecordType == MailTaker.RecordType && a.RecordId == key, ct);
    }

    /// <summary>The surveys sent to this customer that are still open to answer, newest first.</summary>
    public async Task<IReadOnlyList<(Kefu.Web.Modules.Visits.SurveyInvitation Invitation, string Title, string? TitleEn)>> OpenSurveysAsync(PortalContact contact, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return (await db.Set<Kefu.Web.Modules.Visits.SurveyInvitation>().AsNoTracking()
                .Where(i => i.CustomerId == contact.CustomerId && i.AnsweredAt == null && i.ExpiresAt > now)
                .Join(db.Set<Kefu.Web.Modules.Visits.Survey>(), i => i.SurveyId, s => s.Id, (i, s) => new { Invitation = i, s.Title, s.TitleEn })
                .OrderByDescending(x => x.Invitation.CreatedAt).Take(20).ToListAsync(ct))
            .Select(x => (x.Invitation, x.Title, x.TitleEn)).ToList();
    }

    /// <summary>The statements sent to this customer (AR-06 from step 5 on), newest month first; the internal steps before sending are not the customer's.</summary>
    public async Task<IReadOnlyList<Kefu.Web.Modules.Receivables.ReceivableStatement>> StatementsAsync(PortalContact contact, CancellationToken ct) =>
        await Statements(contact).OrderByDescending(s => s.Month).ThenByDescending(s => s.Id).Take(24).ToListAsync(ct);

    public IQueryable<Kefu.Web.Modules.Receivables.ReceivableStatement> Statements(PortalContact contact) =>
        db.Set<Kefu.Web.Modules.Receivables.ReceivableStatement>().AsNoTracking().Where(s => s.CustomerId == contact.CustomerId && PublicStatementStates.Contains(s.Status));

    private static readonly Kefu.Core.Receivables.StatementStatus[] PublicStatementStates =
    [
        Kefu.Core.Receivables.StatementStatus.Sent, Kefu.Core.Receivables.StatementStatus.Confirmed,
        Kefu.Core.Receivables.StatementStatus.Invoiced, Kefu.Core.Receivables.StatementStatus.Delivered, Kefu.Core.Receivables.StatementStatus.WrittenOff,
    ];

    private IQueryable<IntakeItem> Mine(PortalContact contact) => db.Set<IntakeItem>().Where(i => i.CustomerId == contact.CustomerId);

    private IQueryable<Customer> ActiveCustomers() => db.Set<Customer>().AsNoTracking().Where(c => c.MergedIntoId == null);

    /// <summary>Where a request stands in the customer's words: waiting, discarded, or the status of the record it became.</summary>
    private async Task<(string Label, bool Done)> StatusAsync(IntakeItem item, CancellationToken ct)
    {
        switch (item.Status, item.RecordType, item.RecordId)
        {
            case (IntakeStatus.Discarded, _, _):
                return ("Portal.Status.Discarded", true);
            case (IntakeStatus.Converted, nameof(Incident), { } incidentId):
                var incident = await db.Set<Incident>().AsNoTracking().Where(i => i.Id == incidentId).Select(i => (IncidentStatus?)i.Status).SingleOrDefaultAsync(ct);
                // The steps inside (investigation, plan approval) are the company's; the customer sees in hand or closed.
                return incident == IncidentStatus.Closed ? ("Portal.Status.Closed", true) : ("Portal.Status.InHand", false);
            case (IntakeStatus.Converted, OrderUseCases.RecordType, { } orderId):
                var order = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => (OrderStatus?)o.Status).SingleOrDefaultAsync(ct);
                return order is { } o and not OrderStatus.Draft ? ("OrderStatus." + o, o == OrderStatus.Closed) : ("Portal.Status.InHand", false);
            case (IntakeStatus.Converted, JobUseCases.RecordType or "Job", { } jobId):
                var job = await db.Set<ServiceJob>().AsNoTracking().Where(j => j.Id == jobId).Select(j => (Kefu.Core.Field.JobState?)j.State).SingleOrDefaultAsync(ct);
                return job is { } j
                    ? ("JobState." + j, j is Kefu.Core.Field.JobState.Closed or Kefu.Core.Field.JobState.Cancelled or Kefu.Core.Field.JobState.Signed)
                    : ("Portal.Status.InHand", false);
            case (IntakeStatus.Converted, _, _):
                return ("Portal.Status.InHand", false);
            default:
                return ("Portal.Status.Waiting", false);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

}
