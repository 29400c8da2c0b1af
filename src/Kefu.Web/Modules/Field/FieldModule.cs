using Kefu.Core.Field;
using Kefu.Core.Organization;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field;

public sealed record JobDto(
    int Id, string Number, JobKind Type, ServiceMode Mode, JobSource Source, JobPriority Priority, JobState State, int? CustomerId, string CustomerName,
    string? SiteAddress, double? SiteLatitude, double? SiteLongitude, string? ContactName, string? ContactPhone, string? ReporterName, string Problem, string? Skill,
    string? OrderReference, string? TechnicianId, int CentreId, DateTime ReceivedAt, DateTime? AssignedAt, DateTime? AcceptedAt, DateTime? SetOutAt,
    DateTime? ArrivedAt, DateTime? FinishedAt, DateTime? SignedAt, DateTime? ClosedAt, DateTime? CancelledAt, string? CancelReason, string? WorkDone,
    string? SignedBy, SatisfactionRating? SpotRating, IssueKind? Issue, bool? CooperationFormCharged, bool? Charged, ChargeReason? ChargeReason,
    decimal ChargeYuan, decimal PriceListYuan, DateTime? DisputedAt, string? DisputeNote, string? DisputeDecidedBy, DateTime? DisputeDecidedAt,
    RepairStage? Stage, int? CallbackId, int Points, int Version);

public sealed record JobEventDto(DateTime At, string? Actor, string Kind, string? Technician, string? Note);

public sealed record JobDetailDto(JobDto Job, IReadOnlyList<JobDevice> Devices, IReadOnlyList<JobPart> Parts, IReadOnlyList<JobEventDto> History, IReadOnlyList<TimerDto> Deadlines);

public sealed record PositionInput(double? Latitude, double? Longitude);

public sealed record DutyInput(bool? OffDuty);

public sealed record PriceItemInput(string? Code, string? Name, string? NameEn, PriceItemKind? Kind, JobKind? ForType, decimal? PriceYuan, bool? Active);

/// <summary>Field service and charges (FLD-01..08, CHG-01..04): jobs, the dispatch board, the technician's steps, the price list.</summary>
public static class FieldModule
{
    public const string ReadPolicy = "ReadJobs";
    public const string CreatePolicy = "CreateJobs";
    public const string DispatchPolicy = "DispatchJobs";
    public const string WorkPolicy = "WorkJobs";
    public const string PricePolicy = "ManagePriceList";

    internal static readonly Role[] Dispatchers = [Role.Coordinator, Role.TeamLeader, Role.CentreSupervisor, Role.BranchGm, Role.CsManager, Role.CsDirector, Role.SystemAdministrator];
    internal static readonly Role[] Creators = [Role.CsSpecialist, .. Dispatchers];
    internal static readonly Role[] Workers = [Role.FieldEngineer, .. Dispatchers];
    internal static readonly Role[] Readers = [Role.FieldEngineer, .. Creators, Role.QcManager, Role.Gm, Role.Vp, Role.ReadOnlyAuditor];
    internal static readonly Role[] PriceAdmins = [Role.CsManager, Role.CsDirector, Role.SystemAdministrator];

    public static void AddField(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<JobUseCases>();
        builder.Services.AddScoped<JobProgress>();
        builder.Services.AddScoped<PriceImport>();
        builder.Services.AddScoped<DispatchBoard>();
        builder.AddResidentTeam();
        builder.Services.AddSingleton<DispatchSignals>();
        builder.Services.AddScoped<Platform.Seeding.IDemoDataSeeder, FieldDemoSeeder>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, MyJobsWidget>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, BoardCountsWidget>();
        builder.Services.AddScoped<Customers.ICustomerAnalysisSection, ServiceAnalysis>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.RequireRole(Readers.Select(KefuRoles.Name)))
            .AddPolicy(CreatePolicy, p => p.RequireRole(Creators.Select(KefuRoles.Name)))
            .AddPolicy(DispatchPolicy, p => p.RequireRole(Dispatchers.Select(KefuRoles.Name)))
            .AddPolicy(WorkPolicy, p => p.RequireRole(Workers.Select(KefuRoles.Name)))
            .AddPolicy(PricePolicy, p => p.RequireRole(PriceAdmins.Select(KefuRoles.Name)));
    }

    public static void MapField(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapHub<DispatchHub>(DispatchHub.Path);
        ResidentTeamApi.MapResidentTeam(api);
        var jobs = api.MapGroup("/field/jobs").WithTags("Field service").RequireAuthorization(ReadPolicy);
        jobs.MapGet("/", List).WithName("ListJobs").WithSummary("Jobs in the caller's scope (a technician sees their own); state=Open gives the open ones.");
        jobs.MapGet("/{id:int}", Get).WithName("GetJob").WithSummary("FLD-05/07: a job with its devices, parts, whole history and clocks.");
        jobs.MapPost("/", Create).RequireWritePolicy(CreatePolicy).WithName("CreateJob")
            .WithSummary("FLD-01/05: a repair call, installation or inspection; numbered per type. A retry with the same requestKey returns the first job.");
        jobs.MapPost("/{id:int}/assign", Assign).RequireWritePolicy(DispatchPolicy).WithName("AssignJob")
            .WithSummary("FLD-06/07: assigns a technician (a hand-over when the job has one); FLD-02's set-out clock starts for mobile service.");
        jobs.MapGet("/{id:int}/suggestions", Suggest).RequireAuthorization(DispatchPolicy).WithName("SuggestTechnicians").WithSummary("FLD-06: technicians ranked by skill, distance and load.");
        jobs.MapPost("/{id:int}/accept", (int id, StepInput input, JobProgress p, CurrentUser c, CancellationToken ct) => Step(id, JobAction.Accept, input, p, c, ct))
            .RequireWritePolicy(WorkPolicy).WithName("AcceptJob");
        jobs.MapPost("/{id:int}/set-out", (int id, StepInput input, JobProgress p, CurrentUser c, CancellationToken ct) => Step(id, JobAction.SetOut, input, p, c, ct))
            .RequireWritePolicy(WorkPolicy).WithName("SetOut").WithSummary("FLD-02: stops the set-out clock.");
        jobs.MapPost("/{id:int}/arrive", (int id, StepInput input, JobProgress p, CurrentUser c, CancellationToken ct) => Step(id, JobAction.Arrive, input, p, c, ct))
            .RequireWritePolicy(WorkPolicy).WithName("Arrive").WithSummary("FLD-03: stops the on-site clock.");
        jobs.MapPost("/{id:int}/finish", Finish).RequireWritePolicy(WorkPolicy).WithName("FinishJob")
            .WithSummary("FLD-05, CHG-01..04: work done, parts and the charge decision; creates the VIS-03 callback.");
        jobs.MapPost("/{id:int}/sign", Sign).RequireWritePolicy(WorkPolicy).WithName("SignJob").WithSummary("FLD-05: the customer's signature (PNG data URL).");
        jobs.MapPost("/{id:int}/photos", Photo).RequireWritePolicy(WorkPolicy).WithName("AddJobPhoto").DisableAntiforgery();
        jobs.MapPost("/{id:int}/dispute", Dispute).RequireWritePolicy(WorkPolicy).WithName("DisputeCharge").WithSummary("CHG-03: the customer disputes the charge.");
        jobs.MapPost("/{id:int}/decision", Decide).RequireWritePolicy(WorkPolicy).WithName("DecideCharge").WithSummary("CHG-03/04: the salesperson's decision, recorded.");
        jobs.MapPost("/{id:int}/stage", Stage).RequireWritePolicy(DispatchPolicy).WithName("RepairStage").WithSummary("FLD-08: the next stage of an out-of-warranty repair.");
        jobs.MapPost("/{id:int}/close", Close).RequireWritePolicy(DispatchPolicy).WithName("CloseJob");
        jobs.MapPost("/{id:int}/cancel", Cancel).RequireWritePolicy(DispatchPolicy).WithName("CancelJob");

        api.MapGet("/field/board", Board).WithTags("Field service").RequireAuthorization(DispatchPolicy).WithName("DispatchBoard")
            .WithSummary("FLD-06: open jobs with their nearest clock, technicians with state, load and position.");
        var me = api.MapGroup("/field/me").WithTags("Field service").RequireAuthorization(WorkPolicy);
        me.MapPost("/position", Position).RequireWritePolicy(WorkPolicy).WithName("ReportPosition").WithSummary("FLD-06: the phone's position, sent with the technician's consent.");
        me.MapPost("/duty", Duty).RequireWritePolicy(WorkPolicy).WithName("SetDuty");

        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Administer);
        settings.MapGet("/field-policy", async (Platform.Settings.PolicyStore store, CancellationToken ct) => TypedResults.Ok(await store.GetAsync<FieldPolicy>(FieldPolicy.Key, ct)))
            .WithName("GetFieldPolicy");
        settings.MapPut("/field-policy", SavePolicy).RequireWritePolicy(Policies.Administer).WithName("SaveFieldPolicy")
            .WithSummary("The numbers of FLD-02..08 and CHG-02 (minutes, team threshold, stage limits, free visits and days, ranking weights, points).");

        var prices = api.MapGroup("/field/price-items").WithTags("Field service").RequireAuthorization(ReadPolicy);
        prices.MapGet("/", Prices).WithName("ListPriceItems").WithSummary("CHG-02: the price list (服务收费标准).");
        prices.MapPost("/", AddPrice).RequireWritePolicy(PricePolicy).WithName("AddPriceItem");
        prices.MapGet("/export", (KefuDbContext db, CancellationToken ct) => PriceImport.ExportAsync(db, ct)).WithName("ExportPriceItems")
              .WithSummary("PLT-05: the whole price list as an Excel sheet in the import's columns.");
        prices.MapGet("/import/template", () => TypedResults.File(PriceImport.Template(), Platform.Export.TableExport.XlsxContentType, "price-list-template.xlsx"))
              .RequireAuthorization(PricePolicy).WithName("PriceItemImportTemplate");
        prices.MapPost("/import", ImportPrices).RequireWritePolicy(PricePolicy).DisableAntiforgery().WithName("ImportPriceItems")
              .WithSummary("PLT-05 / CHG-02: price lines from an Excel sheet (multipart 'file'), keyed by code: a new code adds a line, a known one changes it. "
                           + "Valid rows saved together, bad rows reported by row and field; a file that is not a workbook or breaks a limit of Kefu:Import is refused whole: 400 naming 'file'.");
        prices.MapPut("/{id:int}", UpdatePrice).RequireWritePolicy(PricePolicy).WithName("UpdatePriceItem");
    }

    internal static bool CanDispatch(CurrentUser current) => Dispatchers.Any(current.IsInRole);

    private static async Task<Ok<Paged<JobDto>>> List(string? state, string? technicianId, int? page, int? pageSize, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Set<ServiceJob>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        if (state == "Open")
        {
            query = query.Where(j => j.State == JobState.New || j.State == JobState.Assigned || j.State == JobState.SetOut || j.State == JobState.Arrived);
        }
        else if (Enum.TryParse<JobState>(state, ignoreCase: false, out var s) && Enum.IsDefined(s))
        {
            query = query.Where(j => j.State == s);
        }

        query = string.IsNullOrEmpty(technicianId) ? query : query.Where(j => j.OwnerId == technicianId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(j => j.ReceivedAt).ThenByDescending(j => j.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<JobDto>(items.Select(ToDto).ToArray(), p, size, total));
    }

    private static async Task<Results<Ok<JobDetailDto>, NotFound>> Get(int id, KefuDbContext db, CurrentUser current, Platform.Calendars.CalendarService calendars, TimeProvider clock, CancellationToken ct)
    {
        var job = await db.Set<ServiceJob>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(j => j.Id == id, ct);
        return job is null ? TypedResults.NotFound() : TypedResults.Ok(await DetailAsync(db, calendars, clock, job, ct));
    }

    internal static async Task<JobDetailDto> DetailAsync(KefuDbContext db, Platform.Calendars.CalendarService calendars, TimeProvider clock, ServiceJob job, CancellationToken ct)
    {
        var devices = await db.Set<JobDevice>().AsNoTracking().Where(d => d.JobId == job.Id).OrderBy(d => d.Id).ToListAsync(ct);
        var parts = await db.Set<JobPart>().AsNoTracking().Where(d => d.JobId == job.Id).OrderBy(d => d.Id).ToListAsync(ct);
        var events = await db.Set<JobEvent>().AsNoTracking().Where(e => e.JobId == job.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var people = events.SelectMany(e => new[] { e.ActorId, e.TechnicianId }).OfType<string>().Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var prefix = job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";
        var timers = await db.Set<SlaTimer>().AsNoTracking().Where(t => t.RecordType == JobUseCases.RecordType && t.RecordId.StartsWith(prefix)).OrderBy(t => t.Id).ToListAsync(ct);
        return new JobDetailDto(ToDto(job), devices, parts,
            events.Select(e => new JobEventDto(e.At, e.ActorId is { } a ? names.GetValueOrDefault(a) : null, e.Kind, e.TechnicianId is { } t ? names.GetValueOrDefault(t) : null, e.Note)).ToArray(),
            await SlaApi.ToDtosAsync(timers, calendars, clock, ct));
    }

    private static async Task<IResult> Create(JobInput input, JobUseCases jobs, CurrentUser current, CancellationToken ct) =>
        Answer(await jobs.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, CanDispatch(current), input, ct), created: true);

    private static async Task<IResult> Assign(int id, AssignInput input, int? version, JobUseCases jobs, CurrentUser current, CancellationToken ct) =>
        Answer(await jobs.AssignAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, version, ct));

    private static async Task<Results<Ok<IReadOnlyList<SuggestionDto>>, NotFound>> Suggest(int id, int? take, DispatchBoard board, CurrentUser current, CancellationToken ct) =>
        await board.SuggestAsync(await current.GetViewerAsync(ct), id, Math.Clamp(take ?? 5, 1, 50), ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<IResult> Step(int id, JobAction action, StepInput input, JobProgress progress, CurrentUser current, CancellationToken ct) =>
        Answer(await progress.StepAsync(await current.GetViewerAsync(ct), current.UserId!, CanDispatch(current), id, action, input, ct));

    private static async Task<IResult> Finish(int id, FinishInput input, JobProgress progress, CurrentUser current, CancellationToken ct) =>
        Answer(await progress.FinishAsync(await current.GetViewerAsync(ct), current.UserId!, CanDispatch(current), id, input, ct));

    private static async Task<IResult> Sign(int id, SignInput input, JobProgress progress, CurrentUser current, CancellationToken ct) =>
        Answer(await progress.SignAsync(await current.GetViewerAsync(ct), current.UserId!, CanDispatch(current), id, input, ct));

    private static async Task<IResult> Dispute(int id, DisputeInput input, JobProgress progress, CurrentUser current, CancellationToken ct) =>
        Answer(await progress.DisputeAsync(await current.GetViewerAsync(ct), current.UserId!, CanDispatch(current), id, input, ct));

    private static async Task<IResult> Decide(int id, DecisionInput input, JobProgress progress, CurrentUser current, CancellationToken ct) =>
        Answer(await progress.DecideAsync(await current.GetViewerAsync(ct), current.UserId!, CanDispatch(current), id, input, ct));

    private static async Task<IResult> Stage(int id, StageInput input, JobProgress progress, CurrentUser current, CancellationToken ct) =>
        Answer(await progress.StageAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<IResult> Close(int id, JobUseCases jobs, CurrentUser current, CancellationToken ct) =>
        Answer(await jobs.CloseAsync(await current.GetViewerAsync(ct), current.UserId!, id, ct));

    private static async Task<IResult> Cancel(int id, CancelInput input, JobUseCases jobs, CurrentUser current, CancellationToken ct) =>
        Answer(await jobs.CancelAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<IResult> Photo(int id, IFormFile? file, JobUseCases jobs, AttachmentStore store, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if (await jobs.FindAsync(viewer, id, ct) is not { } job || (!CanDispatch(current) && job.OwnerId != current.UserId))
        {
            return TypedResults.NotFound();
        }

        var (saved, problems) = await store.SaveAsync(JobUseCases.RecordType, job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), JobProgress.PhotoKind, file, current.UserId!, ct);
        if (saved is null)
        {
            return problems.ToProblem();
        }

        // The store adds the attachment's row; the caller saves it.
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/field/jobs/{job.Id}", new { saved.Id, saved.FileName, saved.Size });
    }

    private static async Task<Ok<BoardDto>> Board(DispatchBoard board, CurrentUser current, CancellationToken ct) =>
        TypedResults.Ok(await board.LoadAsync(await current.GetViewerAsync(ct), ct));

    private static async Task<Results<NoContent, ValidationProblem>> Position(PositionInput input, JobProgress progress, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        JobProgress.CheckPosition(problems, "latitude", "longitude", input.Latitude ?? double.NaN, input.Longitude ?? double.NaN);
        if (problems.HasErrors || input.Latitude is not { } lat || input.Longitude is not { } lon)
        {
            return problems.ToProblem();
        }

        await progress.ReportPositionAsync(current.UserId!, lat, lon, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> Duty(DutyInput input, KefuDbContext db, CurrentUser current, TimeProvider clock, CancellationToken ct)
    {
        if (input.OffDuty is not { } off)
        {
            return new ProblemBuilder().Add("offDuty", "Validation.RequiredHere").ToProblem();
        }

        var presence = await db.Set<TechnicianPresence>().SingleOrDefaultAsync(p => p.UserId == current.UserId, ct);
        if (presence is null)
        {
            presence = new TechnicianPresence { UserId = current.UserId! };
            db.Add(presence);
        }

        presence.OffDuty = off;
        presence.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> SavePolicy(FieldPolicy input, Platform.Settings.PolicyStore store, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
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

        await store.SaveAsync(FieldPolicy.Key, input, user.Identity?.Name, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<PriceItem>>> Prices(KefuDbContext db, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<PriceItem>>(await db.Set<PriceItem>().AsNoTracking().OrderBy(p => p.Kind).ThenBy(p => p.Code).ToListAsync(ct));

    private static async Task<Results<Created<PriceItem>, ValidationProblem>> AddPrice(PriceItemInput input, KefuDbContext db, CancellationToken ct)
    {
        var (item, problems) = await SavePriceAsync(db, null, input, ct);
        return item is null ? problems.ToProblem() : TypedResults.Created($"/api/field/price-items/{item.Id}", item);
    }

    private static Task<Results<Ok<Platform.Import.ImportResult>, ValidationProblem>> ImportPrices(IFormCollection form, PriceImport import, CancellationToken ct) =>
        Platform.Import.ImportHandling.RunAsync(form, stream => import.ImportAsync(stream, ct));

    private static async Task<Results<Ok<PriceItem>, ValidationProblem, NotFound>> UpdatePrice(int id, PriceItemInput input, KefuDbContext db, CancellationToken ct)
    {
        if (!await db.Set<PriceItem>().AnyAsync(p => p.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var (item, problems) = await SavePriceAsync(db, id, input, ct);
        return item is null ? problems.ToProblem() : TypedResults.Ok(item);
    }

    /// <summary>
    /// CHG-02: adds a line to the price list (<paramref name="id"/> null) or changes one, for the API and the
    /// price-list page alike; a refused input saves nothing and comes back as the problems naming its fields.
    /// The caller has checked that line <paramref name="id"/> exists.
    /// </summary>
    internal static async Task<(PriceItem? Saved, ProblemBuilder Problems)> SavePriceAsync(KefuDbContext db, int? id, PriceItemInput input, CancellationToken ct)
    {
        var problems = ValidatePrice(input);
        if (!problems.HasErrors && await db.Set<PriceItem>().AnyAsync(p => p.Code == input.Code!.Trim() && p.Id != id, ct))
        {
            problems.Add("code", "Job.DuplicateCode");
        }

        var item = id is { } existing ? await db.Set<PriceItem>().SingleOrDefaultAsync(p => p.Id == existing, ct) : null;
        if (problems.HasErrors || (id is not null && item is null))
        {
            return (null, problems);
        }

        if (item is null)
        {
            item = new PriceItem { Code = input.Code!.Trim(), Name = input.Name!.Trim() };
            db.Add(item);
        }

        item.Code = input.Code!.Trim();
        item.Name = input.Name!.Trim();
        Fill(item, input);
        await db.SaveChangesAsync(ct);
        return (item, problems);
    }

    /// <summary>CHG-02: what a price line must be, for the form, the API and the import alike.</summary>
    internal static ProblemBuilder ValidatePrice(PriceItemInput input)
    {
        var problems = new ProblemBuilder().Required("code", input.Code).MaxLength("code", input.Code, 32).Required("name", input.Name).MaxLength("name", input.Name, 200)
            .MaxLength("nameEn", input.NameEn, 200);
        JobUseCases.Defined(problems, "kind", input.Kind);
        JobUseCases.Defined(problems, "forType", input.ForType);
        if (input.PriceYuan is not { } yuan || yuan < 0 || yuan > 10_000_000m || decimal.Round(yuan, 2) != yuan)
        {
            problems.Add("priceYuan", "Validation.InvalidHere");
        }

        return problems;
    }

    internal static void Fill(PriceItem item, PriceItemInput input)
    {
        item.NameEn = JobUseCases.Trim(input.NameEn);
        item.Kind = input.Kind ?? PriceItemKind.Service;
        item.ForType = input.ForType;
        item.PriceFen = Kefu.Core.Money.Money.FromYuan(input.PriceYuan!.Value).Fen;
        item.Active = input.Active ?? true;
    }

    private static IResult Answer(JobResult result, bool created = false) => result switch
    {
        JobResult.Ok { Replayed: false } ok when created => TypedResults.Created($"/api/field/jobs/{ok.Job.Id}", ToDto(ok.Job)),
        JobResult.Ok ok => TypedResults.Ok(ToDto(ok.Job)),
        JobResult.Invalid invalid => invalid.Problems.ToProblem(),
        JobResult.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.NotFound(),
    };

    public static JobDto ToDto(ServiceJob j) => new(
        j.Id, j.Number, j.Type, j.Mode, j.Source, j.Priority, j.State, j.CustomerId, j.CustomerName, j.SiteAddress, j.SiteLatitude, j.SiteLongitude, j.ContactName,
        j.ContactPhone, j.ReporterName, j.Problem, j.Skill, j.OrderReference, j.OwnerId, j.CentreId, j.ReceivedAt, j.AssignedAt, j.AcceptedAt, j.SetOutAt, j.ArrivedAt,
        j.FinishedAt, j.SignedAt, j.ClosedAt, j.CancelledAt, j.CancelReason, j.WorkDone, j.SignedBy, j.SpotRating, j.Issue, j.CooperationFormCharged, j.Charged,
        j.ChargeReason, j.ChargeFen / 100m, j.PriceListFen / 100m, j.DisputedAt, j.DisputeNote, j.DisputeDecidedBy, j.DisputeDecidedAt, j.Stage, j.CallbackId, j.Points, j.Version);
}
