using System.Security.Claims;
using Kefu.Core.Approvals;
using Kefu.Core.Field;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field;

public sealed record PostDto(int Id, string Name, int CustomerId, string CustomerName, string? SiteAddress, string LeadId, IReadOnlyList<string> MemberIds, int CentreId, bool Active, int Version);

public sealed record AttendanceLineDto(string TechnicianId, DateOnly Date, AttendanceStatus Status, string? Note);

public sealed record SheetDto(int PostId, string Month, IReadOnlyList<AttendanceSummary> Summary, IReadOnlyList<AttendanceLineDto> Lines, DateTime? SubmittedAt);

public sealed record ResidentReportDto(
    int Id, int PostId, string TechnicianId, string Month, int CustomerId, string CustomerName, int JobsFinished, string WorkSummary, string? Problems,
    string? Suggestions, ResidentReportStatus Status, string? CurrentStepKey, string? CurrentApproverId, DateTime? SubmittedAt, DateTime? StampedAt,
    DateTime? SentAt, SatisfactionRating? Rating, DateTime? RatedAt, string? Link, int Version);

public sealed record ProjectDto(
    int Id, string Name, int CustomerId, string CustomerName, string? SiteAddress, string Requirement, DateOnly PlannedStart, DateOnly PlannedFinish,
    int Technicians, int WorkingDays, int PersonDays, string LeaderId, IReadOnlyList<string> MemberIds, IReadOnlyList<TeamTaskDto> Tasks, TeamProjectStatus Status,
    DateTime? StartedAt, DateTime? FinishedAt, string? WorkDone, string? Summary, DateTime? SummarySentAt, SatisfactionRating? Rating, string? Link, int Version);

public sealed record TeamTaskDto(string Title, string? AssigneeId, int PersonDays, bool Done);

public sealed record MonthInput(string? Month);

/// <summary>FLD-03/04/09 over HTTP: resident posts, attendance, monthly reports and team projects.</summary>
public static class ResidentTeamApi
{
    public const string ReportReadPolicy = "ReadResidentReports";
    public const string SendPolicy = "SendResidentReports";

    public static void AddResidentTeam(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ResidentUseCases>();
        builder.Services.AddScoped<TeamUseCases>();
        builder.Services.AddScoped<Platform.Seeding.IDemoDataSeeder, ResidentTeamDemoSeeder>();
        builder.Services.AddScoped<IApprovalSubjectHandler, ResidentReportApprovalHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReportReadPolicy, p => p.RequireRole(FieldModule.Readers.Concat(ResidentUseCases.Senders).Distinct().Select(KefuRoles.Name)))
            .AddPolicy(SendPolicy, p => p.RequireRole(ResidentUseCases.Senders.Select(KefuRoles.Name)));
    }

    public static void MapResidentTeam(RouteGroupBuilder api)
    {
        var posts = api.MapGroup("/field/resident-posts").WithTags("Resident service").RequireAuthorization(FieldModule.ReadPolicy);
        posts.MapGet("/", ListPosts).WithName("ListResidentPosts").WithSummary("FLD-03: resident posts in scope, and the ones the caller is stationed at.");
        posts.MapGet("/{id:int}", GetPost).WithName("GetResidentPost");
        posts.MapPost("/", (PostInput input, ResidentUseCases uc, CurrentUser c, CancellationToken ct) => SavePost(null, input, uc, c, ct))
            .RequireWritePolicy(FieldModule.DispatchPolicy).WithName("CreateResidentPost");
        posts.MapPut("/{id:int}", (int id, PostInput input, ResidentUseCases uc, CurrentUser c, CancellationToken ct) => SavePost(id, input, uc, c, ct))
            .RequireWritePolicy(FieldModule.DispatchPolicy).WithName("UpdateResidentPost");
        posts.MapGet("/{id:int}/attendance", Sheet).WithName("AttendanceSheet").WithSummary("FLD-03: a month's attendance sheet (month=yyyy-MM) with working days on the calendar.");
        posts.MapPost("/{id:int}/attendance", RecordAttendance).RequireWritePolicy(FieldModule.WorkPolicy).WithName("RecordAttendance")
            .WithSummary("FLD-03: the resident lead records a technician's day.");
        posts.MapPost("/{id:int}/attendance/submit", SubmitSheet).RequireWritePolicy(FieldModule.WorkPolicy).WithName("SubmitAttendanceSheet")
            .WithSummary("FLD-03: the month's sheet to the administration department; its days are then fixed.");
        posts.MapPost("/{id:int}/reports", CreateReport).RequireWritePolicy(FieldModule.WorkPolicy).WithName("CreateResidentReport")
            .WithSummary("FLD-09: a stationed technician starts the month's report.");

        var reports = api.MapGroup("/field/resident-reports").WithTags("Resident service").RequireAuthorization();
        reports.MapGet("/", ListReports).RequireAuthorization(ReportReadPolicy).WithName("ListResidentReports");
        reports.MapGet("/{id:int}", GetReport).RequireAuthorization(ReportReadPolicy).WithName("GetResidentReport");
        reports.MapPut("/{id:int}", UpdateReport).RequireWritePolicy(FieldModule.WorkPolicy).WithName("UpdateResidentReport");
        reports.MapPost("/{id:int}/submit", SubmitReport).RequireWritePolicy(FieldModule.WorkPolicy).WithName("SubmitResidentReport")
            .WithSummary("FLD-09: into the chain: team leader → department manager → GM office.");
        reports.MapPost("/{id:int}/decision", DecideReport).RequireWritePolicy(WritePolicy.Act).WithName("DecideResidentReport");
        reports.MapPost("/{id:int}/send", SendReport).RequireWritePolicy(SendPolicy).WithName("SendResidentReport")
            .WithSummary("FLD-09: the stamped report to the customer with a rating link.");

        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Administer);
        settings.MapGet("/approval-chains/resident-report", async (ApprovalChains chains, CancellationToken ct) =>
            TypedResults.Ok(await chains.DocumentAsync(ResidentService.DefaultReportChain, ct))).WithName("GetResidentReportChain");
        settings.MapPut("/approval-chains/resident-report", async Task<Results<NoContent, ValidationProblem>> (ChainInput input, ApprovalChains chains, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var problems = await chains.SaveAsync(ResidentService.DefaultReportChain.Key, input.Name, input.Steps, user.Identity?.Name, ct);
            return problems.HasErrors ? problems.ToProblem() : TypedResults.NoContent();
        }).RequireWritePolicy(Policies.Administer).WithName("SaveResidentReportChain");

        var teams = api.MapGroup("/field/team-projects").WithTags("Team service").RequireAuthorization(FieldModule.ReadPolicy);
        teams.MapGet("/", ListProjects).WithName("ListTeamProjects");
        teams.MapGet("/{id:int}", GetProject).WithName("GetTeamProject").WithSummary("FLD-04: the plan, team, tasks, daily reports and devices.");
        teams.MapPost("/", (ProjectInput input, TeamUseCases uc, CurrentUser c, HttpRequest r, CancellationToken ct) => SaveProject(null, input, uc, c, ct))
            .RequireWritePolicy(FieldModule.DispatchPolicy).WithName("CreateTeamProject").WithSummary("FLD-04: a plan of team size (以上 includes the threshold).");
        teams.MapPut("/{id:int}", (int id, ProjectInput input, TeamUseCases uc, CurrentUser c, CancellationToken ct) => SaveProject(id, input, uc, c, ct))
            .RequireWritePolicy(FieldModule.DispatchPolicy).WithName("UpdateTeamProject");
        teams.MapPost("/{id:int}/start", StartProject).RequireWritePolicy(FieldModule.WorkPolicy).WithName("StartTeamProject");
        teams.MapPost("/{id:int}/daily-reports", DailyReport).RequireWritePolicy(FieldModule.WorkPolicy).WithName("FileTeamDailyReport")
            .WithSummary("FLD-04: the leader's report of the day to the manager; the next one's clock starts.");
        teams.MapPost("/{id:int}/devices", AddDevice).RequireWritePolicy(FieldModule.WorkPolicy).WithName("AddTeamDevice");
        teams.MapPost("/{id:int}/finish", FinishProject).RequireWritePolicy(FieldModule.WorkPolicy).WithName("FinishTeamProject")
            .WithSummary("FLD-04: the summary report to the customer with the satisfaction survey's link.");
    }

    // ---------------- posts ----------------
    private static async Task<Ok<IReadOnlyList<PostDto>>> ListPosts(ResidentUseCases uc, CurrentUser current, CancellationToken ct)
    {
        var posts = await uc.VisiblePosts(await current.GetViewerAsync(ct)).AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id).Take(500).ToListAsync(ct);
        var list = new List<PostDto>();
        foreach (var post in posts)
        {
            list.Add(ToDto(post, await uc.MembersAsync(post.Id, ct)));
        }

        return TypedResults.Ok<IReadOnlyList<PostDto>>(list);
    }

    private static async Task<Results<Ok<PostDto>, NotFound>> GetPost(int id, ResidentUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.VisiblePosts(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } post
            ? TypedResults.Ok(ToDto(post, await uc.MembersAsync(post.Id, ct))) : TypedResults.NotFound();

    private static async Task<IResult> SavePost(int? id, PostInput input, ResidentUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.SavePostAsync(await current.GetViewerAsync(ct), id, input, ct) switch
        {
            FieldResult<ResidentPost>.Ok ok when id is null => TypedResults.Created($"/api/field/resident-posts/{ok.Value.Id}", ToDto(ok.Value, await uc.MembersAsync(ok.Value.Id, ct))),
            FieldResult<ResidentPost>.Ok ok => TypedResults.Ok(ToDto(ok.Value, await uc.MembersAsync(ok.Value.Id, ct))),
            var other => Answer(other),
        };

    private static async Task<IResult> Sheet(int id, string? month, ResidentUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.SheetAsync(await current.GetViewerAsync(ct), id, month, ct) switch
        {
            FieldResult<ResidentUseCases.SheetView>.Ok { Value: var s } => TypedResults.Ok(new SheetDto(s.Post.Id, s.Month, s.Summary,
                s.Entries.Select(e => new AttendanceLineDto(e.TechnicianId, e.Date, e.Status, e.Note)).ToArray(), s.Submitted?.SubmittedAt)),
            var other => Answer(other),
        };

    private static async Task<IResult> RecordAttendance(int id, AttendanceInput input, ResidentUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.RecordAttendanceAsync(await current.GetViewerAsync(ct), current.UserId!, FieldModule.CanDispatch(current), id, input, ct) switch
        {
            FieldResult<AttendanceEntry>.Ok { Value: var e } => TypedResults.Ok(new AttendanceLineDto(e.TechnicianId, e.Date, e.Status, e.Note)),
            var other => Answer(other),
        };

    private static async Task<IResult> SubmitSheet(int id, MonthInput input, ResidentUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.SubmitSheetAsync(await current.GetViewerAsync(ct), current.UserId!, FieldModule.CanDispatch(current), id, input.Month, ct) switch
        {
            FieldResult<AttendanceSheet>.Ok { Value: var s } => TypedResults.Ok(new { s.PostId, s.Month, s.SubmittedAt }),
            var other => Answer(other),
        };

    // ---------------- reports ----------------
    private static async Task<Ok<Paged<ResidentReportDto>>> ListReports(int? postId, ResidentReportStatus? status, int? page, int? pageSize, ResidentUseCases uc, ApprovalService approvals,
        CurrentUser current, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = uc.VisibleReports(await current.GetViewerAsync(ct)).AsNoTracking();
        query = postId is { } post ? query.Where(r => r.PostId == post) : query;
        query = status is { } s ? query.Where(r => r.Status == s) : query;
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.Month).ThenByDescending(r => r.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var list = new List<ResidentReportDto>();
        foreach (var report in items)
        {
            list.Add(await ToDtoAsync(report, uc, approvals, null, ct));
        }

        return TypedResults.Ok(new Paged<ResidentReportDto>(list, p, size, total));
    }

    private static async Task<Results<Ok<ResidentReportDto>, NotFound>> GetReport(int id, ResidentUseCases uc, ApprovalService approvals, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var report = await uc.VisibleReports(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            // The approver of the current step reads it too (ORG-03 lets the chain through).
            var (instance, _) = await approvals.ForSubjectAsync(ResidentUseCases.ReportSubjectType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            report = instance is { Status: ApprovalStatus.Pending } && instance.CurrentApproverId == current.UserId
                ? await db.Set<ResidentReport>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) : null;
        }

        return report is null ? TypedResults.NotFound() : TypedResults.Ok(await ToDtoAsync(report, uc, approvals, null, ct));
    }

    private static async Task<IResult> CreateReport(int id, ReportInput input, ResidentUseCases uc, ApprovalService approvals, CurrentUser current, CancellationToken ct) =>
        await uc.CreateReportAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct) switch
        {
            FieldResult<ResidentReport>.Ok ok => TypedResults.Created($"/api/field/resident-reports/{ok.Value.Id}", await ToDtoAsync(ok.Value, uc, approvals, null, ct)),
            var other => Answer(other),
        };

    private static async Task<IResult> UpdateReport(int id, ReportInput input, ResidentUseCases uc, ApprovalService approvals, CurrentUser current, CancellationToken ct) =>
        await ReportAnswer(await uc.UpdateReportAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), uc, approvals, ct);

    private static async Task<IResult> SubmitReport(int id, ResidentUseCases uc, ApprovalService approvals, CurrentUser current, CancellationToken ct) =>
        await ReportAnswer(await uc.SubmitReportAsync(current.UserId!, id, ct), uc, approvals, ct);

    private static async Task<IResult> SendReport(int id, SendInput input, ResidentUseCases uc, ApprovalService approvals, CurrentUser current, HttpRequest request, CancellationToken ct) =>
        await ReportAnswer(await uc.SendAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, $"{request.Scheme}://{request.Host}", ct), uc, approvals, ct);

    private static async Task<IResult> DecideReport(int id, ReportDecisionInput input, ResidentUseCases uc, ApprovalService approvals, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (result, outcome) = await uc.DecideAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct);
        return outcome switch
        {
            null => Answer(result),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotTheApprover } => TypedResults.Forbid(),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotPending } => TypedResults.Conflict(),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.CommentRequired } => new ProblemBuilder().Add("comment", "Expense.CommentRequired").ToProblem(),
            ApprovalOutcome.NoApprover missing => new ProblemBuilder().Add("stepKey", "Orders.NoApprover", missing.StepKey, missing.Role).ToProblem(),
            ApprovalOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Ok(await ToDtoAsync(await db.Set<ResidentReport>().AsNoTracking().SingleAsync(r => r.Id == id, ct), uc, approvals, null, ct)),
        };
    }

    private static async Task<IResult> ReportAnswer(FieldResult<ResidentReport> result, ResidentUseCases uc, ApprovalService approvals, CancellationToken ct) => result switch
    {
        FieldResult<ResidentReport>.Ok ok => TypedResults.Ok(await ToDtoAsync(ok.Value, uc, approvals, ok.Link, ct)),
        var other => Answer(other),
    };

    internal static async Task<ResidentReportDto> ToDtoAsync(ResidentReport r, ResidentUseCases uc, ApprovalService approvals, string? link, CancellationToken ct)
    {
        var (instance, _) = await approvals.ForSubjectAsync(ResidentUseCases.ReportSubjectType, r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        var rating = await uc.RatingAsync(r, ct);
        var pending = instance is { Status: ApprovalStatus.Pending };
        return new ResidentReportDto(r.Id, r.PostId, r.OwnerId, r.Month, r.CustomerId, r.CustomerName, r.JobsFinished, r.WorkSummary, r.Problems, r.Suggestions,
            rating is not null ? ResidentReportStatus.Rated : r.Status, pending ? instance!.CurrentStepKey : null, pending ? instance!.CurrentApproverId : null,
            r.SubmittedAt, r.StampedAt, r.SentAt, rating?.Rating, rating?.AnsweredAt, link, r.Version);
    }

    // ---------------- team projects ----------------
    private static async Task<Ok<Paged<ProjectDto>>> ListProjects(TeamProjectStatus? status, int? page, int? pageSize, TeamUseCases uc, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = uc.Visible(await current.GetViewerAsync(ct)).AsNoTracking();
        query = status is { } s ? query.Where(x => x.Status == s) : query;
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(x => x.PlannedStart).ThenByDescending(x => x.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var list = new List<ProjectDto>();
        foreach (var project in items)
        {
            list.Add(await ToDtoAsync(project, db, null, ct));
        }

        return TypedResults.Ok(new Paged<ProjectDto>(list, p, size, total));
    }

    public sealed record ProjectDetailDto(ProjectDto Project, IReadOnlyList<TeamDailyReport> DailyReports, IReadOnlyList<TeamDevice> Devices, IReadOnlyList<TimerDto> Deadlines);

    private static async Task<Results<Ok<ProjectDetailDto>, NotFound>> GetProject(int id, TeamUseCases uc, KefuDbContext db, Platform.Calendars.CalendarService calendars,
        TimeProvider clock, CurrentUser current, CancellationToken ct)
    {
        var project = await uc.Visible(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        var daily = await db.Set<TeamDailyReport>().AsNoTracking().Where(r => r.ProjectId == id).OrderByDescending(r => r.Date).ToListAsync(ct);
        var devices = await db.Set<TeamDevice>().AsNoTracking().Where(d => d.ProjectId == id).OrderBy(d => d.Id).ToListAsync(ct);
        var prefix = id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";
        var timers = await db.Set<Platform.Sla.SlaTimer>().AsNoTracking().Where(t => t.RecordType == TeamUseCases.RecordType && t.RecordId.StartsWith(prefix)).OrderBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok(new ProjectDetailDto(await ToDtoAsync(project, db, null, ct), daily, devices, await Platform.Sla.SlaApi.ToDtosAsync(timers, calendars, clock, ct)));
    }

    private static async Task<IResult> SaveProject(int? id, ProjectInput input, TeamUseCases uc, CurrentUser current, CancellationToken ct) =>
        await ProjectAnswer(await uc.SaveAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), uc, ct, created: id is null);

    private static async Task<IResult> StartProject(int id, TeamUseCases uc, CurrentUser current, CancellationToken ct) =>
        await ProjectAnswer(await uc.StartAsync(await current.GetViewerAsync(ct), FieldModule.CanDispatch(current), id, ct), uc, ct);

    private static async Task<IResult> FinishProject(int id, SummaryInput input, TeamUseCases uc, CurrentUser current, HttpRequest request, CancellationToken ct) =>
        await ProjectAnswer(await uc.FinishAsync(await current.GetViewerAsync(ct), current.UserId!, FieldModule.CanDispatch(current), id, input, $"{request.Scheme}://{request.Host}", ct), uc, ct);

    private static async Task<IResult> DailyReport(int id, DailyReportInput input, TeamUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.DailyReportAsync(await current.GetViewerAsync(ct), current.UserId!, FieldModule.CanDispatch(current), id, input, ct) switch
        {
            FieldResult<TeamDailyReport>.Ok ok => TypedResults.Created($"/api/field/team-projects/{id}", ok.Value),
            var other => Answer(other),
        };

    private static async Task<IResult> AddDevice(int id, TeamDeviceInput input, TeamUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.AddDeviceAsync(await current.GetViewerAsync(ct), current.UserId!, FieldModule.CanDispatch(current), id, input, ct) switch
        {
            FieldResult<TeamDevice>.Ok ok => TypedResults.Created($"/api/field/team-projects/{id}", ok.Value),
            var other => Answer(other),
        };

    private static async Task<IResult> ProjectAnswer(FieldResult<TeamProject> result, TeamUseCases uc, CancellationToken ct, bool created = false) => result switch
    {
        FieldResult<TeamProject>.Ok ok when created => TypedResults.Created($"/api/field/team-projects/{ok.Value.Id}", await ToDtoAsync(ok.Value, uc.Db, ok.Link, ct)),
        FieldResult<TeamProject>.Ok ok => TypedResults.Ok(await ToDtoAsync(ok.Value, uc.Db, ok.Link, ct)),
        var other => Answer(other),
    };

    internal static async Task<ProjectDto> ToDtoAsync(TeamProject p, KefuDbContext db, string? link, CancellationToken ct)
    {
        var members = await db.Set<TeamMember>().AsNoTracking().Where(m => m.ProjectId == p.Id).OrderBy(m => m.Id).Select(m => m.UserId).ToListAsync(ct);
        var tasks = await db.Set<TeamTask>().AsNoTracking().Where(t => t.ProjectId == p.Id).OrderBy(t => t.Id).Select(t => new TeamTaskDto(t.Title, t.AssigneeId, t.PersonDays, t.Done)).ToListAsync(ct);
        var rating = p.InvitationId is { } invitation ? await db.Set<Visits.SurveyResponse>().AsNoTracking().SingleOrDefaultAsync(r => r.InvitationId == invitation, ct) : null;
        return new ProjectDto(p.Id, p.Name, p.CustomerId, p.CustomerName, p.SiteAddress, p.Requirement, p.PlannedStart, p.PlannedFinish, p.Technicians, p.WorkingDays,
            p.PersonDays, p.OwnerId, members, tasks, p.Status, p.StartedAt, p.FinishedAt, p.WorkDone, p.Summary, p.SummarySentAt, rating?.Rating, link, p.Version);
    }

    private static PostDto ToDto(ResidentPost p, IReadOnlyList<string> members) =>
        new(p.Id, p.Name, p.CustomerId, p.CustomerName, p.SiteAddress, p.OwnerId, members, p.CentreId, p.Active, p.Version);

    private static IResult Answer<T>(FieldResult<T> result) => result switch
    {
        FieldResult<T>.Invalid invalid => invalid.Problems.ToProblem(),
        FieldResult<T>.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.NotFound(),
    };
}
