using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Kefu.Web.Platform.Jobs;
using Quartz;

namespace Kefu.Web.Modules.Visits;

/// <summary>Return visits, supervision callbacks, satisfaction statistics and surveys (VIS-01..05).</summary>
public static class VisitsModule
{
    public const string VisitPolicyName = "MakeVisits";
    public const string CallbackPolicyName = "MakeCallbacks";
    public const string ReadCallbacksPolicy = "ReadCallbacks";
    public const string StatisticsPolicy = "ReadSatisfaction";
    public const string SurveyAdminPolicy = "ManageSurveys";
    public const string SurveyInvitePolicy = "InviteSurveys";

    internal static readonly Role[] Leaders = [Role.TeamLeader, Role.CentreSupervisor, Role.BranchGm, Role.CsManager, Role.CsDirector, Role.SystemAdministrator];
    internal static readonly Role[] Visitors = [Role.CsSpecialist, .. Leaders];
    internal static readonly Role[] Callers = [Role.Coordinator, .. Leaders];
    internal static readonly Role[] CallbackReaders = [Role.Coordinator, Role.FieldEngineer, Role.QcManager, .. Leaders];
    internal static readonly Role[] StatisticsReaders = [Role.Coordinator, Role.QcManager, Role.Gm, Role.Vp, Role.ReadOnlyAuditor, .. Leaders];
    internal static readonly Role[] SurveyAdmins = [Role.CentreSupervisor, Role.BranchGm, Role.CsManager, Role.CsDirector, Role.QcManager, Role.SystemAdministrator];
    internal static readonly Role[] SurveyInviters = [Role.CsSpecialist, Role.Coordinator, Role.TeamLeader, .. SurveyAdmins];

    public static void AddVisits(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<VisitUseCases>();
        builder.Services.AddScoped<VisitReports>();
        builder.Services.AddScoped<SurveyUseCases>();
        builder.Services.AddScoped<SatisfactionReport>();
        builder.Services.AddScoped<ISatisfactionSource, CallbackSatisfactionSource>();
        builder.Services.AddScoped<ISatisfactionSource, SurveySatisfactionSource>();
        builder.Services.AddScoped<ICustomerReferences, VisitCustomerReferences>();
        builder.Services.AddScoped<ICustomerAnalysisSection, SatisfactionAnalysis>();
        builder.Services.AddScoped<ICustomerAnalysisSection, VisitsAnalysis>();
        builder.Services.AddScoped<ICustomerContactLog, VisitContactLog>();
        builder.Services.AddScoped<ICustomerAnalysisSection, CasesAnalysis>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, VisitsDueWidget>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, SatisfactionWidget>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(VisitPolicyName, p => p.RequireRole(Visitors.Select(KefuRoles.Name)))
            .AddPolicy(CallbackPolicyName, p => p.RequireRole(Callers.Select(KefuRoles.Name)))
            .AddPolicy(ReadCallbacksPolicy, p => p.RequireRole(CallbackReaders.Select(KefuRoles.Name)))
            .AddPolicy(StatisticsPolicy, p => p.RequireRole(StatisticsReaders.Select(KefuRoles.Name)))
            .AddPolicy(SurveyAdminPolicy, p => p.RequireRole(SurveyAdmins.Select(KefuRoles.Name)))
            .AddPolicy(SurveyInvitePolicy, p => p.RequireRole(SurveyInviters.Select(KefuRoles.Name)));

        // VIS-01: the plan runs every morning and once at start-up.
        builder.AddDailyJob<VisitPlanJob>("visit-plan", 6, 0);
    }

    public static void MapVisits(this RouteGroupBuilder api)
    {
        var visits = api.MapGroup("/visits").WithTags("Visits").RequireAuthorization(Policies.ReadCustomers);
        visits.MapGet("/", ListVisits).WithName("ListVisits").WithSummary("VIS-01/02: visits in the caller's scope; status=Due gives the plan; reported=mine the visits sent up to the caller, reported=any every visit sent up.");
        visits.MapPost("/", RecordVisit).RequireWritePolicy(VisitPolicyName).WithName("RecordVisit")
              .WithSummary("VIS-02: a visit record (completes a planned visit when visitId is given); counts as the CUS-05 contact.");
        visits.MapPost("/plan", Plan).RequireWritePolicy(SurveyAdminPolicy).WithName("PlanVisits").WithSummary("VIS-01: runs the plan now (it also runs daily).");
        visits.MapPost("/cases/{id:int}/close", CloseCase).RequireWritePolicy(VisitPolicyName).WithName("CloseFollowUpCase");

        var callbacks = api.MapGroup("/callbacks").WithTags("Visits").RequireAuthorization(ReadCallbacksPolicy);
        callbacks.MapGet("/", ListCallbacks).WithName("ListCallbacks").WithSummary("VIS-03: completed jobs and their callbacks; status=Pending is the coordinator's list.");
        callbacks.MapPost("/", AddCallback).RequireWritePolicy(CallbackPolicyName).WithName("AddCallbackJob")
                 .WithSummary("VIS-03: a completed service job, entered by hand until field service feeds it.");
        callbacks.MapPost("/{id:int}/result", RecordCallback).RequireWritePolicy(CallbackPolicyName).WithName("RecordCallback");

        api.MapGet("/satisfaction", Statistics).WithTags("Visits").RequireAuthorization(StatisticsPolicy).WithName("SatisfactionStatistics")
           .WithSummary("VIS-04: the month's shares per technician, centre or branch, with the twelve-month trend.");

        var surveys = api.MapGroup("/surveys").WithTags("Surveys").RequireAuthorization(SurveyInvitePolicy);
        surveys.MapGet("/", ListSurveys).WithName("ListSurveys");
        surveys.MapGet("/{id:int}", GetSurvey).WithName("GetSurvey");
        surveys.MapPost("/", CreateSurvey).RequireWritePolicy(SurveyAdminPolicy).WithName("CreateSurvey");
        surveys.MapPut("/{id:int}", UpdateSurvey).RequireWritePolicy(SurveyAdminPolicy).WithName("UpdateSurvey");
        surveys.MapPost("/{id:int}/publish", Publish).RequireWritePolicy(SurveyAdminPolicy).WithName("PublishSurvey");
        surveys.MapPost("/{id:int}/invitations", Invite).RequireWritePolicy(SurveyInvitePolicy).WithName("InviteToSurvey").WithSummary("VIS-05: a signed, expiring, single-answer link for one respondent.");

        var answer = api.MapGroup("/public/surveys").WithTags("Surveys").AllowAnonymous();
        answer.MapGet("/{token}", OpenLink).WithName("OpenSurveyLink").WithSummary("VIS-05: the questionnaire behind a link, without an account.");
        answer.MapPost("/{token}", AnswerLink).AllowAnonymous().WithName("AnswerSurveyLink").DisableAntiforgery()
              .WithSummary("VIS-05: the one answer a link takes. 410 when expired or already answered, 404 when forged.");
    }

    /// <summary>The columns the visit list sorts on (page and API), after <paramref name="byDefault"/> when none is asked for.</summary>
    public static SortMap<Visit> VisitSorts(KefuDbContext db, Func<IQueryable<Visit>, IOrderedQueryable<Visit>> byDefault) => new SortMap<Visit>(byDefault, q => q.ThenBy(v => v.Id))
        .Add("customer", v => db.Set<Customer>().Where(c => c.Id == v.CustomerId).Select(c => c.Name).FirstOrDefault())
        .Add("grade", v => db.Set<Customer>().Where(c => c.Id == v.CustomerId).Select(c => c.Grade).FirstOrDefault())
        .Add("specialist", v => db.Users.Where(u => u.Id == v.OwnerId).Select(u => u.DisplayName).FirstOrDefault())
        .Add("due", v => v.DueOn).Add("done", v => v.DoneAt).Add("channel", v => v.Channel).Add("rating", v => v.Rating).Add("feedback", v => v.Feedback);

    /// <summary>The columns the callback list sorts on (page and API), after <paramref name="byDefault"/> when none is asked for.</summary>
    public static SortMap<ServiceCallback> CallbackSorts(KefuDbContext db, Func<IQueryable<ServiceCallback>, IOrderedQueryable<ServiceCallback>> byDefault) =>
        new SortMap<ServiceCallback>(byDefault, q => q.ThenBy(c => c.Id))
        .Add("job", c => c.JobReference).Add("customer", c => c.CustomerName)
        .Add("technician", c => db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault())
        .Add("completed", c => c.CompletedAt).Add("due", c => c.DueAt).Add("called", c => c.CalledAt).Add("rating", c => c.Rating).Add("comment", c => c.Comment);

    private static async Task<Results<Ok<Paged<VisitDto>>, ValidationProblem>> ListVisits(
        VisitStatus? status, int? customerId, string? reported, int? page, int? pageSize, string? sort, string? dir, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (reported is not null and not "mine" and not "any")
        {
            problems.Add("reported", "Validation.UnknownStatus");
        }

        var sorts = VisitSorts(db, q => q.OrderBy(v => v.Status).ThenBy(v => v.DueOn).ThenByDescending(v => v.DoneAt).ThenBy(v => v.Id));
        var order = ListSort.ForApi(sort, dir, sorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Set<Visit>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        query = status is { } s ? query.Where(v => v.Status == s) : query;
        query = customerId is { } c ? query.Where(v => v.CustomerId == c) : query;
        query = ReportedFilter(query, reported, current.UserId);
        var total = await query.CountAsync(ct);
        var items = await sorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<VisitDto>(items.Select(VisitUseCases.ToDto).ToArray(), p, size, total));
    }

    /// <summary>VIS-02: <c>reported=mine</c> gives the visits sent up to the caller, <c>reported=any</c> every visit sent up.</summary>
    internal static IQueryable<Visit> ReportedFilter(IQueryable<Visit> query, string? reported, string? userId) => reported switch
    {
        "mine" => query.Where(v => v.ReportedToId == userId),
        "any" => query.Where(v => v.ReportedToId != null),
        _ => query,
    };

    private static async Task<Results<Created<VisitDto>, ValidationProblem>> RecordVisit(VisitInput input, VisitUseCases visits, CurrentUser current, CancellationToken ct)
    {
        var (visit, problems) = await visits.RecordAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct);
        return visit is null ? problems.ToProblem() : TypedResults.Created($"/api/visits?customerId={visit.CustomerId}", VisitUseCases.ToDto(visit));
    }

    private static async Task<Ok<PlanResult>> Plan(VisitUseCases visits, CancellationToken ct) => TypedResults.Ok(new PlanResult(await visits.PlanAsync(ct)));

    private static async Task<Results<NoContent, NotFound>> CloseCase(int id, VisitUseCases visits, CurrentUser current, CancellationToken ct) =>
        await visits.CloseCaseAsync(await current.GetViewerAsync(ct), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<Paged<CallbackDto>>, ValidationProblem>> ListCallbacks(
        CallbackStatus? status, int? page, int? pageSize, string? sort, string? dir, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var sorts = CallbackSorts(db, q => q.OrderBy(c => c.Status).ThenBy(c => c.DueAt).ThenBy(c => c.Id));
        var order = ListSort.ForApi(sort, dir, sorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Set<ServiceCallback>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        query = status is { } s ? query.Where(c => c.Status == s) : query;
        var total = await query.CountAsync(ct);
        var items = await sorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<CallbackDto>(items.Select(VisitUseCases.ToDto).ToArray(), p, size, total));
    }

    private static async Task<Results<Created<CallbackDto>, ValidationProblem>> AddCallback(CallbackInput input, VisitUseCases visits, CurrentUser current, CancellationToken ct)
    {
        var (callback, problems) = await visits.AddCallbackAsync(await current.GetViewerAsync(ct), input, ct);
        return callback is null ? problems.ToProblem() : TypedResults.Created($"/api/callbacks/{callback.Id}", VisitUseCases.ToDto(callback));
    }

    private static async Task<Results<Ok<CallbackDto>, ValidationProblem, NotFound, Conflict>> RecordCallback(
        int id, CallbackResultInput input, VisitUseCases visits, CurrentUser current, CancellationToken ct)
    {
        var (callback, problems, conflict) = await visits.RecordCallbackAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct);
        return callback is null ? TypedResults.NotFound()
            : conflict ? TypedResults.Conflict()
            : problems.HasErrors ? problems.ToProblem()
            : TypedResults.Ok(VisitUseCases.ToDto(callback));
    }

    private static async Task<Results<Ok<SatisfactionMonth>, ValidationProblem>> Statistics(
        string? month, SatisfactionGrouping? by, SatisfactionReport report, CurrentUser current, TimeProvider clock, CancellationToken ct)
    {
        var first = month is null ? CompanyTime.Today(clock) : CompanyTime.ParseMonth(month);
        if (first is null)
        {
            return new ProblemBuilder().Add("month", "Validation.Month").ToProblem();
        }

        if (by is { } b && !Enum.IsDefined(b))
        {
            return new ProblemBuilder().Add("by", "Validation.UnknownStatus").ToProblem();
        }

        return TypedResults.Ok(await report.MonthAsync(await current.GetViewerAsync(ct), first.Value, by ?? SatisfactionGrouping.Technician, ct));
    }

    private static async Task<Ok<List<SurveyDto>>> ListSurveys(KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var surveys = await db.Set<Survey>().AsNoTracking().Where(SurveyVisibility(viewer)).OrderByDescending(s => s.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(surveys.Select(SurveyUseCases.ToDto).ToList());
    }

    private static async Task<Results<Ok<SurveyDto>, NotFound>> GetSurvey(int id, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await db.Set<Survey>().AsNoTracking().Where(SurveyVisibility(await current.GetViewerAsync(ct))).SingleOrDefaultAsync(s => s.Id == id, ct) is { } survey
            ? TypedResults.Ok(SurveyUseCases.ToDto(survey))
            : TypedResults.NotFound();

    internal static System.Linq.Expressions.Expression<Func<Survey, bool>> SurveyVisibility(ScopeViewer viewer) => SurveyUseCases.SendableBy(viewer);

    private static async Task<Results<Created<SurveyDto>, ValidationProblem>> CreateSurvey(SurveyInput input, SurveyUseCases surveys, CurrentUser current, CancellationToken ct)
    {
        var (survey, problems) = await surveys.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct);
        return survey is null ? problems.ToProblem() : TypedResults.Created($"/api/surveys/{survey.Id}", SurveyUseCases.ToDto(survey));
    }

    private static async Task<Results<Ok<SurveyDto>, ValidationProblem, NotFound, Conflict>> UpdateSurvey(
        int id, SurveyInput input, SurveyUseCases surveys, CurrentUser current, CancellationToken ct)
    {
        var (survey, problems, conflict) = await surveys.UpdateAsync(await current.GetViewerAsync(ct), id, input, ct);
        return survey is null ? TypedResults.NotFound()
            : conflict ? TypedResults.Conflict()
            : problems.HasErrors ? problems.ToProblem()
            : TypedResults.Ok(SurveyUseCases.ToDto(survey));
    }

    private static async Task<Results<Ok<SurveyDto>, NotFound>> Publish(int id, SurveyUseCases surveys, CurrentUser current, CancellationToken ct) =>
        await surveys.PublishAsync(await current.GetViewerAsync(ct), id, ct) is { } survey ? TypedResults.Ok(SurveyUseCases.ToDto(survey)) : TypedResults.NotFound();

    private static async Task<Results<Created<InvitationDto>, ValidationProblem, NotFound>> Invite(
        int id, InvitationInput input, SurveyUseCases surveys, KefuDbContext db, CurrentUser current, HttpRequest request, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if (!await db.Set<Survey>().Where(SurveyVisibility(viewer)).AnyAsync(s => s.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var (invitation, link, problems) = await surveys.InviteAsync(viewer, current.UserId!, id, input, $"{request.Scheme}://{request.Host}", ct);
        return invitation is null ? problems.ToProblem() : TypedResults.Created(link!, SurveyUseCases.ToDto(invitation, link));
    }

    private static async Task<Results<Ok<PublicSurvey>, NotFound, ProblemHttpResult>> OpenLink(string token, SurveyUseCases surveys, CancellationToken ct)
    {
        var opened = await surveys.OpenAsync(token, ct);
        return opened.State switch
        {
            LinkState.Invalid => TypedResults.NotFound(),
            LinkState.Open => TypedResults.Ok(new PublicSurvey(opened.Survey!.Title, opened.Survey.TitleEn, opened.Invitation!.RespondentName, opened.Questions)),
            _ => Gone(opened.State),
        };
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> AnswerLink(string token, SurveyAnswers input, SurveyUseCases surveys, CancellationToken ct)
    {
        var (state, problems) = await surveys.AnswerAsync(token, input, ct);
        return state switch
        {
            LinkState.Invalid => TypedResults.NotFound(),
            LinkState.Open when problems.HasErrors => problems.ToProblem(),
            LinkState.Open => TypedResults.NoContent(),
            _ => Gone(state),
        };
    }

    private static ProblemHttpResult Gone(LinkState state) =>
        TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: Kefu.Web.Platform.Localization.Text.Get("Survey.Link." + state));
}

public sealed record PlanResult(int Created);

public sealed record PublicSurvey(string Title, string? TitleEn, string RespondentName, IReadOnlyList<SurveyQuestion> Questions);

/// <summary>VIS-01's recurring plan.</summary>
public sealed class VisitPlanJob(VisitUseCases visits) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await visits.PlanAsync(cancellationToken);
}
