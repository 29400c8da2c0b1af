using System.Security.Claims;
using Kefu.Core.Organization;
using Kefu.Core.Requests;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kefu.Web.Modules.Requests;

/// <summary>Memos and requests between departments on the approval engine (APR-02..04).</summary>
public static class RequestsModule
{
    public const string MemoWritePolicy = "WriteMemos";
    public const string FillPolicy = "FillRequests";
    public const string ReadPolicy = "ReadRequests";

    /// <summary>APR-02: departments write memos; a technician or a read-only auditor does not.</summary>
    internal static readonly Role[] MemoWriters =
    [
        .. KefuRoles.All.Where(r => r is not (Role.FieldEngineer or Role.ReadOnlyAuditor)),
    ];

    /// <summary>APR-03, APR-04: customer service fills sample and special-policy requests.</summary>
    internal static readonly Role[] Fillers =
    [
        Role.CsSpecialist, Role.Coordinator, Role.TeamLeader, Role.CentreSupervisor, Role.CsManager, Role.CsDirector,
    ];

    /// <summary>Who reads sample and special-policy requests: CS, the chains' departments, leaders and auditors.</summary>
    internal static readonly Role[] Readers =
    [
        .. Fillers, Role.MarketingDirector, Role.BusinessAssistant, Role.LogisticsClerk, Role.FinanceClerk, Role.BranchGm, Role.Vp, Role.Gm,
        Role.AdminClerk, Role.ReadOnlyAuditor, Role.SystemAdministrator,
    ];

    internal static bool Has(ClaimsPrincipal user, IEnumerable<Role> roles) => roles.Any(r => user.IsInRole(KefuRoles.Name(r)));

    /// <summary>Who may write a form of this kind.</summary>
    internal static bool CanWrite(ClaimsPrincipal user, RequestKind kind) => Has(user, kind == RequestKind.Memo ? MemoWriters : Fillers);

    /// <summary>Who may list forms of this kind (memos: everyone signed in; what they see is scoped).</summary>
    internal static bool CanRead(ClaimsPrincipal user, RequestKind kind) => kind == RequestKind.Memo || Has(user, Readers);

    /// <summary>The path segment of each kind: /requests/memos, /requests/samples, /requests/policies.</summary>
    public static string Segment(RequestKind kind) => kind switch
    {
        RequestKind.Memo => "memos",
        RequestKind.Sample => "samples",
        RequestKind.SpecialPolicy => "policies",
    };

    public static RequestKind? KindOf(string? segment) => Enum.GetValues<RequestKind>().Cast<RequestKind?>().FirstOrDefault(k => Segment(k!.Value) == segment);

    public static void AddRequests(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RequestUseCases>();
        builder.Services.AddScoped<RequestQueries>();
        builder.Services.AddScoped<MemoRecipients>();
        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            builder.Services.AddScoped<IApprovalSubjectHandler>(sp => new RequestApprovalHandler(
                kind, sp.GetRequiredService<KefuDbContext>(), sp.GetRequiredService<MemoRecipients>(), sp.GetRequiredService<TimeProvider>()));
        }

        builder.Services.AddScoped<Platform.Seeding.IDemoDataSeeder, DemoRequestsSeeder>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(MemoWritePolicy, p => p.RequireRole(MemoWriters.Select(KefuRoles.Name)))
            .AddPolicy(FillPolicy, p => p.RequireRole(Fillers.Select(KefuRoles.Name)))
            .AddPolicy(ReadPolicy, p => p.RequireRole(Readers.Select(KefuRoles.Name)));
    }

    public static void MapRequests(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/requests").WithTags("Requests");

        var memos = requests.MapGroup("/memos").RequireAuthorization();
        memos.MapGet("/", (RequestStatus? status, string? q, DateOnly? from, DateOnly? to, bool? mine, int? page, int? pageSize, string? sort, string? dir,
                RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
                List(RequestKind.Memo, new RequestFilter(status, q, from, to, mine == true), page, pageSize, sort, dir, queries, uc, current, ct))
            .WithName("ListMemos").WithSummary("APR-02: memos the caller wrote, is copied on or acts on, those addressed to their unit, and those of their scope.");
        memos.MapGet("/{id:int}", (int id, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) => Get(RequestKind.Memo, id, queries, uc, current, ct))
            .WithName("GetMemo").WithSummary("APR-02: a memo with its steps (each with its deadline), copies and history.");
        memos.MapPost("/", (MemoInput input, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
                Create(RequestKind.Memo, input, queries, uc, current, ct))
            .RequireWritePolicy(MemoWritePolicy).WithName("CreateMemo").WithSummary("APR-02: a draft memo from the caller's department to another (toUnitId).");
        memos.MapPut("/{id:int}", (int id, MemoInput input, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
                Update(RequestKind.Memo, id, input, input.Version, queries, uc, current, ct))
            .RequireWritePolicy(MemoWritePolicy).WithName("UpdateMemo").WithSummary("APR-02: the writer edits a draft or a returned memo; 409 once sent or on a stale version.");
        MapSubmitAndDecide(memos, RequestKind.Memo, MemoWritePolicy, "Memo",
            "APR-02: sends the memo to the head of the receiving department, copied to the writer's direct superior and the GM.",
            "APR-02: the receiving department replies with its handling opinion (comment), the direct leader adds an opinion, administration archives it (archiveLocation).");

        var samples = requests.MapGroup("/samples").RequireAuthorization(ReadPolicy);
        samples.MapGet("/", (RequestStatus? status, string? q, DateOnly? from, DateOnly? to, bool? mine, int? page, int? pageSize, string? sort, string? dir,
                RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
                List(RequestKind.Sample, new RequestFilter(status, q, from, to, mine == true), page, pageSize, sort, dir, queries, uc, current, ct))
            .WithName("ListSampleRequests").WithSummary("APR-03: sample requests of the caller's scope, and those they are copied on or act on.");
        samples.MapGet("/{id:int}", (int id, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) => Get(RequestKind.Sample, id, queries, uc, current, ct))
            .WithName("GetSampleRequest");
        samples.MapPost("/", (SampleInput input, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
                Create(RequestKind.Sample, input, queries, uc, current, ct))
            .RequireWritePolicy(FillPolicy).WithName("CreateSampleRequest").WithSummary("APR-03: CS fills a sample request for a customer (customerId) or a prospective one (customerName).");
        samples.MapPut("/{id:int}", (int id, SampleInput input, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
                Update(RequestKind.Sample, id, input, input.Version, queries, uc, current, ct))
            .RequireWritePolicy(FillPolicy).WithName("UpdateSampleRequest");
        MapSubmitAndDecide(samples, RequestKind.Sample, FillPolicy, "SampleRequest",
            "APR-03: into the chain: marketing director → commerce → logistics → finance.",
            "APR-03: the marketing director approves (or rejects, or returns), commerce issues the outbound slip (warehouse), logistics ships (carrier, trackingNumber, shippedOn), finance files it.");

        var policies = requests.MapGroup("/policies").RequireAuthorization(ReadPolicy);
        policies.MapGet("/", (RequestStatus? status, string? q, DateOnly? from, DateOnly? to, bool? mine, int? page, int? pageSize, string? sort, string? dir,
                RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
                List(RequestKind.SpecialPolicy, new RequestFilter(status, q, from, to, mine == true), page, pageSize, sort, dir, queries, uc, current, ct))
            .WithName("ListSpecialPolicyRequests").WithSummary("APR-04: special-policy requests of the caller's scope, and those they are copied on or act on.");
        policies.MapGet("/{id:int}", (int id, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) => Get(RequestKind.SpecialPolicy, id, queries, uc, current, ct))
            .WithName("GetSpecialPolicyRequest");
        policies.MapPost("/", (PolicyInput input, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
                Create(RequestKind.SpecialPolicy, input, queries, uc, current, ct))
            .RequireWritePolicy(FillPolicy).WithName("CreateSpecialPolicyRequest").WithSummary("APR-04: CS asks for a market policy beyond the regular one.");
        policies.MapPut("/{id:int}", (int id, PolicyInput input, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
                Update(RequestKind.SpecialPolicy, id, input, input.Version, queries, uc, current, ct))
            .RequireWritePolicy(FillPolicy).WithName("UpdateSpecialPolicyRequest");
        MapSubmitAndDecide(policies, RequestKind.SpecialPolicy, FillPolicy, "SpecialPolicyRequest",
            "APR-04: into the chain: marketing director, then filed with commerce and finance.",
            "APR-04: the marketing director approves (or rejects, or returns); commerce, then finance, file it.");

        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Administer);
        settings.MapGet("/requests-policy", async (PolicyStore store, CancellationToken ct) => TypedResults.Ok(await store.GetAsync<RequestsPolicy>(RequestsPolicy.Key, ct)))
            .WithName("GetRequestsPolicy");
        settings.MapPut("/requests-policy", SavePolicy).RequireWritePolicy(Policies.Administer).WithName("SaveRequestsPolicy")
            .WithSummary("APR-02..04: each step's deadline in working days on the record's calendar.");
    }

    private static void MapSubmitAndDecide(RouteGroupBuilder group, RequestKind kind, string writePolicy, string name, string submitSummary, string decideSummary)
    {
        group.MapPost("/{id:int}/submit", (int id, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) => Submit(kind, id, queries, uc, current, ct))
            .RequireWritePolicy(writePolicy).WithName("Submit" + name).WithSummary(submitSummary);
        group.MapPost("/{id:int}/decision", (int id, RequestDecisionInput input, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
                Decide(kind, id, input, queries, uc, current, ct))
            .RequireWritePolicy(WritePolicy.Act).WithName("Decide" + name).WithSummary(decideSummary);
    }

    private static async Task<Results<Ok<Paged<RequestRowDto>>, ValidationProblem>> List(
        RequestKind kind, RequestFilter filter, int? page, int? pageSize, string? sort, string? dir, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder().MaxLength("q", filter.Q, 100);
        var order = ListSort.ForApi(sort, dir, RequestQueries.Sorts, problems);
        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            problems.Add("to", "Calendar.ToBeforeFrom");
        }

        return problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(await queries.ListAsync(kind, await uc.ViewerAsync(current, ct), filter, order, page, pageSize, ct));
    }

    private static async Task<Results<Ok<RequestDto>, NotFound>> Get(RequestKind kind, int id, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
        await queries.FindAsync(kind, await uc.ViewerAsync(current, ct), id, ct) is { } form ? TypedResults.Ok(await queries.ToDtoAsync(form, ct)) : TypedResults.NotFound();

    private static async Task<Results<Created<RequestDto>, ValidationProblem, NotFound, Conflict, ForbidHttpResult>> Create(
        RequestKind kind, object input, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct)
    {
        return await uc.CreateAsync(kind, await uc.ViewerAsync(current, ct), input, ct) switch
        {
            RequestResult.Ok ok => TypedResults.Created($"/api/requests/{Segment(kind)}/{ok.Form.Id}", await queries.ToDtoAsync(ok.Form, ct)),
            RequestResult.Invalid invalid => invalid.Problems.ToProblem(),
            RequestResult.Conflict => TypedResults.Conflict(),
            RequestResult.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound, Conflict, ForbidHttpResult>> Update(
        RequestKind kind, int id, object input, int? version, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.UpdateAsync(kind, await uc.ViewerAsync(current, ct), id, input, version, ct), queries, ct);

    private static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound, Conflict, ForbidHttpResult>> Submit(
        RequestKind kind, int id, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.SubmitAsync(kind, await uc.ViewerAsync(current, ct), id, ct), queries, ct);

    private static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound, Conflict, ForbidHttpResult>> Decide(
        RequestKind kind, int id, RequestDecisionInput input, RequestQueries queries, RequestUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.DecideAsync(kind, await uc.ViewerAsync(current, ct), id, input, ct), queries, ct);

    private static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound, Conflict, ForbidHttpResult>> Answer(RequestResult result, RequestQueries queries, CancellationToken ct) =>
        result switch
        {
            RequestResult.Ok ok => TypedResults.Ok(await queries.ToDtoAsync(ok.Form, ct)),
            RequestResult.Invalid invalid => invalid.Problems.ToProblem(),
            RequestResult.Conflict => TypedResults.Conflict(),
            RequestResult.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };

    /// <summary>Saves the deadlines after checking each is within range; nothing is saved on a 400.</summary>
    private static async Task<Results<NoContent, ValidationProblem>> SavePolicy(RequestsPolicy input, PolicyStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        foreach (var field in input.FieldsOutOfRange())
        {
            problems.Add(field, "Policy.OutOfRange", RequestsPolicy.MinDays, RequestsPolicy.MaxDays);
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        await store.SaveAsync(RequestsPolicy.Key, input, user.Identity?.Name, ct);
        return TypedResults.NoContent();
    }
}
