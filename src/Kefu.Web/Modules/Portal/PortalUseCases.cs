using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Kefu.Core.Intake;
using Kefu.Core.Orders;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Modules.Intake;
using Kefu.Web.Modules.Orders;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Auth;
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
public sealed class PortalUseCases(
    KefuDbContext db, PolicyStore policies, Notifier notifier, AttachmentStore attachments, TimeProvider clock, ILogger<PortalUseCases> logger)
{
    public const string MailEvent = "PortalSignInLink";
    public const string FileKind = "PortalUpload";

    /// <summary>
    /// Sends a sign-in link when the address is one customer's contact and the abuse limits allow.
    /// Whatever happens the caller answers the same "if the address is known, a link is on its
    /// way", so the form tells nobody which addresses are customers'.
    /// </summary>
    public async Task<ProblemBuilder> RequestLinkAsync(string? email, IPAddress? from, string baseUrl, CultureInfo culture, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("email", email).MaxLength("email", email, 256);
        var address = SenderMatching.Normalize(email);
        if (!problems.HasErrors && (address is null || !MimeKit.MailboxAddress.TryParse(address, out _)))
        {
            problems.Add("email", "Portal.EmailInvalid");
        }

        if (problems.HasErrors)
        {
            return problems;
        }

        var policy = await policies.GetAsync<PortalPolicy>(PortalPolicy.Key, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        var network = SignInGuard.AddressKey(from);
        var toAddress = await db.Set<PortalLinkRequest>().CountAsync(r => r.Email == address && r.CreatedAt > hourAgo && r.TokenHash != null, ct);
        var fromNetwork = await db.Set<PortalLinkRequest>().CountAsync(r => r.NetworkKey == network && r.CreatedAt > hourAgo, ct);
        var request = new PortalLinkRequest { Email = address!, NetworkKey = network, CreatedAt = now, ExpiresAt = PortalRules.LinkExpiry(now, policy) };
        if (!PortalRules.MaySendLink(toAddress, fromNetwork, policy))
        {
            logger.LogWarning("Portal sign-in link refused by the abuse limit for network {Network}.", network);
            db.Add(request);
            await db.SaveChangesAsync(ct);
            return problems;
        }

#pragma warning disable CA1862 // ToLower translates to SQL on both providers; string.Equals with a comparison does not.
        var customers = await ActiveCustomers().Where(c => c.ContactEmail != null && c.ContactEmail.ToLower() == address)
            .Select(c => new { c.Id, c.Name, c.ContactName, c.ContactEmail }).Take(2).ToListAsync(ct);
#pragma warning restore CA1862
        var match = SenderMatching.Match(address, customers.Select(c => new ContactAddress(c.Id, c.ContactEmail!)));
        if (match.CustomerId is { } customerId)
        {
            var customer = customers.Single(c => c.Id == customerId);
            Link(request, customerId, customer.ContactName ?? customer.Name, baseUrl, culture, policy);
        }

        db.Add(request);
        await db.SaveChangesAsync(ct);
        return problems;
    }

    /// <summary>
    /// Staff invite a customer's contact to the portal: the same one-time link, sent to the address
    /// on the customer's record, within the hourly limit per address. Null when the customer is
    /// not in the caller's scope (ORG-03).
    /// </summary>
    public async Task<(string? SentTo, ProblemBuilder Problems)?> InviteAsync(Kefu.Core.Organization.ScopeViewer viewer, int customerId, string baseUrl, CultureInfo culture, CancellationToken ct)
    {
        var customer = await Kefu.Web.Platform.Scoping.ScopeQueryExtensions.VisibleTo(ActiveCustomers(), viewer).Where(c => c.Id == customerId)
            .Select(c => new { c.Id, c.Name, c.ContactName, c.ContactEmail }).SingleOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }

        var problems = new ProblemBuilder();
        var address = SenderMatching.Normalize(customer.ContactEmail);
        if (address is null || !MimeKit.MailboxAddress.TryParse(address, out _))
        {
            return (null, problems.Add("contactEmail", "Portal.NoContactEmail"));
        }

        var policy = await policies.GetAsync<PortalPolicy>(PortalPolicy.Key, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        var toAddress = await db.Set<PortalLinkRequest>().CountAsync(r => r.Email == address && r.CreatedAt > hourAgo && r.TokenHash != null, ct);
        if (!PortalRules.MaySendLink(toAddress, 0, policy))
        {
            return (null, problems.Add("contactEmail", "Portal.TooManyLinks", policy.LinksPerAddressPerHour));
        }

        var request = new PortalLinkRequest { Email = address, NetworkKey = "staff", CreatedAt = now, ExpiresAt = PortalRules.LinkExpiry(now, policy) };
        Link(request, customer.Id, customer.ContactName ?? customer.Name, baseUrl, culture, policy);
        db.Add(request);
        await db.SaveChangesAsync(ct);
        return (address, problems);
    }

    /// <summary>Gives the request a fresh token and puts the email with its link in the outbox (sent after the commit).</summary>
    private void Link(PortalLinkRequest request, int customerId, string greeting, string baseUrl, CultureInfo culture, PortalPolicy policy)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        request.CustomerId = customerId;
        request.TokenHash = Hash(token);
        var link = $"{baseUrl.TrimEnd('/')}/portal/link/{token}";
        var subject = LocalText.Of("Portal.MailSubject").Render(culture);
        var body = LocalText.Of("Portal.MailBody", greeting, link, policy.LinkMinutes).Render(culture).Replace("\\n", "\n", StringComparison.Ordinal);
        db.Add(new OutboxMessage
        {
            Channel = NotificationChannel.Email, Recipient = request.Email, EventKey = MailEvent, Subject = subject, Body = body,
            Status = DeliveryStatus.Pending, CreatedAt = request.CreatedAt, NextAttemptAt = request.CreatedAt, RelatedType = nameof(Customer),
            RelatedId = customerId.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>What a link leads to, without using it (mail scanners open links; only the button signs in).</summary>
    public async Task<PortalLinkState?> PeekAsync(string? token, CancellationToken ct)
    {
        if (await FindLinkAsync(token, ct) is not { } link)
        {
            return null;
        }

        return PortalRules.LinkState(link.ExpiresAt, link.UsedAt, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Uses a link once: one conditional UPDATE marks it used, so two tabs or two nodes never both sign in with it.</summary>
    public async Task<(PortalLinkState? State, PortalContact? Contact)> RedeemAsync(string? token, CancellationToken ct)
    {
        if (await FindLinkAsync(token, ct) is not { } link)
        {
            return (null, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var state = PortalRules.LinkState(link.ExpiresAt, link.UsedAt, now);
        if (state != PortalLinkState.Valid)
        {
            return (state, null);
        }

        var taken = await db.Set<PortalLinkRequest>().Where(r => r.Id == link.Id && r.UsedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.UsedAt, now), ct);
        if (taken != 1)
        {
            return (PortalLinkState.Used, null);
        }

        var contact = await ContactAsync(link.CustomerId!.Value, link.Email, ct);
        return contact is null ? (PortalLinkState.Expired, null) : (PortalLinkState.Valid, contact);
    }

    /// <summary>The contact behind a session, while the customer still has that address and is still a customer; else null (signed out).</summary>
    public async Task<PortalContact?> ContactAsync(int customerId, string email, CancellationToken ct)
    {
        var customer = await ActiveCustomers().Where(c => c.Id == customerId)
            .Select(c => new { c.Id, c.Name, c.ContactName, c.ContactEmail, c.CentreId, c.OrgPath, c.OwnerId }).SingleOrDefaultAsync(ct);
        return customer is not null && SenderMatching.Normalize(customer.ContactEmail) == email
            ? new PortalContact(customer.Id, customer.Name, email, customer.ContactName, customer.CentreId, customer.OrgPath, customer.OwnerId)
            : null;
    }

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

    private async Task<PortalLinkRequest?> FindLinkAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        return await db.Set<PortalLinkRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash && r.CustomerId != null, ct);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
