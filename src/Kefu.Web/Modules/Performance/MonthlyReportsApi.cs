using System.Globalization;
using System.Security.Claims;
using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Performance;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Performance;

/// <summary>A report in a list: no figures.</summary>
public sealed record MonthlyReportSummaryDto(
    int Id, string Month, int UnitId, string UnitName, MonthlyReportStatus Status, string CreatedById, string CreatedByName, DateTime CreatedAt, DateTime GatheredAt,
    DateTime? SubmittedAt, DateTime? ApprovedAt, int Version);

/// <summary>A report with its figures (as gathered; as archived once approved), commentary and where its approval stands.</summary>
public sealed record MonthlyReportDto(
    int Id, string Month, int UnitId, string UnitName, MonthlyReportStatus Status, string CreatedById, DateTime CreatedAt, DateTime GatheredAt, string? Commentary,
    MonthlyReportFigures Figures, string? CurrentStepKey, string? CurrentApproverId, DateTime? SubmittedAt, DateTime? ApprovedAt, string? ApprovedById,
    bool PdfArchived, string? PdfMissingReason, string PdfUrl, int Version);

/// <summary>PERF-08 over HTTP: the monthly CS work reports of the centres in the caller's scope.</summary>
public static class MonthlyReportsApi
{
    public const string ReadPolicy = "ReadCsReports";
    public const string WritePolicy = "WriteCsReports";

    public static void AddMonthlyReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MonthlyReportQuery>();
        builder.Services.AddScoped<MonthlyReportUseCases>();
        builder.Services.AddSingleton<MonthlyReportDocument>();
        builder.Services.AddScoped<IApprovalSubjectHandler, MonthlyReportApprovalHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.RequireRole(MonthlyReportUseCases.Readers.Select(KefuRoles.Name)))
            .AddPolicy(WritePolicy, p => p.RequireRole(MonthlyReportUseCases.Writers.Select(KefuRoles.Name)));
    }

    public static readonly SortMap<MonthlyReport> Sorts = new SortMap<MonthlyReport>(
            q => q.OrderByDescending(r => r.Month).ThenBy(r => r.OrgPath).ThenBy(r => r.Id), q => q.ThenBy(r => r.Id))
        .Add("month", r => r.Month).Add("centre", r => r.OrgPath).Add("status", r => r.Status).Add("created", r => r.CreatedAt).Add("approved", r => r.ApprovedAt);

    public static void MapMonthlyReports(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/performance/reports").WithTags("Performance").RequireAuthorization();
        reports.MapGet("/", List).RequireAuthorization(ReadPolicy).WithName("ListMonthlyReports")
            .WithSummary("PERF-08: the monthly CS work reports of the centres in scope; month, unitId, status filters; sort month|centre|status|created|approved.");
        reports.MapPost("/", Generate).RequireWritePolicy(WritePolicy).WithName("GenerateMonthlyReport")
            .WithSummary("PERF-08: drafts a centre's month from its figures (orders, jobs, incidents, deadlines, satisfaction, claims, invoices, performance); 409 when it exists.");
        reports.MapGet("/{id:int}", Get).RequireAuthorization(ReadPolicy).WithName("GetMonthlyReport")
            .WithSummary("A report with its figures; the approver of its current step reads it too.");
        reports.MapPut("/{id:int}", Comment).RequireWritePolicy(WritePolicy).WithName("CommentMonthlyReport")
            .WithSummary("The manager's commentary while the report is a draft, returned or rejected; 409 when it is in approval or approved, or the version is stale.");
        reports.MapPost("/{id:int}/refresh", Refresh).RequireWritePolicy(WritePolicy).WithName("RefreshMonthlyReport")
            .WithSummary("Gathers the figures again while the report is editable; an approved report's figures never change (409).");
        reports.MapPost("/{id:int}/submit", Submit).RequireWritePolicy(WritePolicy).WithName("SubmitMonthlyReport")
            .WithSummary("Into the approval chain: a supervisor's report to the CS manager, the CS manager's own to the director. Needs the commentary.");
        reports.MapPost("/{id:int}/decision", Decide).RequireWritePolicy(Platform.Auth.WritePolicy.Act).WithName("DecideMonthlyReport")
            .WithSummary("The approver's decision (Approve, Reject, Return); approval archives the figures and the PDF.");
        reports.MapGet("/{id:int}/pdf", Pdf).RequireAuthorization(ReadPolicy).WithName("MonthlyReportPdf")
            .WithSummary("The report as PDF: the archived file once approved, else a draft rendered from the stored figures.");

        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Administer);
        settings.MapGet("/approval-chains/cs-monthly-report", async (ApprovalChains chains, CancellationToken ct) =>
            TypedResults.Ok(await chains.DocumentAsync(MonthlyReportRules.DefaultChain, ct))).WithName("GetMonthlyReportChain");
        settings.MapPut("/approval-chains/cs-monthly-report", async Task<Results<NoContent, ValidationProblem>> (Expenses.ChainInput input, ApprovalChains chains, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var problems = await chains.SaveAsync(MonthlyReportRules.DefaultChain.Key, input.Name, input.Steps, user.Identity?.Name, ct);
            return problems.HasErrors ? problems.ToProblem() : TypedResults.NoContent();
        }).RequireWritePolicy(Policies.Administer).WithName("SaveMonthlyReportChain");
    }

    /// <summary>The list's filters, shared by the API and the page.</summary>
    public static IQueryable<MonthlyReport> Filter(IQueryable<MonthlyReport> query, string? month, int? unitId, MonthlyReportStatus? status)
    {
        query = string.IsNullOrEmpty(month) ? query : query.Where(r => r.Month == month);
        query = unitId is { } unit ? query.Where(r => r.UnitId == unit) : query;
        return status is { } s ? query.Where(r => r.Status == s) : query;
    }

    /// <summary>Rows for a list: the columns it shows, never the figures.</summary>
    public static async Task<IReadOnlyList<MonthlyReportSummaryDto>> SummariesAsync(IQueryable<MonthlyReport> query, KefuDbContext db, CancellationToken ct)
    {
        var rows = await query.Select(r => new { r.Id, r.Month, r.UnitId, r.Status, r.CreatedById, r.CreatedAt, r.GatheredAt, r.SubmittedAt, r.ApprovedAt, r.Version }).ToListAsync(ct);
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToArray();
        var people = rows.Select(r => r.CreatedById).Distinct().ToArray();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName(LocalizationSetup.IsEnglish), ct);
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(r => new MonthlyReportSummaryDto(r.Id, r.Month, r.UnitId, units.GetValueOrDefault(r.UnitId, Shown.Nothing), r.Status, r.CreatedById,
            names.GetValueOrDefault(r.CreatedById, Shown.Nothing), r.CreatedAt, r.GatheredAt, r.SubmittedAt, r.ApprovedAt, r.Version)).ToArray();
    }

    public static async Task<MonthlyReportDto> ToDtoAsync(MonthlyReport r, ApprovalService approvals, KefuDbContext db, CancellationToken ct)
    {
        var (instance, _) = await approvals.ForSubjectAsync(MonthlyReportUseCases.SubjectType, r.Id.ToString(CultureInfo.InvariantCulture), ct);
        var pending = instance is { Status: ApprovalStatus.Pending };
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == r.UnitId, ct);
        return new MonthlyReportDto(r.Id, r.Month, r.UnitId, unit?.DisplayName(LocalizationSetup.IsEnglish) ?? Shown.Nothing, r.Status, r.CreatedById, r.CreatedAt, r.GatheredAt,
            r.Commentary, MonthlyReportUseCases.Figures(r), pending ? instance!.CurrentStepKey : null, pending ? instance!.CurrentApproverId : null, r.SubmittedAt, r.ApprovedAt,
            r.ApprovedById, r.PdfAttachmentId is not null, r.PdfMissingReason, $"/api/performance/reports/{r.Id}/pdf", r.Version);
    }

    private static async Task<IResult> List(string? month, int? unitId, MonthlyReportStatus? status, string? sort, string? dir, int? page, int? pageSize,
        MonthlyReportUseCases uc, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (!string.IsNullOrEmpty(month) && CompanyTime.ParseMonth(month) is null)
        {
            problems.Add("month", "Performance.BadMonth");
        }

        var order = ListSort.ForApi(sort, dir, Sorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = Filter(uc.Reports(await current.GetViewerAsync(ct)).AsNoTracking(), month, unitId, status);
        var total = await query.CountAsync(ct);
        var items = await SummariesAsync(Sorts.Apply(query, order).Skip((p - 1) * size).Take(size), db, ct);
        return TypedResults.Ok(new Paged<MonthlyReportSummaryDto>(items, p, size, total));
    }

    private static async Task<IResult> Generate(GenerateReportInput input, MonthlyReportUseCases uc, ApprovalService approvals, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await uc.GenerateAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct) switch
        {
            PerfResult<MonthlyReport>.Ok ok => TypedResults.Created($"/api/performance/reports/{ok.Value.Id}", await ToDtoAsync(ok.Value, approvals, db, ct)),
            var other => PerformanceModule.Answer(other),
        };

    private static async Task<IResult> Get(int id, MonthlyReportUseCases uc, ApprovalService approvals, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await uc.ReadableAsync(await current.GetViewerAsync(ct), current.UserId!, id, ct) is { } report
            ? TypedResults.Ok(await ToDtoAsync(report, approvals, db, ct)) : TypedResults.NotFound();

    private static async Task<IResult> Comment(int id, ReportCommentaryInput input, MonthlyReportUseCases uc, ApprovalService approvals, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.CommentAsync(await current.GetViewerAsync(ct), id, input, ct), approvals, db, ct);

    private static async Task<IResult> Refresh(int id, MonthlyReportUseCases uc, ApprovalService approvals, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.RefreshAsync(await current.GetViewerAsync(ct), id, ct), approvals, db, ct);

    private static async Task<IResult> Submit(int id, MonthlyReportUseCases uc, ApprovalService approvals, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.SubmitAsync(await current.GetViewerAsync(ct), current.UserId!, current.IsInRole(Role.CsManager), id, ct), approvals, db, ct);

    private static async Task<IResult> Decide(int id, ReportDecisionInput input, MonthlyReportUseCases uc, ApprovalService approvals, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (result, outcome) = await uc.DecideAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct);
        return outcome switch
        {
            null => PerformanceModule.Answer(result),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotTheApprover } => TypedResults.Forbid(),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.CommentRequired } => new ProblemBuilder().Add("comment", "Expense.CommentRequired").ToProblem(),
            ApprovalOutcome.Refused => PerformanceModule.Answer(new PerfResult<MonthlyReport>.Conflict("Report.NotInApproval")),
            ApprovalOutcome.NoApprover missing => new ProblemBuilder().Add("stepKey", "Orders.NoApprover", missing.StepKey, missing.Role).ToProblem(),
            ApprovalOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Ok(await ToDtoAsync(await db.Set<MonthlyReport>().AsNoTracking().SingleAsync(r => r.Id == id, ct), approvals, db, ct)),
        };
    }

    private static async Task<IResult> Pdf(int id, MonthlyReportUseCases uc, CurrentUser current, CancellationToken ct)
    {
        var report = await uc.ReadableAsync(await current.GetViewerAsync(ct), current.UserId!, id, ct);
        if (report is null)
        {
            return TypedResults.NotFound();
        }

        var (pdf, missing) = await uc.PdfAsync(report, ct);
        return pdf is null
            ? TypedResults.Problem(detail: Text.Get("Report.NoPdf", missing ?? ""), statusCode: StatusCodes.Status409Conflict, title: Text.Get("Report.ConflictTitle"))
            : TypedResults.File(pdf, "application/pdf", FileName(report));
    }

    public static string FileName(MonthlyReport report) => $"cs-report-{report.Month}-{report.UnitId.ToString(CultureInfo.InvariantCulture)}.pdf";

    private static async Task<IResult> Answer(PerfResult<MonthlyReport> result, ApprovalService approvals, KefuDbContext db, CancellationToken ct) => result switch
    {
        PerfResult<MonthlyReport>.Ok ok => TypedResults.Ok(await ToDtoAsync(ok.Value, approvals, db, ct)),
        var other => PerformanceModule.Answer(other),
    };
}
