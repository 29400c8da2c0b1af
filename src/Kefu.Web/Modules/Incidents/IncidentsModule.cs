using Kefu.Core.Approvals;
using Kefu.Core.Incidents;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Incidents;

public sealed record IncidentDto(
    int Id, string Number, IncidentType Type, IncidentSource Source, int? CustomerId, string CustomerName, string? OrderReference, string Summary, string? Details,
    DateTime ReceivedAt, bool OutsideWorkingTime, string? PhoneCallTo, DateTime? PhoneCallAt, DateTime EmailDueAt, DateTime? EmailSentAt,
    DateTime ReplyTargetAt, DateTime ReplyPromiseAt, DateTime? RepliedAt, bool Escalated, decimal? DamageYuan, bool CompensatedOnSpot, IncidentStatus Status,
    string? QcFinding, bool Concealed, string? CorrectivePlan, DateTime? PlanSentAt, DateTime? ClosedAt, int Version, bool Major, DateTime? MajorAt,
    string? SubjectUserId = null, string? SubjectName = null, bool ReportedLate = false, bool Falsified = false,
    DateTime? CallbackAt = null, bool? CallbackSatisfied = null, string? CallbackNote = null);

/// <summary>A timeline line; <c>text</c> in the caller's language, <c>textKey</c> the key Kefu wrote it from (null for people's own words).</summary>
public sealed record IncidentEventDto(DateTime At, string? Actor, string Kind, string? Text, string? TextKey = null);

public sealed record IncidentDetailDto(IncidentDto Incident, IReadOnlyList<IncidentEventDto> Timeline);

/// <summary>Incidents, complaints and emergencies (EXC-01..08, EXC-10).</summary>
public static class IncidentsModule
{
    public const string RecordPolicy = "RecordIncidents";
    public const string ReadPolicy = "ReadIncidents";
    public const string QcPolicy = "InvestigateIncidents";
    public const string PlanPolicy = "WriteCorrectivePlans";
    public const string CrossRegionPolicy = "CrossRegionCases";

    /// <summary>EXC-11: the regional manager's follow-up of a major complaint.</summary>
    public const string MajorFollowUpPolicy = "FollowUpMajorComplaints";

    internal static readonly Role[] Recorders =
    [
        Role.CsSpecialist, Role.Coordinator, Role.TeamLeader, Role.CentreSupervisor, Role.BranchGm, Role.CsManager, Role.CsDirector, Role.SystemAdministrator,
    ];

    internal static readonly Role[] Readers = [.. Recorders, Role.QcManager, Role.Gm, Role.Vp, Role.ReadOnlyAuditor];
    internal static readonly Role[] Investigators = [Role.QcManager];
    internal static readonly Role[] PlanAuthors = [Role.TeamLeader, Role.CentreSupervisor, Role.CsManager];

    /// <summary>
    /// EXC-11: who flags a major complaint: those who record incidents (the agent who took it, their
    /// leaders, the CS manager and director — seed 003 has the CS department oversee every region's
    /// complaints), at recording or later. Who follows it up: the regional manager (the branch GM,
    /// Kefu having no region level) and the CS manager (<see cref="MajorComplaints.FollowUpRoles"/>).
    /// </summary>
    internal static readonly Role[] MajorFlaggers = Recorders;

    internal static readonly Role[] MajorFollowers = [.. MajorComplaints.FollowUpRoles];

    /// <summary>EXC-09: the province's CS, the marketing director, the GM, finance and admin each record their moment.</summary>
    internal static readonly Role[] CrossRegionParties = [.. Recorders, Role.MarketingDirector, Role.Gm, Role.FinanceClerk, Role.AdminClerk];

    public static void AddIncidents(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IncidentUseCases>();
        builder.Services.AddScoped<IncidentRecipients>();
        builder.Services.AddScoped<CrossRegionUseCases>();
        builder.Services.AddScoped<ComplaintArchiveUseCases>();
        builder.Services.AddScoped<IncidentFindingsWriter>();
        builder.Services.AddScoped<IApprovalSubjectHandler, IncidentApprovalHandler>();
        builder.Services.AddScoped<Customers.ICustomerAnalysisSection, ComplaintsAnalysis>();
        builder.Services.AddScoped<Visits.ISatisfactionSource, ComplaintSatisfactionSource>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, MyIncidentsWidget>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, TeamIncidentsWidget>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, CompanyIncidentsWidget>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(RecordPolicy, p => p.RequireRole(Recorders.Select(KefuRoles.Name)))
            .AddPolicy(ReadPolicy, p => p.RequireRole(Readers.Select(KefuRoles.Name)))
            .AddPolicy(QcPolicy, p => p.RequireRole(Investigators.Select(KefuRoles.Name)))
            .AddPolicy(PlanPolicy, p => p.RequireRole(PlanAuthors.Select(KefuRoles.Name)))
            .AddPolicy(CrossRegionPolicy, p => p.RequireRole(CrossRegionParties.Select(KefuRoles.Name)))
            .AddPolicy(MajorFollowUpPolicy, p => p.RequireRole(MajorFollowers.Select(KefuRoles.Name)));
    }

    public static void MapIncidents(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents").WithTags("Incidents").RequireAuthorization(ReadPolicy);
        group.MapGet("/", List).WithName("ListIncidents").WithSummary("EXC-10: the complaint ledger, filtered and paged.");
        group.MapGet("/{id:int}", Get).WithName("GetIncident").WithSummary("An incident with its timeline.");
        group.MapPost("/", Record).RequireWritePolicy(RecordPolicy).WithName("RecordIncident")
             .WithSummary("EXC-01..06: records an incident; starts the report clock (5 minutes, or 09:00 of the next working day with a logged call) and the reply promise.");
        group.MapPost("/{id:int}/report", Report).RequireWritePolicy(RecordPolicy).WithName("ReportIncident").WithSummary("EXC-02/03: the email report.");
        group.MapPost("/{id:int}/reply", Reply).RequireWritePolicy(RecordPolicy).WithName("ReplyToCustomer").WithSummary("EXC-05: the reply to the customer.");
        group.MapPost("/{id:int}/progress", Progress).RequireWritePolicy(RecordPolicy).WithName("IncidentProgress");
        group.MapPost("/{id:int}/escalate", Escalate).RequireWritePolicy(RecordPolicy).WithName("EscalateIncident").WithSummary("EXC-05: to the CS director.");
        group.MapPost("/{id:int}/investigation", Investigate).RequireWritePolicy(QcPolicy).WithName("InvestigateIncident")
             .WithSummary("EXC-07/08: QC's finding; a concealed or false report writes fine entries for the agent and the supervisor.");
        group.MapPost("/{id:int}/plan", SubmitPlan).RequireWritePolicy(PlanPolicy).WithName("SubmitCorrectivePlan").WithSummary("EXC-07: the plan goes to the CS director and the VP.");
        group.MapPost("/{id:int}/plan/decision", DecidePlan).RequireWritePolicy(WritePolicy.Act).WithName("DecideCorrectivePlan");
        group.MapPost("/{id:int}/plan/send", SendPlan).RequireWritePolicy(RecordPolicy).WithName("SendCorrectivePlan");
        group.MapPost("/{id:int}/close", Close).RequireWritePolicy(RecordPolicy).WithName("CloseIncident");
        group.MapPost("/{id:int}/major", FlagMajor).RequireWritePolicy(RecordPolicy).WithName("FlagMajorComplaint")
             .WithSummary("EXC-11: flags a major complaint (重大投诉, optional reason); the regional manager (branch GM of the incident's branch) is notified.");
        group.MapPost("/{id:int}/major-follow-up", FollowUpMajor).RequireWritePolicy(MajorFollowUpPolicy).WithName("FollowUpMajorComplaint")
             .WithSummary("EXC-11: the regional manager's follow-up of a major complaint (text required), on the timeline.");
        group.MapPost("/{id:int}/callback", CallBack).RequireWritePolicy(RecordPolicy).WithName("ComplaintCallback")
             .WithSummary("EXC-10: the callback to the complainant after handling (closed, or plan sent): when, satisfied or not, what they said; on the timeline, in the complaint archive.");
        group.MapGet("/analysis", Analysis).WithName("IncidentAnalysis").WithSummary("EXC-10: complaints per month by category.");

        var cross = api.MapGroup("/cross-region").WithTags("Incidents").RequireAuthorization(CrossRegionPolicy);
        cross.MapGet("/", ListCrossRegion).WithName("ListCrossRegionCases").WithSummary("EXC-09: cross-region selling cases with their working-day deadlines.");
        cross.MapPost("/", CreateCrossRegion).RequireWritePolicy(CrossRegionPolicy).WithName("CreateCrossRegionCase");
        cross.MapPost("/{id:int}/milestones", RecordMilestone).RequireWritePolicy(CrossRegionPolicy).WithName("RecordCrossRegionMilestone")
             .WithSummary("EXC-09: evidence, report, to the marketing director (0.5 WD), GM decision (the GM only; 403 for others), province closing, finance told, announcement; each step's SLA timer stops and the next starts.");
        cross.MapGet("/ledger", Ledger).WithName("CrossRegionLedger").WithSummary("EXC-09: the quarterly national ledger as Excel (quarter=2026-Q3).");
    }

    public static IncidentDto ToDto(Incident i) => new(
        i.Id, i.Number, i.Type, i.Source, i.CustomerId, i.CustomerName, i.OrderReference, i.Summary, i.Details, i.ReceivedAt, i.OutsideWorkingTime, i.PhoneCallTo,
        i.PhoneCallAt, i.EmailDueAt, i.EmailSentAt, i.ReplyTargetAt, i.ReplyPromiseAt, i.RepliedAt, i.Escalated, i.DamageFen is { } f ? f / 100m : null,
        i.CompensatedOnSpot, i.Status, i.QcFinding, i.Concealed, i.CorrectivePlan, i.PlanSentAt, i.ClosedAt, i.Version, i.Major, i.MajorAt,
        i.SubjectUserId, i.SubjectName, i.ReportedLate, i.Falsified, i.CallbackAt, i.CallbackSatisfied, i.CallbackNote);

    /// <summary>The columns the incident ledger sorts on (page and API); newest first by default.</summary>
    public static readonly SortMap<Incident> Sorts = new SortMap<Incident>(q => q.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id), q => q.ThenByDescending(i => i.Id))
        .Add("number", i => i.Number).Add("received", i => i.ReceivedAt).Add("type", i => i.Type).Add("customer", i => i.CustomerName)
        .Add("summary", i => i.Summary).Add("emailDue", i => i.EmailDueAt).Add("status", i => i.Status);

    internal static async Task<IReadOnlyList<IncidentEventDto>> TimelineAsync(KefuDbContext db, int id, CancellationToken ct) =>
        (await (from e in db.Set<IncidentEvent>().AsNoTracking().Where(e => e.IncidentId == id)
                join u in db.Users on e.ActorId equals u.Id into actors
                from u in actors.DefaultIfEmpty()
                orderby e.At, e.Id
                select new IncidentEventDto(e.At, u == null ? null : u.DisplayName, e.Kind, e.Text, null)).ToListAsync(ct))
        .Select(e => e with { Text = e.Text is null ? null : Kefu.Web.Platform.Localization.LocalText.Show(e.Text), TextKey = Kefu.Web.Platform.Localization.LocalText.KeyOf(e.Text) }).ToList();

    private static Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult> Answer(IncidentResult result, bool created = false) => result switch
    {
        IncidentResult.Ok ok when created => TypedResults.Created($"/api/incidents/{ok.Incident.Id}", ToDto(ok.Incident)),
        IncidentResult.Ok ok => TypedResults.Ok(ToDto(ok.Incident)),
        IncidentResult.Invalid invalid => invalid.Problems.ToProblem(),
        IncidentResult.Forbidden => TypedResults.Forbid(),
        _ => TypedResults.NotFound(),
    };

    private static async Task<Results<Ok<Paged<IncidentDto>>, ValidationProblem>> List(
        IncidentType? type, IncidentStatus? status, string? month, string? q, bool? major, int? page, int? pageSize, string? sort, string? dir, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(month) && CompanyTime.ParseMonth(month) is null)
        {
            return new ProblemBuilder().Add("month", "Validation.Month").ToProblem();
        }

        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, Sorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = Filter(db.Set<Incident>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)), type, status, month, q, major == true);
        var total = await query.CountAsync(ct);
        var items = await Sorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<IncidentDto>(items.Select(ToDto).ToArray(), p, size, total));
    }

    internal static IQueryable<Incident> Filter(IQueryable<Incident> query, IncidentType? type, IncidentStatus? status, string? month, string? q, bool majorOnly = false)
    {
        query = type is { } t ? query.Where(i => i.Type == t) : query;
        query = majorOnly ? query.Where(i => i.Major) : query;
        query = status is { } s ? query.Where(i => i.Status == s) : query;
        if (CompanyTime.ParseMonth(month) is { } first)
        {
            var (from, to) = (CompanyTime.StartUtc(first), CompanyTime.StartUtc(first.AddMonths(1)));
            query = query.Where(i => i.ReceivedAt >= from && i.ReceivedAt < to);
        }

        return string.IsNullOrWhiteSpace(q) ? query : query.Where(i => i.Number.Contains(q) || i.CustomerName.Contains(q) || i.Summary.Contains(q));
    }

    private static async Task<Results<Ok<IncidentDetailDto>, NotFound>> Get(int id, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await db.Set<Incident>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(i => i.Id == id, ct) is { } incident
            ? TypedResults.Ok(new IncidentDetailDto(ToDto(incident), await TimelineAsync(db, id, ct)))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> Record(
        IncidentInput input, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.RecordAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct), created: true);

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> Report(
        int id, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.ReportAsync(await current.GetViewerAsync(ct), current.UserId!, id, ct));

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> Reply(
        int id, NoteInput input, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.ReplyAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> Progress(
        int id, NoteInput input, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.ProgressAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> Escalate(
        int id, NoteInput input, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.EscalateAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> Investigate(
        int id, InvestigationInput input, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.InvestigateAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> SubmitPlan(
        int id, NoteInput input, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.SubmitPlanAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult, Conflict>> DecidePlan(
        int id, PlanDecisionInput input, IncidentUseCases incidents, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        // The approver may sit outside the record's scope (the VP is company-wide anyway); the engine checks they hold the step.
        var viewer = await current.GetViewerAsync(ct);
        var (result, outcome) = await incidents.DecidePlanAsync(viewer, current.UserId!, id, input, ct);
        return (result, outcome) switch
        {
            (IncidentResult.NotFound, _) => TypedResults.NotFound(),
            (IncidentResult.Invalid invalid, _) => invalid.Problems.ToProblem(),
            (_, ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotTheApprover }) => TypedResults.Forbid(),
            (_, ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotPending }) => TypedResults.Conflict(),
            (_, ApprovalOutcome.Refused { Refusal: ApprovalRefusal.CommentRequired }) => new ProblemBuilder().Add("comment", "Expense.CommentRequired").ToProblem(),
            _ => TypedResults.Ok(ToDto(await db.Set<Incident>().AsNoTracking().SingleAsync(i => i.Id == id, ct))),
        };
    }

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> SendPlan(
        int id, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.SendPlanAsync(await current.GetViewerAsync(ct), current.UserId!, id, ct));

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> Close(
        int id, NoteInput input, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.CloseAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> FlagMajor(
        int id, MajorInput input, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.FlagMajorAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> FollowUpMajor(
        int id, NoteInput input, IncidentUseCases incidents, CurrentUser current, CancellationToken ct) =>
        Answer(await incidents.FollowUpMajorAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IncidentDto>, Created<IncidentDto>, ValidationProblem, NotFound, ForbidHttpResult>> CallBack(
        int id, CallbackInput input, ComplaintArchiveUseCases archive, CurrentUser current, CancellationToken ct) =>
        Answer(await archive.CallBackAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Ok<Paged<CrossRegionDto>>> ListCrossRegion(int? page, int? pageSize, KefuDbContext db, CrossRegionUseCases cases, CurrentUser current, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Set<CrossRegionCase>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        var total = await query.CountAsync(ct);
        var items = new List<CrossRegionDto>();
        foreach (var c in await query.OrderByDescending(c => c.ComplaintAt).ThenByDescending(c => c.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct))
        {
            items.Add(await cases.ToDtoAsync(c, ct));
        }

        return TypedResults.Ok(new Paged<CrossRegionDto>(items, p, size, total));
    }

    private static async Task<Results<Created<CrossRegionDto>, ValidationProblem>> CreateCrossRegion(CrossRegionInput input, CrossRegionUseCases cases, CurrentUser current, CancellationToken ct)
    {
        var (created, problems) = await cases.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct);
        return created is null ? problems.ToProblem() : TypedResults.Created($"/api/cross-region/{created.Id}", await cases.ToDtoAsync(created, ct));
    }

    private static async Task<Results<Ok<CrossRegionDto>, ValidationProblem, NotFound, Conflict, ForbidHttpResult>> RecordMilestone(
        int id, MilestoneInput input, int? version, CrossRegionUseCases cases, CurrentUser current, CancellationToken ct)
    {
        var (c, problems, conflict, forbidden) = await cases.RecordAsync(await current.GetViewerAsync(ct), await current.GetRolesAsync(ct), id, input, version, ct);
        return c is null ? TypedResults.NotFound() : forbidden ? TypedResults.Forbid() : conflict ? TypedResults.Conflict() : problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(await cases.ToDtoAsync(c, ct));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Ledger(string? quarter, CrossRegionUseCases cases, CurrentUser current, CancellationToken ct)
    {
        if (CrossRegionUseCases.ParseQuarter(quarter) is not { } q)
        {
            return new ProblemBuilder().Add("quarter", "CrossRegion.Quarter").ToProblem();
        }

        var bytes = await cases.LedgerAsync(await current.GetViewerAsync(ct), q, key => Kefu.Web.Platform.Localization.Text.Get(key), ct);
        return TypedResults.File(bytes, Kefu.Web.Platform.Export.TableExport.XlsxContentType, $"cross-region-{q}.xlsx");
    }

    private static async Task<Ok<IReadOnlyList<CategoryMonth<IncidentType>>>> Analysis(int? months, KefuDbContext db, CurrentUser current, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await MonthlyAsync(db, await current.GetViewerAsync(ct), clock, Math.Clamp(months ?? 12, 1, 36), ct));

    /// <summary>EXC-10: the last <paramref name="months"/> months' incidents by type, counted and shared per month.</summary>
    internal static async Task<IReadOnlyList<CategoryMonth<IncidentType>>> MonthlyAsync(KefuDbContext db, ScopeViewer viewer, TimeProvider clock, int months, CancellationToken ct)
    {
        var today = CompanyTime.Today(clock);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - months);
        var from = CompanyTime.StartUtc(first);
        var items = await db.Set<Incident>().AsNoTracking().VisibleTo(viewer).Where(i => i.ReceivedAt >= from).Select(i => new { i.ReceivedAt, i.Type }).ToListAsync(ct);
        return ComplaintAnalysis.MonthlyByCategory(items.Select(i => (DateOnly.FromDateTime(CompanyTime.ToLocal(i.ReceivedAt)), i.Type)));
    }
}

/// <summary>CUS-06: the complaints section of the customer analysis sheet.</summary>
internal sealed class ComplaintsAnalysis(KefuDbContext db) : Customers.ICustomerAnalysisSection
{
    public Customers.AnalysisTopic Topic => Customers.AnalysisTopic.Complaints;

    public async Task<Customers.AnalysisSection> BuildAsync(ScopeViewer viewer, int customerId, CancellationToken ct)
    {
        var incidents = db.Set<Incident>().AsNoTracking().Where(i => i.CustomerId == customerId);
        var all = await incidents.CountAsync(ct);
        var open = await incidents.CountAsync(i => i.Status != IncidentStatus.Closed, ct);
        var recent = await incidents.OrderByDescending(i => i.ReceivedAt).Take(5).ToListAsync(ct);
        return new Customers.AnalysisSection(Topic, "Analysis.Complaints",
            [new("Analysis.ComplaintsAll", all.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new("Analysis.ComplaintsOpen", open.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            recent.Select(i => new Customers.AnalysisItem(i.ReceivedAt, $"{i.Number} {i.Summary}", $"/incidents/{i.Id}")).ToArray(),
            $"/incidents?q={Uri.EscapeDataString(recent.FirstOrDefault()?.CustomerName ?? "")}");
    }
}

/// <summary>VIS-04: complaints recorded as incidents count in the month's satisfaction figures of the agent's centre, and of the staff member they name (complaints per technician).</summary>
internal sealed class ComplaintSatisfactionSource(KefuDbContext db) : Visits.ISatisfactionSource
{
    public async Task<IReadOnlyList<Visits.SatisfactionEvent>> EventsAsync(ScopeViewer viewer, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        await db.Set<Incident>().AsNoTracking().VisibleTo(viewer)
            .Where(i => i.Type == IncidentType.CustomerComplaint && i.ReceivedAt >= fromUtc && i.ReceivedAt < toUtc)
            .Select(i => new Visits.SatisfactionEvent(i.SubjectUserId, i.OrgPath, null, true, i.ReceivedAt)).ToListAsync(ct);
}
