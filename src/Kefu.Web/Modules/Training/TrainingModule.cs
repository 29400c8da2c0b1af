using System.Globalization;
using System.Security.Claims;
using Kefu.Core.Organization;
using Kefu.Core.Training;
using Kefu.Web.Data;
using Kefu.Web.Modules.Training.Contracts;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training;

public sealed record CourseAttachmentDto(long Id, string FileName, string ContentType, long Size);

public sealed record AttemptSummaryDto(int Id, int ExamId, string ExamTitle, string OwnerId, string OwnerName, int Number, AttemptStatus Status, DateTime StartedAt,
    DateTime? SubmittedAt, bool Late, int Score, int MaxScore);

/// <summary>Training and exams (TRN-01..03) and the on-duty gate (TRN-04).</summary>
public static class TrainingModule
{
    public const string ManagePolicy = "ManageTraining";
    public const string GradePolicy = "GradeTraining";
    public const string AttachmentType = "TrainingCourse";

    /// <summary>Who writes courses, banks, exams and plans.</summary>
    internal static readonly Role[] Managers = [Role.CentreSupervisor, Role.BranchGm, Role.CsManager, Role.CsDirector, Role.QcManager, Role.SystemAdministrator];

    /// <summary>Who grades short answers and sees the banks: the managers and team leaders (trainers in the seeds).</summary>
    internal static readonly Role[] Trainers = [Role.TeamLeader, .. Managers];

    internal static bool CanManage(CurrentUser current) => Managers.Any(current.IsInRole);

    internal static bool CanGrade(CurrentUser current) => Trainers.Any(current.IsInRole);

    /// <summary>Pages' counterpart of <see cref="WritePolicy.Act"/>: anyone who does work (every role but the read-only auditor).</summary>
    internal static async Task<bool> CanActAsync(CurrentUser current, CancellationToken ct) =>
        (await current.GetRolesAsync(ct)).Any(r => r != Role.ReadOnlyAuditor);

    public static void AddTraining(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CourseUseCases>();
        builder.Services.AddScoped<AttemptUseCases>();
        builder.Services.AddScoped<PlanUseCases>();
        builder.Services.AddScoped<DutyUseCases>();
        builder.Services.AddScoped<OnDutyGate>();
        builder.Services.AddScoped<IOnDutyGate>(sp => sp.GetRequiredService<OnDutyGate>());
        builder.Services.AddScoped<IOnboarding>(sp => sp.GetRequiredService<OnDutyGate>());
        builder.Services.AddScoped<Platform.Seeding.IDemoDataSeeder, TrainingDemoSeeder>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ManagePolicy, p => p.RequireRole(Managers.Select(KefuRoles.Name)))
            .AddPolicy(GradePolicy, p => p.RequireRole(Trainers.Select(KefuRoles.Name)));
    }

    public static void MapTraining(this RouteGroupBuilder api)
    {
        var t = api.MapGroup("/training").WithTags("Training").RequireAuthorization();
        t.MapGet("/courses", ListCourses).WithName("ListCourses").WithSummary("TRN-01: the courses by category (published ones; managers see drafts too).");
        t.MapGet("/courses/{id:int}", GetCourse).WithName("GetCourse");
        t.MapPost("/courses", CreateCourse).RequireWritePolicy(ManagePolicy).WithName("CreateCourse");
        t.MapPut("/courses/{id:int}", UpdateCourse).RequireWritePolicy(ManagePolicy).WithName("UpdateCourse");
        t.MapPost("/courses/{id:int}/attachments", Attach).RequireWritePolicy(ManagePolicy).DisableAntiforgery().WithName("AttachToCourse")
            .WithSummary("TRN-01: a file of the course's material (multipart: file).");
        t.MapGet("/courses/{id:int}/attachments/{attachmentId:long}", Download).WithName("DownloadCourseAttachment");
        t.MapGet("/courses/{id:int}/questions", ListQuestions).RequireAuthorization(GradePolicy).WithName("ListCourseQuestions").WithSummary("TRN-02: the course's question bank, with the correct options.");
        t.MapPost("/courses/{id:int}/questions", AddQuestion).RequireWritePolicy(ManagePolicy).WithName("AddCourseQuestion");
        t.MapPost("/questions/{id:int}/retire", RetireQuestion).RequireWritePolicy(ManagePolicy).WithName("RetireQuestion")
            .WithSummary("TRN-02: new attempts no longer draw the question; attempts made keep it.");

        t.MapGet("/exams", ListExams).WithName("ListExams");
        t.MapGet("/exams/{id:int}", GetExam).WithName("GetExam");
        t.MapPost("/exams", CreateExam).RequireWritePolicy(ManagePolicy).WithName("CreateExam")
            .WithSummary("TRN-02: an exam drawn from the banks of its courses; pass mark, time limit, attempts limit and question count default to the training policy.");
        t.MapPut("/exams/{id:int}", UpdateExam).RequireWritePolicy(ManagePolicy).WithName("UpdateExam");
        t.MapPost("/exams/{id:int}/attempts", Start).RequireWritePolicy(WritePolicy.Act).WithName("StartExamAttempt")
            .WithSummary("TRN-02: starts an attempt: questions and options shuffled from the attempt's seed; 400 when no attempt is left.");
        t.MapGet("/attempts", ListAttempts).WithName("ListExamAttempts").WithSummary("TRN-02: attempts in scope (own ones for a trainee); status=AwaitingGrading is the graders' list.");
        t.MapGet("/attempts/{id:int}", GetAttempt).WithName("GetExamAttempt");
        t.MapPost("/attempts/{id:int}/submit", Submit).RequireWritePolicy(WritePolicy.Act).WithName("SubmitExamAttempt")
            .WithSummary("TRN-02: the answers (option keys, texts); a submission after the time limit is kept and scores nothing.");
        t.MapPost("/attempts/{id:int}/grade", Grade).RequireWritePolicy(GradePolicy).WithName("GradeExamAttempt").WithSummary("TRN-02: a trainer's points for the short answers.");

        t.MapGet("/plans", ListPlans).WithName("ListTrainingPlans").WithSummary("TRN-03: plans of a year (and month) with sessions and attendance.");
        t.MapGet("/plans/{id:int}", GetPlan).WithName("GetTrainingPlan");
        t.MapPost("/plans", CreatePlan).RequireWritePolicy(ManagePolicy).WithName("CreateTrainingPlan");
        t.MapPost("/plans/{id:int}/sessions", AddSession).RequireWritePolicy(ManagePolicy).WithName("AddTrainingSession");
        t.MapPost("/sessions/{id:int}/sign-in", SignIn).RequireWritePolicy(WritePolicy.Act).WithName("SignInToSession").WithSummary("TRN-03: the trainee signs in.");
        t.MapPost("/sessions/{id:int}/attendance/{traineeId}/confirm", Confirm).RequireWritePolicy(WritePolicy.Act).WithName("ConfirmAttendance")
            .WithSummary("TRN-03: the session's trainer (or a training manager of its unit) confirms a trainee's sign-in.");

        t.MapGet("/duty", NotOnDuty).RequireAuthorization(Policies.ReadStaff).WithName("ListNotOnDuty").WithSummary("TRN-04: staff in scope who are not on duty, and why.");
        t.MapPost("/duty/{userId}/exemption", Exempt).RequireWritePolicy(Policies.Administer).WithName("ExemptFromOnboarding")
            .WithSummary("TRN-04: an administrator exempts a new employee from the onboarding exam (audited).");

        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Administer);
        settings.MapGet("/training-policy", async (PolicyStore store, CancellationToken ct) => TypedResults.Ok(await store.GetAsync<TrainingPolicy>(TrainingPolicy.Key, ct)))
            .WithName("GetTrainingPolicy");
        settings.MapPut("/training-policy", SavePolicy).RequireWritePolicy(Policies.Administer).WithName("SaveTrainingPolicy")
            .WithSummary("TRN-02's defaults: pass mark, time limit, attempts limit, question count, grace after the limit.");
    }

    private static async Task<Results<NoContent, ValidationProblem>> SavePolicy(TrainingPolicy input, PolicyStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        foreach (var (field, min, max) in input.Validate())
        {
            problems.Add(field, "Policy.OutOfRange", min, max);
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        await store.SaveAsync(TrainingPolicy.Key, input, user.Identity?.Name, ct);
        return TypedResults.NoContent();
    }

    internal static IQueryable<TrainingCourse> Courses(KefuDbContext db, CurrentUser current) =>
        CanManage(current) ? db.Set<TrainingCourse>() : db.Set<TrainingCourse>().Where(c => c.Published);

    internal static IQueryable<TrainingExam> Exams(KefuDbContext db, CurrentUser current) =>
        CanManage(current) ? db.Set<TrainingExam>() : db.Set<TrainingExam>().Where(e => e.Published);

    private static async Task<Results<Ok<List<CourseDto>>, ValidationProblem>> ListCourses(CourseCategory? category, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        if (category is { } c && !Enum.IsDefined(c))
        {
            return new ProblemBuilder().Add("category", "Validation.UnknownStatus").ToProblem();
        }

        var query = Courses(db, current).AsNoTracking();
        query = category is { } k ? query.Where(x => x.Category == k) : query;
        var rows = await query.OrderBy(x => x.Category).ThenBy(x => x.Id).Select(x => new { Course = x, Questions = db.Set<TrainingQuestion>().Count(q => q.CourseId == x.Id && !q.Retired) })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => CourseUseCases.ToDto(r.Course, r.Questions)).ToList());
    }

    private static async Task<Results<Ok<CourseDto>, NotFound>> GetCourse(int id, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await Courses(db, current).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } course
            ? TypedResults.Ok(CourseUseCases.ToDto(course, await db.Set<TrainingQuestion>().CountAsync(q => q.CourseId == id && !q.Retired, ct)))
            : TypedResults.NotFound();

    private static async Task<Results<Created<CourseDto>, ValidationProblem>> CreateCourse(CourseInput input, CourseUseCases courses, CurrentUser current, CancellationToken ct)
    {
        var (course, problems, _) = await courses.SaveCourseAsync(null, current.UserId!, input, ct);
        return course is null ? problems.ToProblem() : TypedResults.Created($"/api/training/courses/{course.Id}", CourseUseCases.ToDto(course, 0));
    }

    private static async Task<Results<Ok<CourseDto>, ValidationProblem, NotFound, Conflict>> UpdateCourse(int id, CourseInput input, CourseUseCases courses, CurrentUser current, CancellationToken ct)
    {
        var (course, problems, conflict) = await courses.SaveCourseAsync(id, current.UserId!, input, ct);
        return course is null ? TypedResults.NotFound()
            : conflict ? TypedResults.Conflict()
            : problems.HasErrors ? problems.ToProblem()
            : TypedResults.Ok(CourseUseCases.ToDto(course, 0));
    }

    private static async Task<Results<Created<CourseAttachmentDto>, ValidationProblem, NotFound>> Attach(int id, IFormCollection form, KefuDbContext db, AttachmentStore store, CurrentUser current, CancellationToken ct)
    {
        if (!await db.Set<TrainingCourse>().AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var (saved, problems) = await store.SaveAsync(AttachmentType, id.ToString(CultureInfo.InvariantCulture), "Material", form.Files.GetFile("file"), current.UserId!, ct);
        if (saved is null)
        {
            return problems.ToProblem();
        }

        // The store adds the row; the file's record is saved here, as every module does with its own.
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/training/courses/{id}/attachments/{saved.Id}", new CourseAttachmentDto(saved.Id, saved.FileName, saved.ContentType, saved.Size));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> Download(int id, long attachmentId, KefuDbContext db, CurrentUser current, AttachmentStore store, CancellationToken ct)
    {
        if (!await Courses(db, current).AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var attachment = (await store.ForRecordAsync(AttachmentType, id.ToString(CultureInfo.InvariantCulture), ct)).SingleOrDefault(a => a.Id == attachmentId);
        return attachment is null ? TypedResults.NotFound() : TypedResults.File(store.Open(attachment), attachment.ContentType, attachment.FileName);
    }

    private static async Task<Results<Ok<List<QuestionDto>>, NotFound>> ListQuestions(int id, KefuDbContext db, CancellationToken ct)
    {
        if (!await db.Set<TrainingCourse>().AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var questions = await db.Set<TrainingQuestion>().AsNoTracking().Where(q => q.CourseId == id).OrderBy(q => q.Id).ToListAsync(ct);
        return TypedResults.Ok(questions.Select(CourseUseCases.ToDto).ToList());
    }

    private static async Task<Results<Created<QuestionDto>, ValidationProblem, NotFound>> AddQuestion(int id, QuestionInput input, CourseUseCases courses, CancellationToken ct)
    {
        var (question, problems, found) = await courses.AddQuestionAsync(id, input, ct);
        return !found ? TypedResults.NotFound()
            : question is null ? problems.ToProblem()
            : TypedResults.Created($"/api/training/courses/{id}/questions", CourseUseCases.ToDto(question));
    }

    private static async Task<Results<Ok<QuestionDto>, NotFound>> RetireQuestion(int id, CourseUseCases courses, CancellationToken ct) =>
        await courses.RetireQuestionAsync(id, ct) is { } q ? TypedResults.Ok(CourseUseCases.ToDto(q)) : TypedResults.NotFound();

    private static async Task<Ok<List<ExamDto>>> ListExams(KefuDbContext db, CourseUseCases courses, CurrentUser current, CancellationToken ct)
    {
        var exams = await Exams(db, current).AsNoTracking().OrderByDescending(e => e.Onboarding).ThenBy(e => e.Id).Take(500).ToListAsync(ct);
        var result = new List<ExamDto>();
        foreach (var e in exams)
        {
            result.Add(await courses.ToDtoAsync(e, ct));
        }

        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<ExamDto>, NotFound>> GetExam(int id, KefuDbContext db, CourseUseCases courses, CurrentUser current, CancellationToken ct) =>
        await Exams(db, current).AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is { } exam ? TypedResults.Ok(await courses.ToDtoAsync(exam, ct)) : TypedResults.NotFound();

    private static async Task<Results<Created<ExamDto>, ValidationProblem>> CreateExam(ExamInput input, CourseUseCases courses, CancellationToken ct)
    {
        var (exam, problems, _) = await courses.SaveExamAsync(null, input, ct);
        return exam is null ? problems.ToProblem() : TypedResults.Created($"/api/training/exams/{exam.Id}", await courses.ToDtoAsync(exam, ct));
    }

    private static async Task<Results<Ok<ExamDto>, ValidationProblem, NotFound, Conflict>> UpdateExam(int id, ExamInput input, CourseUseCases courses, CancellationToken ct)
    {
        var (exam, problems, conflict) = await courses.SaveExamAsync(id, input, ct);
        return exam is null ? TypedResults.NotFound()
            : conflict ? TypedResults.Conflict()
            : problems.HasErrors ? problems.ToProblem()
            : TypedResults.Ok(await courses.ToDtoAsync(exam, ct));
    }

    internal static IResult Answer(AttemptResult result, Func<ExamAttempt, IResult> ok) => result switch
    {
        AttemptResult.Ok done => ok(done.Attempt),
        AttemptResult.Invalid invalid => invalid.Problems.ToProblem(),
        AttemptResult.NotFound => TypedResults.NotFound(),
        AttemptResult.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Platform.Localization.Text.Get(conflict.Key)),
        _ => throw new InvalidOperationException(),
    };

    private static async Task<IResult> Start(int id, AttemptUseCases attempts, CurrentUser current, CancellationToken ct)
    {
        var result = await attempts.StartAsync(current.UserId!, id, ct);
        var dto = result is AttemptResult.Ok ok ? await attempts.ToDtoAsync(ok.Attempt, ct) : null;
        return Answer(result, a => TypedResults.Created($"/api/training/attempts/{a.Id}", dto));
    }

    private static async Task<Results<Ok<Paged<AttemptSummaryDto>>, ValidationProblem>> ListAttempts(
        AttemptStatus? status, int? examId, int? page, int? pageSize, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        if (status is { } s && !Enum.IsDefined(s))
        {
            return new ProblemBuilder().Add("status", "Validation.UnknownStatus").ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Set<ExamAttempt>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        query = status is { } st ? query.Where(a => a.Status == st) : query;
        query = examId is { } e ? query.Where(a => a.ExamId == e) : query;
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id).Skip((p - 1) * size).Take(size)
            .Select(a => new AttemptSummaryDto(a.Id, a.ExamId, db.Set<TrainingExam>().Where(x => x.Id == a.ExamId).Select(x => x.Title).First(), a.OwnerId,
                db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName).First(), a.Number, a.Status, a.StartedAt, a.SubmittedAt, a.Late, a.Score, a.MaxScore))
            .ToListAsync(ct);
        return TypedResults.Ok(new Paged<AttemptSummaryDto>(rows, p, size, total));
    }

    private static async Task<Results<Ok<AttemptDto>, NotFound>> GetAttempt(int id, AttemptUseCases attempts, CurrentUser current, CancellationToken ct) =>
        await attempts.FindAsync(await current.GetViewerAsync(ct), id, ct) is { } attempt ? TypedResults.Ok(await attempts.ToDtoAsync(attempt, ct)) : TypedResults.NotFound();

    private static async Task<IResult> Submit(int id, SubmitInput input, AttemptUseCases attempts, CurrentUser current, CancellationToken ct)
    {
        var result = await attempts.SubmitAsync(current.UserId!, id, input, ct);
        var dto = result is AttemptResult.Ok ok ? await attempts.ToDtoAsync(ok.Attempt, ct) : null;
        return Answer(result, _ => TypedResults.Ok(dto));
    }

    private static async Task<IResult> Grade(int id, GradeInput input, AttemptUseCases attempts, CurrentUser current, CancellationToken ct)
    {
        var result = await attempts.GradeAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct);
        var dto = result is AttemptResult.Ok ok ? await attempts.ToDtoAsync(ok.Attempt, ct) : null;
        return Answer(result, _ => TypedResults.Ok(dto));
    }

    private static async Task<Results<Ok<IReadOnlyList<PlanDto>>, ValidationProblem>> ListPlans(int? year, int? month, PlanUseCases plans, CurrentUser current, TimeProvider clock, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (year is { } y && y is < 2000 or > 2100)
        {
            problems.Add("year", "Policy.OutOfRange", 2000, 2100);
        }

        if (month is { } m && m is < 1 or > 12)
        {
            problems.Add("month", "Policy.OutOfRange", 1, 12);
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var theYear = year ?? Platform.CompanyTime.Today(clock).Year;
        var query = (await plans.VisibleAsync(await current.GetViewerAsync(ct), ct)).AsNoTracking().Where(p => p.Year == theYear);
        query = month is { } mm ? query.Where(p => p.Month == mm) : query;
        var rows = await query.OrderBy(p => p.Month).ThenBy(p => p.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(await plans.ToDtosAsync(rows, ct));
    }

    private static async Task<Results<Ok<PlanDto>, NotFound>> GetPlan(int id, PlanUseCases plans, CurrentUser current, CancellationToken ct) =>
        await (await plans.VisibleAsync(await current.GetViewerAsync(ct), ct)).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } plan
            ? TypedResults.Ok(await plans.ToDtoAsync(plan, ct))
            : TypedResults.NotFound();

    private static async Task<Results<Created<PlanDto>, ValidationProblem>> CreatePlan(PlanInput input, PlanUseCases plans, CurrentUser current, CancellationToken ct)
    {
        var (plan, problems) = await plans.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct);
        return plan is null ? problems.ToProblem() : TypedResults.Created($"/api/training/plans/{plan.Id}", await plans.ToDtoAsync(plan, ct));
    }

    private static async Task<Results<Created<PlanDto>, ValidationProblem, NotFound>> AddSession(int id, SessionInput input, PlanUseCases plans, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (session, problems, found) = await plans.AddSessionAsync(await current.GetViewerAsync(ct), id, input, ct);
        if (!found)
        {
            return TypedResults.NotFound();
        }

        return session is null ? problems.ToProblem()
            : TypedResults.Created($"/api/training/plans/{id}", await plans.ToDtoAsync(await db.Set<TrainingPlan>().AsNoTracking().SingleAsync(p => p.Id == id, ct), ct));
    }

    private static async Task<Results<Ok<AttendanceDto>, NotFound>> SignIn(int id, PlanUseCases plans, CurrentUser current, CancellationToken ct)
    {
        var row = await plans.SignInAsync(await current.GetViewerAsync(ct), id, ct);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(new AttendanceDto(row.TraineeId, (await current.GetUserAsync(ct)).DisplayName, row.SignedInAt, row.ConfirmedAt, null));
    }

    private static async Task<Results<Ok<AttendanceDto>, NotFound, ValidationProblem>> Confirm(int id, string traineeId, PlanUseCases plans, CurrentUser current, KefuDbContext db, CancellationToken ct)
    {
        var (row, found) = await plans.ConfirmAsync(await current.GetViewerAsync(ct), CanManage(current), id, traineeId, ct);
        if (!found)
        {
            return TypedResults.NotFound();
        }

        if (row is null)
        {
            return new ProblemBuilder().Add("traineeId", "Training.NotSignedIn").ToProblem();
        }

        var name = await db.Users.Where(u => u.Id == row.TraineeId).Select(u => u.DisplayName).SingleAsync(ct);
        return TypedResults.Ok(new AttendanceDto(row.TraineeId, name, row.SignedInAt, row.ConfirmedAt, (await current.GetUserAsync(ct)).DisplayName));
    }

    private static async Task<Ok<IReadOnlyList<DutyDto>>> NotOnDuty(DutyUseCases duty, CurrentUser current, CancellationToken ct) =>
        TypedResults.Ok(await duty.NotOnDutyAsync(await current.GetViewerAsync(ct), ct));

    private static async Task<Results<NoContent, ValidationProblem, NotFound>> Exempt(string userId, ExemptionInput input, DutyUseCases duty, CurrentUser current, CancellationToken ct)
    {
        var (found, problems) = await duty.ExemptAsync(current.UserId!, userId, input, ct);
        return !found ? TypedResults.NotFound() : problems.HasErrors ? problems.ToProblem() : TypedResults.NoContent();
    }
}
