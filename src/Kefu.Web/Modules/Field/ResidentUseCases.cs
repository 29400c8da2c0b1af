using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Field;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field;

public sealed record PostInput(string? Name, int? CustomerId, string? SiteAddress, string? LeadId, IReadOnlyList<string>? MemberIds, bool? Active, int? Version);

public sealed record AttendanceInput(DateOnly? Date, string? TechnicianId, AttendanceStatus? Status, string? Note);

public sealed record ReportInput(string? Month, string? WorkSummary, string? Problems, string? Suggestions, int? Version);

public sealed record ReportDecisionInput(string? StepKey, ApprovalAction? Action, string? Comment);

public sealed record SendInput(int? SurveyId, string? RespondentName, string? RespondentEmail, int? ValidDays);

/// <summary>What a resident or team action answers: the record, or why not.</summary>
public abstract record FieldResult<T>
{
    public sealed record Ok(T Value, string? Link = null) : FieldResult<T>;
    public sealed record Invalid(ProblemBuilder Problems) : FieldResult<T>;
    public sealed record NotFound : FieldResult<T>;
    public sealed record Conflict : FieldResult<T>;
}

/// <summary>
/// FLD-03 and FLD-09: resident posts with their technicians, the lead's attendance sheet sent monthly
/// to the administration department, and each technician's monthly report through its approval
/// chain to the customer, who rates the service through a survey link.
/// </summary>
public sealed class ResidentUseCases(
    KefuDbContext db, JobUseCases jobs, ApprovalService approvals, ApprovalChains chains, SurveyUseCases surveys, CalendarService calendars,
    Notifier notifier, TimeProvider clock)
{
    public const string ReportSubjectType = "ResidentReport";

    /// <summary>Who sends a stamped report to the customer (the key-account department, 大客户部).</summary>
    internal static readonly Role[] Senders = [Role.BusinessAssistant, Role.CsManager, Role.CsDirector, Role.SystemAdministrator];

    public async Task<ApprovalChain> ChainAsync(CancellationToken ct) => await chains.GetAsync(ResidentService.DefaultReportChain, ct);

    /// <summary>Posts the viewer may see: their scope's, and the ones they are stationed at.</summary>
    public IQueryable<ResidentPost> VisiblePosts(ScopeViewer viewer)
    {
        var mine = db.Set<ResidentMember>().Where(m => m.UserId == viewer.UserId).Select(m => m.PostId);
        var visible = viewer.VisiblePath;
        return db.Set<ResidentPost>().Where(p => p.OwnerId == viewer.UserId || (visible != null && p.OrgPath.StartsWith(visible)) || mine.Contains(p.Id));
    }

    public async Task<IReadOnlyList<string>> MembersAsync(int postId, CancellationToken ct) =>
        await db.Set<ResidentMember>().AsNoTracking().Where(m => m.PostId == postId).OrderBy(m => m.Id).Select(m => m.UserId).ToListAsync(ct);

    public async Task<FieldResult<ResidentPost>> SavePostAsync(ScopeViewer viewer, int? id, PostInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("name", input.Name).MaxLength("name", input.Name, 100).MaxLength("siteAddress", input.SiteAddress, 300)
            .Required("leadId", input.LeadId);
        if (input.MemberIds is { Count: > 50 })
        {
            problems.Add("memberIds", "Validation.TooMany", 50);
        }

        ResidentPost? post = null;
        if (id is { } existing)
        {
            post = await db.Set<ResidentPost>().VisibleTo(viewer).SingleOrDefaultAsync(p => p.Id == existing, ct);
            if (post is null)
            {
                return new FieldResult<ResidentPost>.NotFound();
            }

            if (input.Version is { } v && v != post.Version)
            {
                return new FieldResult<ResidentPost>.Conflict();
            }
        }

        var customerId = input.CustomerId ?? post?.CustomerId;
        var customer = customerId is { } cid ? await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == cid, ct) : null;
        if (customer is null)
        {
            problems.Add("customerId", "Customer.UnknownCustomer");
        }

        if (problems.HasErrors)
        {
            return new FieldResult<ResidentPost>.Invalid(problems);
        }

        var people = (input.MemberIds ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Append(input.LeadId!).Distinct(StringComparer.Ordinal).ToArray();
        var found = await jobs.Technicians(customer!.OrgPath).Where(u => people.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        if (!found.Contains(input.LeadId!))
        {
            problems.Add("leadId", "Job.UnknownTechnician");
        }

        if (people.Except(found).Any(p => p != input.LeadId))
        {
            problems.Add("memberIds", "Job.UnknownTechnician");
        }

        if (problems.HasErrors)
        {
            return new FieldResult<ResidentPost>.Invalid(problems);
        }

        if (post is null)
        {
            post = new ResidentPost { Name = "", CustomerName = "", OwnerId = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Add(post);
        }

        post.Name = input.Name!.Trim();
        post.CustomerId = customer.Id;
        post.CustomerName = customer.Name;
        post.SiteAddress = string.IsNullOrWhiteSpace(input.SiteAddress) ? customer.Address : input.SiteAddress.Trim();
        post.OwnerId = input.LeadId!;
        post.OrgPath = customer.OrgPath;
        post.CentreId = customer.CentreId;
        post.Active = input.Active ?? true;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var current = await db.Set<ResidentMember>().Where(m => m.PostId == post.Id).ToListAsync(ct);
        db.RemoveRange(current.Where(m => !people.Contains(m.UserId)));
        foreach (var person in people.Where(p => current.All(m => m.UserId != p)))
        {
            db.Add(new ResidentMember { PostId = post.Id, UserId = person });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FieldResult<ResidentPost>.Ok(post);
    }

    /// <summary>The post if the viewer may keep its attendance sheet: its lead, or a dispatcher of its scope.</summary>
    private async Task<ResidentPost?> KeptByAsync(ScopeViewer viewer, bool canDispatch, int postId, CancellationToken ct)
    {
        var post = await VisiblePosts(viewer).SingleOrDefaultAsync(p => p.Id == postId, ct);
        return post is not null && (post.OwnerId == viewer.UserId || (canDispatch && viewer.CanSee(null, post.OrgPath))) ? post : null;
    }

    /// <summary>FLD-03: the lead records one technician's day; a month already sent to admin no longer changes.</summary>
    public async Task<FieldResult<AttendanceEntry>> RecordAttendanceAsync(ScopeViewer viewer, string userId, bool canDispatch, int postId, AttendanceInput input, CancellationToken ct)
    {
        var post = await KeptByAsync(viewer, canDispatch, postId, ct);
        if (post is null)
        {
            return new FieldResult<AttendanceEntry>.NotFound();
        }

        var problems = new ProblemBuilder().Required("technicianId", input.TechnicianId).MaxLength("note", input.Note, 200);
        if (input.Date is not { } date)
        {
            problems.Add("date", "Validation.RequiredHere");
        }
        else if (date > Today())
        {
            problems.Add("date", "Validation.NotInFuture");
        }

        if (input.Status is not { } status || !Enum.IsDefined(status))
        {
            problems.Add("status", "Validation.RequiredHere");
        }

        if (!problems.HasErrors && !await db.Set<ResidentMember>().AnyAsync(m => m.PostId == postId && m.UserId == input.TechnicianId, ct))
        {
            problems.Add("technicianId", "Resident.NotMember");
        }

        if (problems.HasErrors)
        {
            return new FieldResult<AttendanceEntry>.Invalid(problems);
        }

        var month = input.Date!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (await db.Set<AttendanceSheet>().AnyAsync(s => s.PostId == postId && s.Month == month, ct))
        {
            return new FieldResult<AttendanceEntry>.Conflict();
        }

        var entry = await db.Set<AttendanceEntry>().SingleOrDefaultAsync(a => a.PostId == postId && a.TechnicianId == input.TechnicianId && a.Date == input.Date, ct);
        if (entry is null)
        {
            entry = new AttendanceEntry { PostId = postId, TechnicianId = input.TechnicianId!, Date = input.Date.Value, RecordedById = userId };
            db.Add(entry);
        }

        entry.Status = input.Status!.Value;
        entry.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        entry.RecordedById = userId;
        entry.RecordedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two writes of the same day at once: the unique day per technician keeps one.
            return new FieldResult<AttendanceEntry>.Conflict();
        }

        return new FieldResult<AttendanceEntry>.Ok(entry);
    }

    public sealed record SheetView(ResidentPost Post, string Month, IReadOnlyList<AttendanceSummary> Summary, IReadOnlyList<AttendanceEntry> Entries, AttendanceSheet? Submitted);

    /// <summary>FLD-03: a month's sheet with each technician's working days on the post's calendar.</summary>
    public async Task<FieldResult<SheetView>> SheetAsync(ScopeViewer viewer, int postId, string? month, CancellationToken ct)
    {
        var post = await VisiblePosts(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null)
        {
            return new FieldResult<SheetView>.NotFound();
        }

        month ??= Today().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (!ResidentService.TryParseMonth(month, out var year, out var m))
        {
            return new FieldResult<SheetView>.Invalid(new ProblemBuilder().Add("month", "Resident.BadMonth"));
        }

        var (first, last) = ResidentService.Bounds(year, m);
        var entries = await db.Set<AttendanceEntry>().AsNoTracking().Where(a => a.PostId == postId && a.Date >= first && a.Date <= last)
            .OrderBy(a => a.Date).ThenBy(a => a.TechnicianId).ToListAsync(ct);
        var calendar = await calendars.ForOrgPathAsync(db, post.OrgPath, ct);
        var summary = ResidentService.Summarise(year, m, await MembersAsync(postId, ct), entries.Select(e => new AttendanceMark(e.TechnicianId, e.Date, e.Status)), calendar);
        var submitted = await db.Set<AttendanceSheet>().AsNoTracking().SingleOrDefaultAsync(s => s.PostId == postId && s.Month == month, ct);
        return new FieldResult<SheetView>.Ok(new SheetView(post, month, summary, entries, submitted));
    }

    /// <summary>FLD-03: the lead sends the month's sheet to the administration department, once.</summary>
    public async Task<FieldResult<AttendanceSheet>> SubmitSheetAsync(ScopeViewer viewer, string userId, bool canDispatch, int postId, string? month, CancellationToken ct)
    {
        var post = await KeptByAsync(viewer, canDispatch, postId, ct);
        if (post is null)
        {
            return new FieldResult<AttendanceSheet>.NotFound();
        }

        if (!ResidentService.TryParseMonth(month, out var year, out var m) || !ResidentService.MonthHasBegun(year, m, Today()))
        {
            return new FieldResult<AttendanceSheet>.Invalid(new ProblemBuilder().Add("month", "Resident.BadMonth"));
        }

        if (await db.Set<AttendanceSheet>().AnyAsync(s => s.PostId == postId && s.Month == month, ct))
        {
            return new FieldResult<AttendanceSheet>.Conflict();
        }

        var sheet = new AttendanceSheet { PostId = postId, Month = month!, SubmittedById = userId, SubmittedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(sheet);
        var clerks = await db.Users.AsNoTracking().ActiveHolding(db, Role.AdminClerk).Select(u => u.Id).ToListAsync(ct);
        await notifier.EnqueueAsync(new NotificationRequest("AttendanceSheet", clerks, [post.Name, post.CustomerName, month!], $"/field/resident/{post.Id}?month={month}",
            nameof(ResidentPost), post.Id.ToString(CultureInfo.InvariantCulture)), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new FieldResult<AttendanceSheet>.Conflict();
        }

        return new FieldResult<AttendanceSheet>.Ok(sheet);
    }

    // ---------------- FLD-09: the monthly report ----------------

    /// <summary>Reports the viewer may see: their own, their scope's, and those of the posts they lead.</summary>
    public IQueryable<ResidentReport> VisibleReports(ScopeViewer viewer)
    {
        var led = db.Set<ResidentPost>().Where(p => p.OwnerId == viewer.UserId).Select(p => p.Id);
        var visible = viewer.VisiblePath;
        return db.Set<ResidentReport>().Where(r => r.OwnerId == viewer.UserId || (visible != null && r.OrgPath.StartsWith(visible)) || led.Contains(r.PostId));
    }

    public async Task<FieldResult<ResidentReport>> CreateReportAsync(ScopeViewer viewer, string userId, int postId, ReportInput input, CancellationToken ct)
    {
        var post = await VisiblePosts(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null || !await db.Set<ResidentMember>().AnyAsync(m => m.PostId == postId && m.UserId == userId, ct))
        {
            return new FieldResult<ResidentReport>.NotFound();
        }

        var problems = ValidateReport(input);
        if (problems.HasErrors)
        {
            return new FieldResult<ResidentReport>.Invalid(problems);
        }

        if (await db.Set<ResidentReport>().AnyAsync(r => r.PostId == postId && r.OwnerId == userId && r.Month == input.Month, ct))
        {
            return new FieldResult<ResidentReport>.Conflict();
        }

        var report = new ResidentReport
        {
            PostId = postId, OwnerId = userId, OrgPath = post.OrgPath, Month = input.Month!, CustomerId = post.CustomerId, CustomerName = post.CustomerName,
            Status = ResidentReportStatus.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        Apply(report, input);
        report.JobsFinished = await JobsFinishedAsync(report, ct);
        db.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new FieldResult<ResidentReport>.Conflict();
        }

        return new FieldResult<ResidentReport>.Ok(report);
    }

    public async Task<FieldResult<ResidentReport>> UpdateReportAsync(ScopeViewer viewer, string userId, int id, ReportInput input, CancellationToken ct)
    {
        var report = await db.Set<ResidentReport>().SingleOrDefaultAsync(r => r.Id == id && r.OwnerId == userId, ct);
        if (report is null)
        {
            return new FieldResult<ResidentReport>.NotFound();
        }

        if (report.Status is not (ResidentReportStatus.Draft or ResidentReportStatus.Returned) || (input.Version is { } v && v != report.Version))
        {
            return new FieldResult<ResidentReport>.Conflict();
        }

        var problems = ValidateReport(input with { Month = report.Month });
        if (problems.HasErrors)
        {
            return new FieldResult<ResidentReport>.Invalid(problems);
        }

        Apply(report, input);
        report.JobsFinished = await JobsFinishedAsync(report, ct);
        await db.SaveChangesAsync(ct);
        return new FieldResult<ResidentReport>.Ok(report);
    }

    /// <summary>FLD-09: into the chain (team leader → department manager → GM office).</summary>
    public async Task<FieldResult<ResidentReport>> SubmitReportAsync(string userId, int id, CancellationToken ct)
    {
        var report = await db.Set<ResidentReport>().SingleOrDefaultAsync(r => r.Id == id && r.OwnerId == userId, ct);
        if (report is null)
        {
            return new FieldResult<ResidentReport>.NotFound();
        }

        if (report.Status is not (ResidentReportStatus.Draft or ResidentReportStatus.Returned))
        {
            return new FieldResult<ResidentReport>.Conflict();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        report.JobsFinished = await JobsFinishedAsync(report, ct);
        report.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        var outcome = await approvals.SubmitAsync(new SubmitApproval(
            await ChainAsync(ct), ReportSubjectType, report.Id.ToString(CultureInfo.InvariantCulture),
            Platform.Localization.LocalText.Of("ApprovalTitle.ResidentReport", report.CustomerName, report.Month).Store(300), userId, report.OrgPath,
            new Dictionary<string, decimal> { ["jobs"] = report.JobsFinished }, $"/field/resident/reports/{report.Id}"), ct);
        if (outcome is ApprovalOutcome.NoApprover missing)
        {
            return new FieldResult<ResidentReport>.Invalid(new ProblemBuilder().Add("report", "Orders.NoApprover", missing.StepKey, missing.Role));
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FieldResult<ResidentReport>.Ok(report);
    }

    /// <summary>An approver's decision on the current step; anyone else (out of scope and not the approver) finds nothing.</summary>
    public async Task<(FieldResult<ResidentReport> Result, ApprovalOutcome? Outcome)> DecideAsync(ScopeViewer viewer, string actorId, int id, ReportDecisionInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("stepKey", input.StepKey);
        if (input.Action is not { } action || action == ApprovalAction.Submit || !Enum.IsDefined(action))
        {
            problems.Add("action", "Expense.BadAction");
        }

        var report = await db.Set<ResidentReport>().SingleOrDefaultAsync(r => r.Id == id, ct);
        var (instance, _) = await approvals.ForSubjectAsync(ReportSubjectType, id.ToString(CultureInfo.InvariantCulture), ct);
        var approver = instance?.CurrentApproverId;
        if (report is null || (!viewer.CanSee(report.OwnerId, report.OrgPath) && (approver is null || (approver != actorId
            && !await db.Set<ApprovalDelegation>().AnyAsync(d => d.DeputyId == actorId && d.DelegatorId == approver, ct)))))
        {
            return (new FieldResult<ResidentReport>.NotFound(), null);
        }

        if (problems.HasErrors)
        {
            return (new FieldResult<ResidentReport>.Invalid(problems), null);
        }

        if (instance is null)
        {
            return (new FieldResult<ResidentReport>.Conflict(), null);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await approvals.ActAsync(await ChainAsync(ct), new ApprovalDecision(instance.Id, input.StepKey!, input.Action!.Value, input.Comment), actorId, ct);
        if (outcome is ApprovalOutcome.Done)
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        return (new FieldResult<ResidentReport>.Ok(report), outcome);
    }

    /// <summary>
    /// FLD-09: the key-account department sends the stamped report to the customer with a rating link
    /// (VIS-05's signed, expiring, answer-once link for the technician); the answer is kept for PERF-03.
    /// </summary>
    public async Task<FieldResult<ResidentReport>> SendAsync(ScopeViewer viewer, string userId, int id, SendInput input, string baseUrl, CancellationToken ct)
    {
        var report = await VisibleReports(viewer).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return new FieldResult<ResidentReport>.NotFound();
        }

        if (report.Status != ResidentReportStatus.Stamped)
        {
            return new FieldResult<ResidentReport>.Conflict();
        }

        var customer = await db.Set<Customer>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == report.CustomerId, ct);
        var surveyId = input.SurveyId ?? await db.Set<Survey>().AsNoTracking().Where(SurveyUseCases.SendableBy(viewer))
            .Where(s => s.Published && s.Kind == SurveyKind.ResidentService).OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        if (surveyId is null)
        {
            return new FieldResult<ResidentReport>.Invalid(new ProblemBuilder().Add("surveyId", "Resident.NoSurvey"));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (invitation, link, problems) = await surveys.InviteAsync(viewer, userId, surveyId.Value, new InvitationInput(
            string.IsNullOrWhiteSpace(input.RespondentName) ? customer?.ContactName ?? report.CustomerName : input.RespondentName,
            string.IsNullOrWhiteSpace(input.RespondentEmail) ? customer?.ContactEmail : input.RespondentEmail, report.CustomerId, report.OwnerId, input.ValidDays), baseUrl, ct);
        if (invitation is null)
        {
            return problems.HasErrors ? new FieldResult<ResidentReport>.Invalid(problems) : new FieldResult<ResidentReport>.Invalid(new ProblemBuilder().Add("surveyId", "Resident.NoSurvey"));
        }

        report.Status = ResidentReportStatus.Sent;
        report.SentAt = clock.GetUtcNow().UtcDateTime;
        report.SentById = userId;
        report.InvitationId = invitation.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FieldResult<ResidentReport>.Ok(report, link);
    }

    /// <summary>The customer's answer to a sent report, if given (the status shows it as rated).</summary>
    public async Task<SurveyResponse?> RatingAsync(ResidentReport report, CancellationToken ct) =>
        report.InvitationId is { } invitation ? await db.Set<SurveyResponse>().AsNoTracking().SingleOrDefaultAsync(r => r.InvitationId == invitation, ct) : null;

    private async Task<int> JobsFinishedAsync(ResidentReport report, CancellationToken ct)
    {
        if (!ResidentService.TryParseMonth(report.Month, out var year, out var month))
        {
            return 0;
        }

        var china = TimeSpan.FromHours(8);
        var from = new DateTimeOffset(year, month, 1, 0, 0, 0, china).UtcDateTime;
        var to = new DateTimeOffset(year, month, 1, 0, 0, 0, china).AddMonths(1).UtcDateTime;
        return await db.Set<ServiceJob>().CountAsync(j => j.OwnerId == report.OwnerId && j.CustomerId == report.CustomerId && j.FinishedAt >= from && j.FinishedAt < to, ct);
    }

    private ProblemBuilder ValidateReport(ReportInput input)
    {
        var problems = new ProblemBuilder().Required("workSummary", input.WorkSummary).MaxLength("workSummary", input.WorkSummary, 4000)
            .MaxLength("problems", input.Problems, 2000).MaxLength("suggestions", input.Suggestions, 2000);
        if (!ResidentService.TryParseMonth(input.Month, out var year, out var month) || !ResidentService.MonthHasBegun(year, month, Today()))
        {
            problems.Add("month", "Resident.BadMonth");
        }

        return problems;
    }

    private static void Apply(ResidentReport report, ReportInput input)
    {
        report.WorkSummary = input.WorkSummary!.Trim();
        report.Problems = string.IsNullOrWhiteSpace(input.Problems) ? null : input.Problems.Trim();
        report.Suggestions = string.IsNullOrWhiteSpace(input.Suggestions) ? null : input.Suggestions.Trim();
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
}

/// <summary>FLD-09: the chain's moves on the report; the GM office's approval is its stamp.</summary>
internal sealed class ResidentReportApprovalHandler(KefuDbContext db, TimeProvider clock) : IApprovalSubjectHandler
{
    public string SubjectType => ResidentUseCases.ReportSubjectType;

    public Task<DateTimeOffset> StepOpensAtAsync(string subjectId, string stepKey, DateTimeOffset now, CancellationToken ct) => Task.FromResult(now);

    public async Task OnChangedAsync(string subjectId, ApprovalStatus status, string? currentStepKey, ApprovalDecision? decision, string actorId, CancellationToken ct)
    {
        var report = await db.Set<ResidentReport>().SingleAsync(r => r.Id == int.Parse(subjectId, CultureInfo.InvariantCulture), ct);
        report.Status = status switch
        {
            ApprovalStatus.Pending => ResidentReportStatus.InReview,
            ApprovalStatus.Approved => ResidentReportStatus.Stamped,
            ApprovalStatus.Rejected => ResidentReportStatus.Rejected,
            ApprovalStatus.Returned => ResidentReportStatus.Returned,
        };
        if (status == ApprovalStatus.Approved)
        {
            report.StampedAt = clock.GetUtcNow().UtcDateTime;
            report.StampedById = actorId;
        }
    }
}
