using System.Globalization;
using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Receivables;

public sealed record StatementLineDto(int ConfirmationId, string Number, DateOnly SoldOn, string Items, decimal AmountYuan);

public sealed record StatementEventDto(StatementAction Action, string? ActorId, string? ActorName, DateTime At, string? Note);

public sealed record StatementDto(
    int Id, int CustomerId, string CustomerName, string Month, StatementStatus Status, decimal TotalYuan, int LineCount, string BuiltById, DateTime BuiltAt,
    string? SentTo, bool PdfAttached, string? ConfirmedByName, int? InvoiceId, decimal? PaidYuan, decimal? OpenYuan, InvoiceDelivery? Delivery,
    string? DeliveredByName, string? LastReason, int Version, IReadOnlyList<StatementLineDto>? Lines, IReadOnlyList<StatementEventDto>? Timeline);

public sealed record StatementPreviewDto(int CustomerId, string Month, decimal TotalYuan, IReadOnlyList<StatementLineDto> Lines);

/// <summary>AR-02/AR-06 month-end statements: one endpoint per step, each with its own write policy.</summary>
public static class StatementsApi
{
    public const string BuildPolicy = "BuildStatements";
    public const string ReviewPolicy = "ReviewStatements";

    /// <summary>Who builds: CS for key accounts, finance for the others (the use case checks which).</summary>
    internal static readonly Role[] Builders = [.. ReceivablesModule.Registrars, Role.FinanceClerk];

    /// <summary>The manager's review (AR-02: 经理审核).</summary>
    internal static readonly Role[] Reviewers = [Role.CentreSupervisor, Role.CsManager, Role.CsDirector, Role.SystemAdministrator];

    public static void AddStatements(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StatementUseCases>();
        builder.Services.AddSingleton<StatementDocuments>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(BuildPolicy, p => p.RequireRole(Builders.Distinct().Select(KefuRoles.Name)))
            .AddPolicy(ReviewPolicy, p => p.RequireRole(Reviewers.Select(KefuRoles.Name)));
    }

    public static void MapStatements(this RouteGroupBuilder ar)
    {
        ar.MapGet("/statements", List).WithName("ListStatements").WithSummary("AR-06: month-end statements in scope; customerId, month (yyyy-MM), status filters.");
        ar.MapGet("/statements/preview", Preview).RequireAuthorization(BuildPolicy).WithName("PreviewStatement")
            .WithSummary("AR-02: the customer's sales confirmations of the month not yet on a statement, with the total.");
        ar.MapGet("/statements/{id:int}", Get).WithName("GetStatement");
        ar.MapPost("/statements", Build).RequireWritePolicy(BuildPolicy).WithName("BuildStatement")
            .WithSummary("AR-02/06 summary: key (monthly) accounts by CS, others by finance; 400 when the month has nothing to state.");
        ar.MapPost("/statements/{id:int}/review", Review).RequireWritePolicy(ReviewPolicy).WithName("ReviewStatement")
            .WithSummary("AR-02 manager review: approve, or return to the builder with a reason.");
        ar.MapPost("/statements/{id:int}/check", Check).RequireWritePolicy(ReceivablesModule.FinancePolicy).WithName("CheckStatement")
            .WithSummary("AR-06 finance check: approve, or return with a reason.");
        ar.MapPost("/statements/{id:int}/resubmit", Resubmit).RequireWritePolicy(BuildPolicy).WithName("ResubmitStatement");
        ar.MapPost("/statements/{id:int}/send", Send).RequireWritePolicy(ReceivablesModule.RegisterPolicy).WithName("SendStatement")
            .WithSummary("AR-06: emails the statement (Excel, and PDF when a CJK font is found) with the customer's confirmation link.");
        ar.MapPost("/statements/{id:int}/confirm", Confirm).RequireWritePolicy(ReceivablesModule.RegisterPolicy).WithName("ConfirmStatement")
            .WithSummary("AR-06: CS records that the customer confirmed the amounts, naming who.");
        ar.MapPost("/statements/{id:int}/dispute", Dispute).RequireWritePolicy(ReceivablesModule.RegisterPolicy).WithName("DisputeStatement")
            .WithSummary("AR-06: CS records the customer's dispute; it returns to the builder.");
        ar.MapPost("/statements/{id:int}/invoice", RecordInvoice).RequireWritePolicy(ReceivablesModule.InvoicePolicy).WithName("RecordStatementInvoice")
            .WithSummary("AR-06: records the invoice of the confirmed total (the invoice use case), linked to the statement.");
        ar.MapPost("/statements/{id:int}/deliver", Deliver).RequireWritePolicy(ReceivablesModule.InvoicePolicy).WithName("DeliverStatementInvoice")
            .WithSummary("AR-06: the invoice reached the customer, by finance's collector or signed out by CS.");
        ar.MapPost("/statements/{id:int}/write-off", WriteOff).RequireWritePolicy(ReceivablesModule.FinancePolicy).WithName("WriteOffStatement")
            .WithSummary("AR-06: finance writes off a delivered statement paid in full.");
        ar.MapPost("/statements/{id:int}/withdraw", Withdraw).RequireWritePolicy(BuildPolicy).WithName("WithdrawStatement")
            .WithSummary("A wrong statement is withdrawn with a reason (kept); its confirmations are free again. A live invoice is reversed first.");
    }

    public static readonly SortMap<ReceivableStatement> Sorts = new SortMap<ReceivableStatement>(
            q => q.OrderByDescending(s => s.Month).ThenByDescending(s => s.Id), q => q.ThenByDescending(s => s.Id))
        .Add("customer", s => s.CustomerName).Add("month", s => s.Month).Add("total", s => s.TotalFen).Add("status", s => s.Status).Add("built", s => s.BuiltAt);

    /// <summary>The list's filters, shared by the API and the page.</summary>
    public static IQueryable<ReceivableStatement> Filter(IQueryable<ReceivableStatement> query, int? customerId, DateOnly? month, StatementStatus? status)
    {
        query = customerId is { } cid ? query.Where(s => s.CustomerId == cid) : query;
        query = month is { } m ? query.Where(s => s.Month == m) : query;
        return status is { } st ? query.Where(s => s.Status == st) : query;
    }

    private static async Task<IResult> List(int? customerId, string? month, StatementStatus? status, string? sort, string? dir, int? page, int? pageSize,
        StatementUseCases uc, ReceivablesUseCases receivables, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, Sorts, problems);
        DateOnly? m = null;
        if (month is not null)
        {
            if (StatementUseCases.TryMonth(month, out var parsed))
            {
                m = parsed;
            }
            else
            {
                problems.Add("month", "Statements.BadMonth");
            }
        }

        if (status is { } s && !Enum.IsDefined(s))
        {
            problems.Add("status", "Validation.InvalidHere");
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = Filter(uc.Statements(await current.GetViewerAsync(ct)).AsNoTracking(), customerId, m, status);
        var total = await query.CountAsync(ct);
        var items = await Sorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var list = new List<StatementDto>();
        foreach (var item in items)
        {
            list.Add(await ToDtoAsync(item, uc, false, ct));
        }

        return TypedResults.Ok(new Paged<StatementDto>(list, p, size, total));
    }

    private static async Task<IResult> Preview(int? customerId, string? month, StatementUseCases uc, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var (customer, m, problems) = await uc.ValidateBuildAsync(viewer, new StatementBuildInput(customerId, month), ct);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var lines = await uc.CandidatesAsync(viewer, customer!.Id, m, ct);
        return TypedResults.Ok(new StatementPreviewDto(customer.Id, m.ToString("yyyy-MM", CultureInfo.InvariantCulture), StatementFlow.TotalFen(lines.Select(l => l.AmountFen)) / 100m,
            lines.Select(l => new StatementLineDto(l.ConfirmationId, l.Number, l.SoldOn, l.Items, l.AmountFen / 100m)).ToArray()));
    }

    private static async Task<IResult> Get(int id, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.Statements(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } s
            ? TypedResults.Ok(await ToDtoAsync(s, uc, true, ct)) : TypedResults.NotFound();

    private static async Task<IResult> Build(StatementBuildInput input, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.BuildAsync(await current.GetViewerAsync(ct), current.UserId!, await current.GetRolesAsync(ct), input, ct), uc, created: true, ct);

    private static async Task<IResult> Review(int id, StatementDecisionInput input, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.ReviewAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), uc, false, ct);

    private static async Task<IResult> Check(int id, StatementDecisionInput input, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.CheckAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), uc, false, ct);

    private static async Task<IResult> Resubmit(int id, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.ResubmitAsync(await current.GetViewerAsync(ct), current.UserId!, id, ct), uc, false, ct);

    private static async Task<IResult> Send(int id, StatementSendInput input, HttpRequest request, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.SendAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, $"{request.Scheme}://{request.Host}", ct), uc, false, ct);

    private static async Task<IResult> Confirm(int id, StatementConfirmInput input, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.ConfirmAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), uc, false, ct);

    private static async Task<IResult> Dispute(int id, StatementDisputeInput input, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.DisputeAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), uc, false, ct);

    private static async Task<IResult> RecordInvoice(int id, StatementInvoiceInput input, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.RecordInvoiceAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), uc, false, ct);

    private static async Task<IResult> Deliver(int id, StatementDeliverInput input, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.DeliverAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), uc, false, ct);

    private static async Task<IResult> WriteOff(int id, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.WriteOffAsync(await current.GetViewerAsync(ct), current.UserId!, id, ct), uc, false, ct);

    private static async Task<IResult> Withdraw(int id, ReverseInput input, StatementUseCases uc, CurrentUser current, CancellationToken ct) =>
        await Answer(await uc.WithdrawAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), uc, false, ct);

    private static async Task<IResult> Answer(StatementResult result, StatementUseCases uc, bool created, CancellationToken ct) => result switch
    {
        StatementResult.Ok ok when created => TypedResults.Created(StatementUseCases.Link(ok.Value).Replace("/receivables/", "/api/receivables/", StringComparison.Ordinal),
            await ToDtoAsync(ok.Value, uc, true, ct)),
        StatementResult.Ok ok => TypedResults.Ok(await ToDtoAsync(ok.Value, uc, true, ct)),
        StatementResult.Invalid invalid => invalid.Problems.ToProblem(),
        StatementResult.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict),
        StatementResult.Forbidden => TypedResults.Forbid(),
        _ => TypedResults.NotFound(),
    };

    internal static async Task<StatementDto> ToDtoAsync(ReceivableStatement s, StatementUseCases uc, bool detail, CancellationToken ct)
    {
        var open = await uc.OpenFenAsync(s, ct);
        decimal? paid = open is { } o ? (s.TotalFen - o) / 100m : null;
        var lines = detail ? (await uc.LinesAsync(s.Id, ct)).Select(l => new StatementLineDto(l.ConfirmationId, l.Number, l.SoldOn, l.Items, l.AmountFen / 100m)).ToArray() : null;
        var timeline = detail ? (await uc.TimelineAsync(s.Id, ct)).Select(e => new StatementEventDto(e.Action, e.ActorId, e.ActorName, e.At, e.Note)).ToArray() : null;
        return new StatementDto(s.Id, s.CustomerId, s.CustomerName, s.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), s.Status, s.TotalFen / 100m, s.LineCount,
            s.BuiltById, s.BuiltAt, s.SentTo, s.SentTo is not null && s.PdfMissingReason is null, s.ConfirmedByName, s.InvoiceId, paid, open / 100m, s.Delivery,
            s.DeliveredByName, s.LastReason, s.Version, lines, timeline);
    }
}
