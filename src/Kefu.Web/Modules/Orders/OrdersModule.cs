using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Orders;

public sealed record OrderAttachmentDto(long Id, string Kind, string FileName, string ContentType, long Size);

/// <summary>Orders (业务受理): intake, confirmation gates, work order, tracking, late delivery, the day's count (ORD-01..07).</summary>
public static class OrdersModule
{
    public const string ReadPolicy = "ReadOrders";
    public const string TakePolicy = "TakeOrders";
    public const string HandoverPolicy = "FillHandovers";
    public const string SpecialProcedurePolicy = "GrantSpecialProcedure";

    /// <summary>ORD-03 (seed 001 §2.4c "向领导申请"): the leaders who may let orders be taken before the handover is approved.</summary>
    internal static readonly Role[] Leaders = [Role.Gm, Role.Vp, Role.MarketingDirector, Role.CsDirector];

    /// <summary>Customer service takes and runs orders.</summary>
    internal static readonly Role[] Takers =
    [
        Role.CsSpecialist, Role.Coordinator, Role.TeamLeader, Role.CentreSupervisor, Role.BranchGm, Role.CsManager, Role.CsDirector,
    ];

    internal static readonly Role[] Readers =
    [
        .. Takers, Role.QcManager, Role.Gm, Role.Vp, Role.MarketingDirector, Role.BusinessAssistant, Role.FinanceClerk, Role.ReadOnlyAuditor,
        Role.SystemAdministrator,
    ];

    /// <summary>ORD-03: marketing (its director, the commerce assistant) fills the handover form; CS leaders may too, for marketing.</summary>
    internal static readonly Role[] HandoverFillers =
    [
        Role.MarketingDirector, Role.BusinessAssistant, Role.CsSpecialist, Role.Coordinator, Role.TeamLeader, Role.CentreSupervisor, Role.CsManager, Role.CsDirector,
    ];

    public static void AddOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrderUseCases>();
        builder.Services.AddScoped<OrderQueries>();
        builder.Services.AddScoped<HandoverUseCases>();
        builder.Services.AddScoped<DistributorFlowUseCases>();
        builder.AddOrderFollowUp();
        builder.Services.AddScoped<IApprovalSubjectHandler, HandoverApprovalHandler>();
        builder.Services.AddScoped<Customers.ICustomerReferences, OrderCustomerReferences>();
        builder.Services.AddScoped<Customers.ICustomerAnalysisSection, OrdersAnalysis>();
        builder.Services.AddScoped<Kefu.Web.Platform.Seeding.IDemoDataSeeder, DemoOrdersSeeder>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.RequireRole(Readers.Select(KefuRoles.Name)))
            .AddPolicy(TakePolicy, p => p.RequireRole(Takers.Select(KefuRoles.Name)))
            .AddPolicy(HandoverPolicy, p => p.RequireRole(HandoverFillers.Select(KefuRoles.Name)))
            .AddPolicy(SpecialProcedurePolicy, p => p.RequireRole(Leaders.Select(KefuRoles.Name)));
    }

    public static void MapOrders(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders").RequireAuthorization(ReadPolicy);
        orders.MapGet("/", List).WithName("ListOrders").WithSummary("Orders of the caller's scope, paged; filters status, customerId, q, from, to.");
        orders.MapPost("/", Create).RequireWritePolicy(TakePolicy).WithName("CreateOrder")
              .WithSummary("ORD-01/04: a draft work order; a phone order without the read-back tick is refused (400 naming readBackConfirmed).");
        orders.MapGet("/{id:int}", Get).WithName("GetOrder");
        orders.MapPut("/{id:int}", Update).RequireWritePolicy(TakePolicy).WithName("UpdateOrder").WithSummary("ORD-04: edits a draft; a confirmed order answers 409.");
        orders.MapGet("/{id:int}/review", Review).WithName("ReviewOrder")
              .WithSummary("ORD-04 review: the gates still closed (ORD-01..03), the proposed class (ORD-05) and the centre that will print it.");
        orders.MapPost("/{id:int}/confirm", Confirm).RequireWritePolicy(TakePolicy).WithName("ConfirmOrder")
              .WithSummary("ORD-01..05: confirms; 400 naming every closed gate (read-back, dangerous-goods notice, handover approval); notifies the dispatch or freight centre.");
        orders.MapPost("/{id:int}/attachments", Attach).RequireWritePolicy(TakePolicy).DisableAntiforgery().WithName("AttachToOrder")
              .WithSummary("Multipart 'kind' (DangerousGoodsNotice while a draft, SignedPod once confirmed) and 'file'.");
        orders.MapGet("/{id:int}/attachments/{attachmentId:long}", Download).RequireAuthorization().WithName("DownloadOrderAttachment");
        orders.MapPut("/{id:int}/tracking-class", ChangeClass).RequireWritePolicy(TakePolicy).WithName("ChangeTrackingClass")
              .WithSummary("ORD-05: another class than the proposed one; open tracking points follow it.");
        orders.MapPost("/{id:int}/tracking-points/{pointId:int}/done", CompletePoint).RequireWritePolicy(TakePolicy).WithName("CompleteTrackingPoint");
        orders.MapPost("/{id:int}/arrival", Arrival).RequireWritePolicy(TakePolicy).WithName("RecordArrival").WithSummary("ORD-06: actual arrival (on time?) and satisfied?");
        orders.MapPost("/{id:int}/inform", Inform).RequireWritePolicy(TakePolicy).WithName("InformCustomer").WithSummary("ORD-06: the customer was told through their channel.");
        orders.MapPost("/{id:int}/late", Late).RequireWritePolicy(TakePolicy).WithName("RecordLateDelivery").WithSummary("ORD-07: cause, remedy, consignor and consignee told.");
        orders.MapPost("/{id:int}/close", Close).RequireWritePolicy(TakePolicy).WithName("CloseOrder")
              .WithSummary("ORD-07: every order stays open (400 naming pod) until its signed POD is attached; a late one also until cause, remedy and both parties told are there.");
        orders.MapGet("/{id:int}/print", Print).RequireAuthorization().WithName("PrintOrder")
              .WithSummary("ORD-04: the work order for printing; the dispatch or freight centre it was routed to may read it too.");
        orders.MapGet("/tracking-sheet", TrackingSheet).WithName("TrackingSheet").WithSummary("ORD-06: the tracking sheet (信息反馈表), paged; filters from, to, onTime, q.");
        orders.MapGet("/reconciliation", Reconciliation).WithName("OrderReconciliation").WithSummary("Daily count (seed 001 §2.3): the day's orders per customer against the counts they stated (date=yyyy-MM-dd).");
        orders.MapPut("/reconciliation/counts", StateCount).RequireWritePolicy(TakePolicy).WithName("StateDailyCount")
              .WithSummary("Daily count (seed 001 §2.3): the number of orders a customer says they sent on a day, as the agent confirmed it.");

        orders.MapOrderFollowUp();
        orders.MapGet("/{id:int}/flow", Flow).WithName("DistributorFlow").WithSummary("ORD-08: the distributor flow of the order: steps, owners, who did what, the next step.");
        orders.MapPost("/{id:int}/flow/{stepKey}", CompleteStep).RequireWritePolicy(WritePolicy.Act).WithName("CompleteFlowStep")
              .WithSummary("ORD-08: completes the next step; refused (400) out of order or by someone without the step's owner role.");

        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Administer);
        settings.MapGet("/order-policy", async (OrderUseCases orders, CancellationToken ct) => TypedResults.Ok(await orders.PolicyAsync(ct))).WithName("GetOrderPolicy");
        settings.MapPut("/order-policy", SavePolicy).RequireWritePolicy(Policies.Administer).WithName("SaveOrderPolicy")
                .WithSummary("The numbers and lists of ORD-02..08: notice on every order, break-in days, class thresholds, checkpoints, the distributor flow and its owners.");

        var handovers = orders.MapGroup("/handovers");
        handovers.MapGet("/", ListHandovers).WithName("ListHandovers");
        handovers.MapGet("/{id:int}", GetHandover).WithName("GetHandover");
        handovers.MapPost("/", CreateHandover).RequireWritePolicy(HandoverPolicy).WithName("CreateHandover")
                 .WithSummary("ORD-03: the customer-service handover form; the customer counts as introduced by marketing from then on.");
        handovers.MapPut("/{id:int}", UpdateHandover).RequireWritePolicy(HandoverPolicy).WithName("UpdateHandover");
        handovers.MapPost("/{id:int}/submit", SubmitHandover).RequireWritePolicy(HandoverPolicy).WithName("SubmitHandover")
                 .WithSummary("ORD-03: into the approval chain (marketing manager → CS director → branch GM for the departments involved → GM).");
        handovers.MapPost("/{id:int}/special-procedure", GrantSpecialProcedure).RequireWritePolicy(SpecialProcedurePolicy).WithName("GrantSpecialProcedure")
                 .WithSummary("ORD-03 (seed 001 §2.4c): a leader lets the customer's orders be confirmed before the form is approved; a reason is required.");
        handovers.MapPost("/{id:int}/decision", DecideHandover).RequireWritePolicy(WritePolicy.Act).WithName("DecideHandover")
                 .WithSummary("ORD-03: approve, reject or return the current step (APR-01).");
    }

    private static async Task<OrderDto> LoadAsync(KefuDbContext db, OrderUseCases orders, int id, CancellationToken ct) =>
        OrderQueries.ToDto(await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id, ct), await orders.PointsAsync(id, ct));

    private static async Task<Results<Ok<Paged<OrderDto>>, ValidationProblem>> List(
        OrderStatus? status, int? customerId, string? q, DateOnly? from, DateOnly? to, int? page, int? pageSize, string? sort, string? dir, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, OrderQueries.Sorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = OrderQueries.Filter(db.Set<Order>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)), status, customerId, q, from, to);
        var total = await query.CountAsync(ct);
        var items = await OrderQueries.Sorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<OrderDto>(items.Select(o => OrderQueries.ToDto(o, [])).ToArray(), p, size, total));
    }

    private static async Task<Results<Ok<OrderDto>, NotFound>> Get(int id, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await orders.Visible(await current.GetViewerAsync(ct)).AnyAsync(o => o.Id == id, ct)
            ? TypedResults.Ok(await LoadAsync(db, orders, id, ct))
            : TypedResults.NotFound();

    private static async Task<Results<Created<OrderDto>, ValidationProblem>> Create(OrderInput input, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await orders.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct) switch
        {
            OrderResult.Ok ok => TypedResults.Created($"/api/orders/{ok.Id}", await LoadAsync(db, orders, ok.Id, ct)),
            OrderResult.Invalid invalid => invalid.Problems.ToProblem(),
            _ => throw new InvalidOperationException(),
        };

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> Update(
        int id, OrderInput input, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        Answer(await orders.UpdateAsync(await current.GetViewerAsync(ct), id, input, ct), await OrNull(db, orders, id, ct));

    private static async Task<Results<Ok<OrderReviewDto>, NotFound>> Review(int id, OrderUseCases orders, CurrentUser current, CancellationToken ct) =>
        await orders.ReviewAsync(await current.GetViewerAsync(ct), id, ct) is { } review ? TypedResults.Ok(review) : TypedResults.NotFound();

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> Confirm(
        int id, ConfirmInput? input, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var result = await orders.ConfirmAsync(await current.GetViewerAsync(ct), current.UserId!, await current.GetRolesAsync(ct), id, input ?? new ConfirmInput(null), ct);
        return Answer(result, await OrNull(db, orders, id, ct));
    }

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> ChangeClass(
        int id, TrackingClassInput input, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        Answer(await orders.ChangeClassAsync(await current.GetViewerAsync(ct), id, input, ct), await OrNull(db, orders, id, ct));

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> CompletePoint(
        int id, int pointId, PointDoneInput? input, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        Answer(await orders.CompletePointAsync(await current.GetViewerAsync(ct), current.UserId!, id, pointId, input ?? new PointDoneInput(null), ct), await OrNull(db, orders, id, ct));

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> Arrival(
        int id, ArrivalInput input, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        Answer(await orders.RecordArrivalAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), await OrNull(db, orders, id, ct));

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> Inform(
        int id, InformInput? input, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        Answer(await orders.InformAsync(await current.GetViewerAsync(ct), id, input ?? new InformInput(null), ct), await OrNull(db, orders, id, ct));

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> Late(
        int id, LateInput input, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        Answer(await orders.RecordLateAsync(await current.GetViewerAsync(ct), id, input, ct), await OrNull(db, orders, id, ct));

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> Close(
        int id, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        Answer(await orders.CloseAsync(await current.GetViewerAsync(ct), id, ct), await OrNull(db, orders, id, ct));

    private static async Task<OrderDto?> OrNull(KefuDbContext db, OrderUseCases orders, int id, CancellationToken ct) =>
        await db.Set<Order>().AsNoTracking().AnyAsync(o => o.Id == id, ct) ? await LoadAsync(db, orders, id, ct) : null;

    private static Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict> Answer(OrderResult result, OrderDto? dto) => result switch
    {
        OrderResult.Ok => TypedResults.Ok(dto!),
        OrderResult.Invalid invalid => invalid.Problems.ToProblem(),
        OrderResult.Conflict => TypedResults.Conflict(),
        _ => TypedResults.NotFound(),
    };

    private static async Task<Results<Created<OrderAttachmentDto>, ValidationProblem, NotFound, Conflict>> Attach(
        int id, IFormCollection form, OrderUseCases orders, CurrentUser current, CancellationToken ct)
    {
        var (saved, problems, refused) = await orders.AttachAsync(await current.GetViewerAsync(ct), current.UserId!, id, form["kind"].ToString(), form.Files.GetFile("file"), ct);
        return refused switch
        {
            OrderResult.NotFound => TypedResults.NotFound(),
            OrderResult.Conflict => TypedResults.Conflict(),
            _ when saved is null => problems.ToProblem(),
            _ => TypedResults.Created($"/api/orders/{id}/attachments/{saved!.Id}", new OrderAttachmentDto(saved.Id, saved.Kind, saved.FileName, saved.ContentType, saved.Size)),
        };
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> Download(
        int id, long attachmentId, OrderUseCases orders, AttachmentStore store, CurrentUser current, CancellationToken ct)
    {
        // Whoever may read the order (its scope, or the centre printing it) may read its attachments.
        if (await orders.ReadableAsync(await current.GetViewerAsync(ct), id, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var attachment = (await store.ForRecordAsync(OrderUseCases.RecordType, OrderUseCases.Key(id), ct)).SingleOrDefault(a => a.Id == attachmentId);
        return attachment is null ? TypedResults.NotFound() : TypedResults.File(store.Open(attachment), attachment.ContentType, attachment.FileName);
    }

    private static async Task<Results<Ok<OrderDto>, NotFound>> Print(int id, OrderUseCases orders, CurrentUser current, CancellationToken ct) =>
        await orders.ReadableAsync(await current.GetViewerAsync(ct), id, ct) is { } order
            ? TypedResults.Ok(OrderQueries.ToDto(order, await orders.PointsAsync(id, ct)))
            : TypedResults.NotFound();

    private static async Task<Ok<Paged<TrackingSheetRow>>> TrackingSheet(
        DateOnly? from, DateOnly? to, bool? onTime, string? q, int? page, int? pageSize, OrderQueries queries, CurrentUser current, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = queries.TrackingSheet(await current.GetViewerAsync(ct), from, to, onTime, q);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<TrackingSheetRow>(items.Select(OrderQueries.ToSheetRow).ToArray(), p, size, total));
    }

    private static async Task<Results<Ok<ReconciliationDto>, ValidationProblem>> Reconciliation(
        string? date, OrderQueries queries, CurrentUser current, TimeProvider clock, CancellationToken ct)
    {
        DateOnly day;
        if (string.IsNullOrWhiteSpace(date))
        {
            day = CompanyTime.Today(clock);
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day))
        {
            return new ProblemBuilder().Add("date", "Orders.BadDate").ToProblem();
        }

        return TypedResults.Ok(await queries.ReconcileAsync(await current.GetViewerAsync(ct), day, ct));
    }

    private static async Task<Results<Ok<ReconciliationDto>, ValidationProblem>> StateCount(DailyCountInput input, OrderQueries queries, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var problems = await queries.StateCountAsync(viewer, current.UserId!, input, ct);
        return problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(await queries.ReconcileAsync(viewer, input.Date!.Value, ct));
    }

    private static async Task<Results<Ok<FlowDto>, NotFound>> Flow(int id, DistributorFlowUseCases flows, CurrentUser current, CancellationToken ct) =>
        await flows.GetAsync(await current.GetViewerAsync(ct), id, ct) is { } flow ? TypedResults.Ok(flow) : TypedResults.NotFound();

    private static async Task<Results<Ok<FlowDto>, ValidationProblem, NotFound, Conflict>> CompleteStep(
        int id, string stepKey, FlowStepInput? input, DistributorFlowUseCases flows, CurrentUser current, CancellationToken ct)
    {
        var (flow, problems, conflict) = await flows.CompleteAsync(await current.GetViewerAsync(ct), current.UserId!, id, stepKey, input ?? new FlowStepInput(null), ct);
        return flow is null ? TypedResults.NotFound() : conflict ? TypedResults.Conflict() : problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(flow);
    }

    private static async Task<Results<NoContent, ValidationProblem>> SavePolicy(
        Kefu.Core.Orders.OrderPolicy? input, Kefu.Web.Platform.Settings.PolicyStore store, CurrentUser current, CancellationToken ct)
    {
        var problems = DistributorFlowUseCases.Validate(input);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        await store.SaveAsync(Kefu.Core.Orders.OrderPolicy.Key, input!, current.Principal.Identity?.Name, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The columns the handover list sorts on (page and API); the newest form first when none is asked for.</summary>
    public static readonly SortMap<CustomerHandover> HandoverSorts = new SortMap<CustomerHandover>(q => q.OrderByDescending(h => h.Id), q => q.ThenByDescending(h => h.Id))
        .Add("number", h => h.Id).Add("customer", h => h.CustomerName).Add("status", h => h.Status).Add("created", h => h.CreatedAt)
        .Add("submitted", h => h.SubmittedAt).Add("approved", h => h.ApprovedAt);

    private static async Task<Results<Ok<Paged<HandoverDto>>, ValidationProblem>> ListHandovers(
        HandoverStatus? status, int? customerId, int? page, int? pageSize, string? sort, string? dir, HandoverUseCases handovers, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, HandoverSorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = handovers.Visible(await current.GetViewerAsync(ct)).AsNoTracking();
        query = status is { } s ? query.Where(h => h.Status == s) : query;
        query = customerId is { } c ? query.Where(h => h.CustomerId == c) : query;
        var total = await query.CountAsync(ct);
        var items = await HandoverSorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var dtos = new List<HandoverDto>();
        foreach (var item in items)
        {
            dtos.Add(await handovers.ToDtoAsync(item, ct));
        }

        return TypedResults.Ok(new Paged<HandoverDto>(dtos, p, size, total));
    }

    private static async Task<Results<Ok<HandoverDto>, NotFound>> GetHandover(int id, HandoverUseCases handovers, CurrentUser current, CancellationToken ct) =>
        await handovers.Visible(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct) is { } form
            ? TypedResults.Ok(await handovers.ToDtoAsync(form, ct))
            : TypedResults.NotFound();

    private static async Task<Results<Created<HandoverDto>, ValidationProblem>> CreateHandover(HandoverInput input, HandoverUseCases handovers, CurrentUser current, CancellationToken ct)
    {
        var (form, problems) = await handovers.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct);
        return form is null ? problems.ToProblem() : TypedResults.Created($"/api/orders/handovers/{form.Id}", await handovers.ToDtoAsync(form, ct));
    }

    private static async Task<Results<Ok<HandoverDto>, ValidationProblem, NotFound, Conflict>> UpdateHandover(
        int id, HandoverInput input, HandoverUseCases handovers, CurrentUser current, CancellationToken ct)
    {
        var (form, problems, conflict) = await handovers.UpdateAsync(await current.GetViewerAsync(ct), id, input, ct);
        return form is null ? TypedResults.NotFound() : conflict ? TypedResults.Conflict() : problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(await handovers.ToDtoAsync(form, ct));
    }

    private static async Task<Results<Ok<HandoverDto>, ValidationProblem, NotFound, Conflict>> SubmitHandover(
        int id, HandoverUseCases handovers, CurrentUser current, CancellationToken ct)
    {
        var (form, problems, conflict) = await handovers.SubmitAsync(await current.GetViewerAsync(ct), current.UserId!, id, ct);
        return form is null ? TypedResults.NotFound() : conflict ? TypedResults.Conflict() : problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(await handovers.ToDtoAsync(form, ct));
    }

    private static async Task<Results<Ok<HandoverDto>, ValidationProblem, NotFound, Conflict>> GrantSpecialProcedure(
        int id, SpecialProcedureInput input, HandoverUseCases handovers, CurrentUser current, CancellationToken ct)
    {
        var (form, problems, conflict) = await handovers.GrantSpecialProcedureAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct);
        return form is null ? TypedResults.NotFound() : conflict ? TypedResults.Conflict() : problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(await handovers.ToDtoAsync(form, ct));
    }

    private static async Task<Results<Ok<HandoverDto>, ValidationProblem, NotFound, Conflict, ForbidHttpResult>> DecideHandover(
        int id, HandoverDecisionInput input, HandoverUseCases handovers, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (form, problems, outcome) = await handovers.DecideAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct);
        if (form is null)
        {
            return TypedResults.NotFound();
        }

        return outcome switch
        {
            _ when problems.HasErrors => problems.ToProblem(),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotTheApprover } => TypedResults.Forbid(),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotPending } => TypedResults.Conflict(),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.CommentRequired } => new ProblemBuilder().Add("comment", "Expense.CommentRequired").ToProblem(),
            ApprovalOutcome.NoApprover missing => new ProblemBuilder().Add("stepKey", "Orders.NoApprover", missing.StepKey, missing.Role).ToProblem(),
            ApprovalOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Ok(await handovers.ToDtoAsync(await db.Set<CustomerHandover>().AsNoTracking().SingleAsync(h => h.Id == id, ct), ct)),
        };
    }
}

/// <summary>CUS-06: the orders section of the customer analysis sheet: how many, how many still open, how many arrived late, the latest.</summary>
internal sealed class OrdersAnalysis(KefuDbContext db) : Customers.ICustomerAnalysisSection
{
    public Customers.AnalysisTopic Topic => Customers.AnalysisTopic.Orders;

    public async Task<Customers.AnalysisSection> BuildAsync(ScopeViewer viewer, int customerId, CancellationToken ct)
    {
        var orders = db.Set<Order>().AsNoTracking().Where(o => o.CustomerId == customerId);
        var all = await orders.CountAsync(ct);
        var open = await orders.CountAsync(o => o.Status != OrderStatus.Closed, ct);
        var late = await orders.CountAsync(o => o.OnTime == false, ct);
        var recent = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(5).ToListAsync(ct);
        static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Customers.AnalysisSection(Topic, "Analysis.Orders",
            [new("Analysis.OrdersAll", Count(all)), new("Analysis.OrdersOpen", Count(open)), new("Analysis.OrdersLate", Count(late))],
            recent.Select(o => new Customers.AnalysisItem(o.CreatedAt,
                $"{o.Number} · {Kefu.Web.Platform.Localization.Text.Get("OrderStatus." + o.Status)} {o.GoodsName}".Trim(), $"/orders/{o.Id}")).ToArray(),
            recent.Count > 0 ? $"/orders?q={Uri.EscapeDataString(recent[0].CustomerName)}" : null);
    }
}

/// <summary>A customer merge (CUS-03) moves orders, handover forms and stated counts to the surviving customer.</summary>
internal sealed class OrderCustomerReferences(KefuDbContext db) : Customers.ICustomerReferences
{
    public async Task MoveAsync(int fromCustomerId, int toCustomerId, CancellationToken ct)
    {
        await db.Set<Order>().Where(o => o.CustomerId == fromCustomerId).ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, toCustomerId), ct);
        await db.Set<CustomerHandover>().Where(h => h.CustomerId == fromCustomerId).ExecuteUpdateAsync(s => s.SetProperty(h => h.CustomerId, toCustomerId), ct);
        // Two counts for one day would break the unique key: the survivor's stays, the duplicate's goes.
        var taken = await db.Set<DailyOrderCount>().Where(c => c.CustomerId == toCustomerId).Select(c => c.Day).ToListAsync(ct);
        await db.Set<DailyOrderCount>().Where(c => c.CustomerId == fromCustomerId && taken.Contains(c.Day)).ExecuteDeleteAsync(ct);
        await db.Set<DailyOrderCount>().Where(c => c.CustomerId == fromCustomerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, toCustomerId), ct);
    }
}
