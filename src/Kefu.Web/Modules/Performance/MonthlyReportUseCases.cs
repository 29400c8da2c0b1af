using System.Globalization;
using System.Text.Json;
using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Performance;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Performance;

public sealed record GenerateReportInput(string? Month, int? UnitId);

public sealed record ReportCommentaryInput(string? Commentary, int? Version);

public sealed record ReportDecisionInput(string? StepKey, ApprovalAction? Action, string? Comment);

/// <summary>
/// PERF-08, the monthly CS work report of a centre: drafted from the month's figures (one query
/// service), commented by the manager, approved through the approval engine (APR-01), then archived:
/// the figures as approved, the commentary and the PDF are kept and never change or get gathered again.
/// </summary>
public sealed class MonthlyReportUseCases(
    KefuDbContext db, MonthlyReportQuery query, ApprovalService approvals, ApprovalChains chains, MonthlyReportDocument document, AttachmentStore attachments, TimeProvider clock)
{
    public const string SubjectType = "MonthlyReport";

    /// <summary>Who drafts, comments and submits a centre's report (their data scope decides which centres).</summary>
    public static readonly Role[] Writers = [Role.CentreSupervisor, Role.CsManager, Role.CsDirector, Role.SystemAdministrator];

    /// <summary>Who reads reports in their scope: the writers and the people above and beside them.</summary>
    public static readonly Role[] Readers = [.. Writers, Role.BranchGm, Role.Gm, Role.Vp, Role.QcManager, Role.ReadOnlyAuditor];

    public static readonly JsonSerializerOptions FiguresJson = new(JsonSerializerDefaults.Web);

    public static MonthlyReportFigures Figures(MonthlyReport report) => JsonSerializer.Deserialize<MonthlyReportFigures>(report.FiguresJson, FiguresJson)!;

    public Task<ApprovalChain> ChainAsync(CancellationToken ct) => chains.GetAsync(MonthlyReportRules.DefaultChain, ct);

    public IQueryable<MonthlyReport> Reports(ScopeViewer viewer) => db.Set<MonthlyReport>().VisibleTo(viewer);

    /// <summary>The active centres the viewer's scope reaches, by path.</summary>
    public async Task<IReadOnlyList<OrgUnit>> CentresAsync(ScopeViewer viewer, CancellationToken ct)
    {
        var visible = viewer.VisiblePath;
        if (visible is null)
        {
            return [];
        }

        return await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Centre && u.IsActive && u.Path.StartsWith(visible)).OrderBy(u => u.Path).ToListAsync(ct);
    }

    /// <summary>The report of a month the viewer may read, or (for the approver of its current step, even outside their scope) the one they are asked to approve.</summary>
    public async Task<MonthlyReport?> ReadableAsync(ScopeViewer viewer, string userId, int id, CancellationToken ct) =>
        await Reports(viewer).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
        ?? (await IsApproverAsync(userId, id, ct) ? await db.Set<MonthlyReport>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) : null);

    public async Task<bool> IsApproverAsync(string userId, int id, CancellationToken ct)
    {
        var (instance, _) = await approvals.ForSubjectAsync(SubjectType, id.ToString(CultureInfo.InvariantCulture), ct);
        return instance is { Status: ApprovalStatus.Pending, CurrentApproverId: { } approver }
            && (approver == userId || await db.Set<ApprovalDelegation>().AnyAsync(d => d.DeputyId == userId && d.DelegatorId == approver, ct));
    }

    /// <summary>Drafts a centre's month from its figures; one report per centre and month (409 when it exists).</summary>
    public async Task<PerfResult<MonthlyReport>> GenerateAsync(ScopeViewer viewer, string userId, GenerateReportInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var month = CompanyTime.ParseMonth(input.Month);
        if (string.IsNullOrEmpty(input.Month))
        {
            problems.Add("month", "Validation.FieldRequired", ProblemBuilder.Label("month"));
        }
        else if (month is null)
        {
            problems.Add("month", "Performance.BadMonth");
        }
        else if (!MonthlyReportRules.MayReport(month.Value, CompanyTime.Today(clock)))
        {
            problems.Add("month", "Report.MonthNotBegun");
        }

        var centre = input.UnitId is { } unitId ? (await CentresAsync(viewer, ct)).SingleOrDefault(c => c.Id == unitId) : null;
        if (input.UnitId is null)
        {
            problems.Add("unitId", "Validation.FieldRequired", ProblemBuilder.Label("unitId"));
        }
        else if (centre is null)
        {
            problems.Add("unitId", "Performance.UnitNotInScope");
        }

        if (problems.HasErrors)
        {
            return new PerfResult<MonthlyReport>.Invalid(problems);
        }

        var text = CompanyTime.MonthText(month!.Value);
        if (await db.Set<MonthlyReport>().AnyAsync(r => r.Month == text && r.UnitId == centre!.Id, ct))
        {
            return new PerfResult<MonthlyReport>.Conflict("Report.Exists");
        }

        var figures = await query.GatherAsync(month.Value, centre!, ct);
        var report = new MonthlyReport
        {
            Month = text, UnitId = centre!.Id, OrgPath = centre.Path, Status = MonthlyReportStatus.Draft, FiguresJson = JsonSerializer.Serialize(figures, FiguresJson),
            GatheredAt = figures.GatheredAt, CreatedById = userId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone drafted the same centre's month at the same moment: theirs stands.
            return new PerfResult<MonthlyReport>.Conflict("Report.Exists");
        }

        return new PerfResult<MonthlyReport>.Ok(report);
    }

    /// <summary>Gathers the figures again while the report is editable; an approved report never is.</summary>
    public async Task<PerfResult<MonthlyReport>> RefreshAsync(ScopeViewer viewer, int id, CancellationToken ct)
    {
        var report = await Reports(viewer).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return new PerfResult<MonthlyReport>.NotFound();
        }

        if (!MonthlyReportRules.MayEdit(report.Status))
        {
            return new PerfResult<MonthlyReport>.Conflict("Report.NotEditable");
        }

        var centre = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == report.UnitId, ct);
        var figures = await query.GatherAsync(CompanyTime.ParseMonth(report.Month)!.Value, centre, ct);
        report.FiguresJson = JsonSerializer.Serialize(figures, FiguresJson);
        report.GatheredAt = figures.GatheredAt;
        return await SaveAsync(report, ct);
    }

    /// <summary>The manager's commentary, while the report is editable; a stale version is refused (409).</summary>
    public async Task<PerfResult<MonthlyReport>> CommentAsync(ScopeViewer viewer, int id, ReportCommentaryInput input, CancellationToken ct)
    {
        var report = await Reports(viewer).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return new PerfResult<MonthlyReport>.NotFound();
        }

        var problems = new ProblemBuilder().MaxLength("commentary", input.Commentary, MonthlyReportRules.CommentaryMaxLength);
        if (problems.HasErrors)
        {
            return new PerfResult<MonthlyReport>.Invalid(problems);
        }

        if (!MonthlyReportRules.MayEdit(report.Status))
        {
            return new PerfResult<MonthlyReport>.Conflict("Report.NotEditable");
        }

        if (input.Version is { } version && version != report.Version)
        {
            return new PerfResult<MonthlyReport>.Conflict("Common.Conflict");
        }

        report.Commentary = string.IsNullOrWhiteSpace(input.Commentary) ? null : input.Commentary.Trim();
        return await SaveAsync(report, ct);
    }

    /// <summary>Into the chain: a supervisor's report to the CS manager, the CS manager's own to the director.</summary>
    public async Task<PerfResult<MonthlyReport>> SubmitAsync(ScopeViewer viewer, string userId, bool byManager, int id, CancellationToken ct)
    {
        var report = await Reports(viewer).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return new PerfResult<MonthlyReport>.NotFound();
        }

        if (!MonthlyReportRules.MayEdit(report.Status))
        {
            return new PerfResult<MonthlyReport>.Conflict("Report.NotEditable");
        }

        if (!MonthlyReportRules.MaySubmit(report.Status, report.Commentary))
        {
            return new PerfResult<MonthlyReport>.Invalid(new ProblemBuilder().Add("commentary", "Report.CommentaryRequired"));
        }

        var unitName = Figures(report).UnitName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        report.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        report.SubmittedById = userId;
        var outcome = await approvals.SubmitAsync(new SubmitApproval(
            await ChainAsync(ct), SubjectType, report.Id.ToString(CultureInfo.InvariantCulture), LocalText.Of("ApprovalTitle.MonthlyReport", unitName, report.Month).Store(300),
            userId, report.OrgPath, new Dictionary<string, decimal> { [MonthlyReportRules.ByManagerFact] = byManager ? 1 : 0 }, $"/performance/reports/{report.Id}"), ct);
        if (outcome is ApprovalOutcome.NoApprover missing)
        {
            return new PerfResult<MonthlyReport>.Invalid(new ProblemBuilder().Add("report", "Orders.NoApprover", missing.StepKey, missing.Role));
        }

        var saved = await SaveAsync(report, ct);
        if (saved is PerfResult<MonthlyReport>.Ok)
        {
            await tx.CommitAsync(ct);
        }

        return saved;
    }

    /// <summary>An approver's decision on the current step; anyone neither in scope nor the approver finds nothing.</summary>
    public async Task<(PerfResult<MonthlyReport> Result, ApprovalOutcome? Outcome)> DecideAsync(ScopeViewer viewer, string actorId, int id, ReportDecisionInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("stepKey", input.StepKey).MaxLength("comment", input.Comment, 1000);
        if (input.Action is not { } action || action == ApprovalAction.Submit || !Enum.IsDefined(action))
        {
            problems.Add("action", "Expense.BadAction");
        }

        var report = await ReadableAsync(viewer, actorId, id, ct);
        if (report is null)
        {
            return (new PerfResult<MonthlyReport>.NotFound(), null);
        }

        if (problems.HasErrors)
        {
            return (new PerfResult<MonthlyReport>.Invalid(problems), null);
        }

        var (instance, _) = await approvals.ForSubjectAsync(SubjectType, id.ToString(CultureInfo.InvariantCulture), ct);
        if (instance is null)
        {
            return (new PerfResult<MonthlyReport>.Conflict("Report.NotInApproval"), null);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await approvals.ActAsync(await ChainAsync(ct), new ApprovalDecision(instance.Id, input.StepKey!, input.Action!.Value, input.Comment), actorId, ct);
        if (outcome is ApprovalOutcome.Done)
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        return (new PerfResult<MonthlyReport>.Ok(report), outcome);
    }

    /// <summary>
    /// The report as PDF: the archived file once approved (never rendered again), else rendered now
    /// from the stored figures and marked as a draft. Null with the reason when there is none.
    /// </summary>
    public async Task<(byte[]? Pdf, string? MissingReason)> PdfAsync(MonthlyReport report, CancellationToken ct)
    {
        if (report.Status == MonthlyReportStatus.Approved)
        {
            var archived = report.PdfAttachmentId is { } attachmentId
                ? await db.Set<Attachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, ct) : null;
            if (archived is null)
            {
                return (null, report.PdfMissingReason ?? "The archived PDF is missing.");
            }

            await using var file = attachments.Open(archived);
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, ct);
            return (copy.ToArray(), null);
        }

        var author = await db.Users.AsNoTracking().Where(u => u.Id == report.CreatedById).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return document.Render(Figures(report), report.Commentary, new ReportSignOff(author, null, null));
    }

    private async Task<PerfResult<MonthlyReport>> SaveAsync(MonthlyReport report, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new PerfResult<MonthlyReport>.Ok(report);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PerfResult<MonthlyReport>.Conflict("Common.Conflict");
        }
    }
}

/// <summary>
/// PERF-08: the chain's moves on a report. Approval archives it: the figures stay as they are, and
/// the PDF is rendered once from them and kept as the report's attachment.
/// </summary>
internal sealed class MonthlyReportApprovalHandler(KefuDbContext db, MonthlyReportDocument document, AttachmentStore attachments, TimeProvider clock) : IApprovalSubjectHandler
{
    public const string PdfKind = "ArchivedReport";

    public string SubjectType => MonthlyReportUseCases.SubjectType;

    public Task<DateTimeOffset> StepOpensAtAsync(string subjectId, string stepKey, DateTimeOffset now, CancellationToken ct) => Task.FromResult(now);

    public async Task OnChangedAsync(string subjectId, ApprovalStatus status, string? currentStepKey, ApprovalDecision? decision, string actorId, CancellationToken ct)
    {
        var report = await db.Set<MonthlyReport>().SingleAsync(r => r.Id == int.Parse(subjectId, CultureInfo.InvariantCulture), ct);
        report.Status = status switch
        {
            ApprovalStatus.Pending => MonthlyReportStatus.InApproval,
            ApprovalStatus.Approved => MonthlyReportStatus.Approved,
            ApprovalStatus.Rejected => MonthlyReportStatus.Rejected,
            ApprovalStatus.Returned => MonthlyReportStatus.Returned,
        };
        if (status != ApprovalStatus.Approved)
        {
            return;
        }

        report.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        report.ApprovedById = actorId;
        var people = new[] { report.CreatedById, report.SubmittedById, actorId }.OfType<string>().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var (pdf, missing) = document.Render(MonthlyReportUseCases.Figures(report), report.Commentary,
            new ReportSignOff(names.GetValueOrDefault(report.SubmittedById ?? report.CreatedById), names.GetValueOrDefault(actorId), report.ApprovedAt));
        if (pdf is null)
        {
            report.PdfMissingReason = missing is { Length: > 500 } ? missing[..500] : missing;
            return;
        }

        await using var stream = new MemoryStream(pdf);
        var file = new Microsoft.AspNetCore.Http.FormFile(stream, 0, pdf.Length, "file", $"cs-report-{report.Month}-{report.UnitId}.pdf")
        {
            Headers = new Microsoft.AspNetCore.Http.HeaderDictionary(), ContentType = "application/pdf",
        };
        var (saved, _) = await attachments.SaveAsync(SubjectType, subjectId, PdfKind, file, actorId, ct);
        if (saved is not null)
        {
            // The attachment's id comes with the next save; the report points at it through the row itself.
            await db.SaveChangesAsync(ct);
            report.PdfAttachmentId = saved.Id;
        }
    }
}
