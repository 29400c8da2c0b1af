using System.Globalization;
using System.Security.Claims;
using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Receivables;

public sealed record ConfirmationDto(
    int Id, string Number, int CustomerId, string CustomerName, string TechnicianId, string Items, decimal AmountYuan, DateOnly SoldOn, int? SourceJobId,
    int? SourceOrderId, InvoiceSettlement Settlement, decimal InvoicedYuan, decimal PaidYuan, decimal OpenYuan, string RegisteredById, DateTime RegisteredAt,
    DateTime? ReversedAt, string? ReversalReason, int Version);

public sealed record InvoiceDto(
    int Id, string Number, DateOnly InvoiceDate, decimal AmountYuan, decimal PaidYuan, decimal OpenYuan, int CustomerId, string CustomerName,
    InvoiceSettlement Settlement, DateOnly DueDate, DateOnly? ExtendedTo, int? ConfirmationId, string? TechnicianId, DateTime RecordedAt,
    DateTime? ReversedAt, string? ReversalReason, int Version);

public sealed record AllocationDto(int InvoiceId, decimal AmountYuan, DateOnly EffectiveOn, DateTime CreatedAt);

public sealed record PaymentDto(
    int Id, int CustomerId, string CustomerName, DateOnly ReceivedOn, PaymentMethod Method, decimal AmountYuan, decimal AllocatedYuan, decimal UnallocatedYuan,
    string? Reference, IReadOnlyList<AllocationDto> Allocations, DateTime RecordedAt, DateTime? ReversedAt, string? ReversalReason, int Version);

public sealed record ExtensionDto(
    int Id, int InvoiceId, string InvoiceNumber, DateOnly RequestedDueDate, string Reason, ExtensionStatus Status, string? CurrentStepKey,
    string? CurrentApproverId, DateTime CreatedAt, DateTime? DecidedAt);

public sealed record AgingBucketDto(int From, int? To);

public sealed record AgingRowDto(string Group, IReadOnlyList<decimal> BucketsYuan, decimal TotalYuan, int Items);

public sealed record AgingDto(DateOnly AsOf, AgingGroup By, IReadOnlyList<AgingBucketDto> Buckets, IReadOnlyList<AgingRowDto> Rows, IReadOnlyList<decimal> TotalsYuan, decimal TotalYuan);

public sealed record FineDto(int Recorded);

/// <summary>Receivables (AR-01, 03, 05, 06, 08): sales ledgers, invoices, payments, extensions, aging.</summary>
public static class ReceivablesModule
{
    public const string ReadPolicy = "ReadReceivables";
    public const string RegisterPolicy = "RegisterSales";
    public const string InvoicePolicy = "RecordInvoices";
    public const string FinancePolicy = "RecordPayments";
    public const string ExtensionPolicy = "RequestExtensions";
    public const string FinePolicy = "RecordOmissionFines";

    internal static readonly Role[] Registrars = [Role.Coordinator, Role.CentreSupervisor, Role.CsManager, Role.CsDirector, Role.SystemAdministrator];
    internal static readonly Role[] Invoicers = [.. Registrars, Role.FinanceClerk];
    internal static readonly Role[] Finance = [Role.FinanceClerk, Role.CsManager, Role.SystemAdministrator];
    internal static readonly Role[] Requesters = [Role.FieldEngineer, Role.TeamLeader, .. Registrars];
    internal static readonly Role[] Finers = [Role.CentreSupervisor, Role.CsManager, Role.CsDirector, Role.SystemAdministrator];
    internal static readonly Role[] Readers = [.. Requesters, Role.FinanceClerk, Role.BranchGm, Role.Gm, Role.Vp, Role.ReadOnlyAuditor];

    internal static bool CanRegister(CurrentUser current) => Registrars.Any(current.IsInRole);

    internal static bool CanInvoice(CurrentUser current) => Invoicers.Any(current.IsInRole);

    internal static bool CanRecordPayments(CurrentUser current) => Finance.Any(current.IsInRole);

    public static void AddReceivables(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReceivablesUseCases>();
        builder.Services.AddScoped<DueClock>();
        builder.Services.AddScoped<IApprovalSubjectHandler, ExtensionApprovalHandler>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, ReceivablesWidget>();
        builder.Services.AddScoped<Customers.ICustomerAnalysisSection, ReceivablesAnalysis>();
        builder.AddStatements();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.RequireRole(Readers.Distinct().Select(KefuRoles.Name)))
            .AddPolicy(RegisterPolicy, p => p.RequireRole(Registrars.Select(KefuRoles.Name)))
            .AddPolicy(InvoicePolicy, p => p.RequireRole(Invoicers.Select(KefuRoles.Name)))
            .AddPolicy(FinancePolicy, p => p.RequireRole(Finance.Select(KefuRoles.Name)))
            .AddPolicy(ExtensionPolicy, p => p.RequireRole(Requesters.Select(KefuRoles.Name)))
            .AddPolicy(FinePolicy, p => p.RequireRole(Finers.Select(KefuRoles.Name)));
        builder.AddRoundsAndCollection();
    }

    public static void MapReceivables(this RouteGroupBuilder api)
    {
        var ar = api.MapGroup("/receivables").WithTags("Receivables").RequireAuthorization(ReadPolicy);
        ar.MapGet("/confirmations", ListConfirmations).WithName("ListSalesConfirmations")
            .WithSummary("AR-01: sales confirmations in scope (a technician sees their own: the sales ledger); technicianId, customerId, open=true filter.");
        ar.MapGet("/confirmations/{id:int}", GetConfirmation).WithName("GetSalesConfirmation");
        ar.MapPost("/confirmations", RegisterConfirmation).RequireWritePolicy(RegisterPolicy).WithName("RegisterSalesConfirmation")
            .WithSummary("AR-01: the coordinator registers a returned 销售确认书 by its number (409 when the number exists).");
        ar.MapPost("/confirmations/{id:int}/reverse", ReverseConfirmation).RequireWritePolicy(RegisterPolicy).WithName("ReverseSalesConfirmation")
            .WithSummary("Marks a wrong registration reversed (kept, never deleted); its invoices must be reversed first.");

        ar.MapGet("/invoices", ListInvoices).WithName("ListInvoices").WithSummary("Invoices in scope with paid and open amounts; open=true, overdue=true, customerId filter.");
        ar.MapGet("/invoices/{id:int}", GetInvoice).WithName("GetInvoice");
        ar.MapPost("/invoices", RecordInvoice).RequireWritePolicy(InvoicePolicy).WithName("RecordInvoice")
            .WithSummary("AR-02/03/06: records an invoice; the due date follows the rule (retail: working days on the centre calendar) and its clock warns before it passes.");
        ar.MapPost("/invoices/{id:int}/reverse", ReverseInvoice).RequireWritePolicy(FinancePolicy).WithName("ReverseInvoice")
            .WithSummary("Marks an invoice reversed; payments on it must be reversed first.");
        ar.MapPost("/invoices/{id:int}/extensions", RequestExtension).RequireWritePolicy(ExtensionPolicy).WithName("RequestPaymentExtension")
            .WithSummary("AR-05: 申请延长回款期 through the approval engine (department manager → GM office).");
        ar.MapPost("/invoices/{id:int}/omission-fine", OmissionFine).RequireWritePolicy(FinePolicy).WithName("RecordOmissionFine")
            .WithSummary("AR-05: an overdue payment caused by the technician's omission becomes a fine on the performance ledger; no excuse changes it.");

        ar.MapGet("/payments", ListPayments).RequireAuthorization(InvoicePolicy).WithName("ListPayments");
        ar.MapGet("/payments/{id:int}", GetPayment).RequireAuthorization(InvoicePolicy).WithName("GetPayment");
        ar.MapPost("/payments", RecordPayment).RequireWritePolicy(FinancePolicy).WithName("RecordPayment")
            .WithSummary("AR-06: a payment received (cheque, transfer, cash); allocations as told, or oldest invoice first when none are given; the rest is credit.");
        ar.MapPost("/payments/{id:int}/allocate", Allocate).RequireWritePolicy(FinancePolicy).WithName("AllocatePayment")
            .WithSummary("AR-06: applies a payment's unallocated credit.");
        ar.MapPost("/payments/{id:int}/reverse", ReversePayment).RequireWritePolicy(FinancePolicy).WithName("ReversePayment")
            .WithSummary("AR-06: reverses a payment with negative allocation entries; nothing is deleted.");

        ar.MapGet("/extensions/{id:int}", GetExtension).WithName("GetPaymentExtension");
        ar.MapPost("/extensions/{id:int}/decision", DecideExtension).RequireWritePolicy(WritePolicy.Act).WithName("DecidePaymentExtension");

        ar.MapGet("/aging", AgingReport).WithName("AgingReport")
            .WithSummary("AR-08: open amounts per bucket (0–30, 31–60, 61–90, over 90 days by default) as of any date (asOf), by Customer, Technician or Centre.");

        ar.MapRoundsAndCollection();
        ar.MapStatements();

        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Administer);
        settings.MapGet("/receivables-policy", async (PolicyStore store, CancellationToken ct) => TypedResults.Ok(await store.GetAsync<ReceivablesPolicy>(ReceivablesPolicy.Key, ct)))
            .WithName("GetReceivablesPolicy");
        settings.MapPut("/receivables-policy", SavePolicy).RequireWritePolicy(Policies.Administer).WithName("SaveReceivablesPolicy")
            .WithSummary("The numbers of AR-02/03/05/08: retail working days, default payment cycle, warning share, aging buckets and basis, omission fine.");
        settings.MapGet("/approval-chains/receivable-extension", async (ApprovalChains chains, CancellationToken ct) =>
            TypedResults.Ok(await chains.DocumentAsync(ExtensionChain.Default, ct))).WithName("GetReceivableExtensionChain");
        settings.MapPut("/approval-chains/receivable-extension", async Task<Results<NoContent, ValidationProblem>> (ChainInput input, ApprovalChains chains, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var problems = await chains.SaveAsync(ExtensionChain.Default.Key, input.Name, input.Steps, user.Identity?.Name, ct);
            return problems.HasErrors ? problems.ToProblem() : TypedResults.NoContent();
        }).RequireWritePolicy(Policies.Administer).WithName("SaveReceivableExtensionChain");
    }

    // ---------------- confirmations ----------------

    public static readonly SortMap<SalesConfirmation> ConfirmationSorts = new SortMap<SalesConfirmation>(
            q => q.OrderByDescending(c => c.SoldOn).ThenByDescending(c => c.Id), q => q.ThenByDescending(c => c.Id))
        .Add("number", c => c.Number).Add("customer", c => c.CustomerName).Add("amount", c => c.AmountFen).Add("soldOn", c => c.SoldOn);

    private static async Task<IResult> ListConfirmations(string? q, string? technicianId, int? customerId, bool? open, string? sort, string? dir, int? page, int? pageSize,
        ReceivablesUseCases uc, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, ConfirmationSorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = Filter(uc.Confirmations(await current.GetViewerAsync(ct)).AsNoTracking(), q, technicianId, customerId, open, uc);
        var total = await query.CountAsync(ct);
        var items = await ConfirmationSorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<ConfirmationDto>(await ToDtosAsync(items, uc, ct), p, size, total));
    }

    /// <summary>The ledger's filters, shared by the API and the pages.</summary>
    public static IQueryable<SalesConfirmation> Filter(IQueryable<SalesConfirmation> query, string? q, string? technicianId, int? customerId, bool? open, ReceivablesUseCases uc)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(c => c.Number.Contains(text) || c.CustomerName.Contains(text));
        }

        query = string.IsNullOrEmpty(technicianId) ? query : query.Where(c => c.TechnicianId == technicianId);
        query = customerId is { } cid ? query.Where(c => c.CustomerId == cid) : query;
        if (open == true)
        {
            // Still open: not reversed, and not yet invoiced and paid in full.
            var settled = uc.SettledConfirmationIds();
            query = query.Where(c => c.ReversedAt == null && !settled.Contains(c.Id));
        }

        return query;
    }

    private static async Task<IResult> GetConfirmation(int id, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.Confirmations(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } c
            ? TypedResults.Ok((await ToDtosAsync([c], uc, ct))[0]) : TypedResults.NotFound();

    private static async Task<IResult> RegisterConfirmation(ConfirmationInput input, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.RegisterConfirmationAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct) switch
        {
            ArResult<SalesConfirmation>.Ok ok => TypedResults.Created($"/api/receivables/confirmations/{ok.Value.Id}", (await ToDtosAsync([ok.Value], uc, ct))[0]),
            var other => Answer(other),
        };

    private static async Task<IResult> ReverseConfirmation(int id, ReverseInput input, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.ReverseConfirmationAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct) switch
        {
            ArResult<SalesConfirmation>.Ok ok => TypedResults.Ok((await ToDtosAsync([ok.Value], uc, ct))[0]),
            var other => Answer(other),
        };

    internal static async Task<IReadOnlyList<ConfirmationDto>> ToDtosAsync(IReadOnlyList<SalesConfirmation> items, ReceivablesUseCases uc, CancellationToken ct)
    {
        var totals = await uc.LedgerTotalsAsync(items.Select(c => c.Id).ToArray(), ct);
        return items.Select(c =>
        {
            var (invoiced, paid) = totals.GetValueOrDefault(c.Id);
            var open = c.ReversedAt is null ? c.AmountFen - paid : 0;
            return new ConfirmationDto(c.Id, c.Number, c.CustomerId, c.CustomerName, c.TechnicianId, c.Items, c.AmountFen / 100m, c.SoldOn, c.SourceJobId,
                c.SourceOrderId, c.Settlement, invoiced / 100m, paid / 100m, open / 100m, c.RegisteredById, c.RegisteredAt, c.ReversedAt, c.ReversalReason, c.Version);
        }).ToArray();
    }

    // ---------------- invoices ----------------

    public static readonly SortMap<Invoice> InvoiceSorts = new SortMap<Invoice>(
            q => q.OrderByDescending(i => i.InvoiceDate).ThenByDescending(i => i.Id), q => q.ThenByDescending(i => i.Id))
        .Add("number", i => i.Number).Add("customer", i => i.CustomerName).Add("amount", i => i.AmountFen).Add("invoiceDate", i => i.InvoiceDate)
        .Add("dueDate", i => i.ExtendedTo ?? i.DueDate);

    /// <summary>The invoices' filters, shared by the API and the pages.</summary>
    public static IQueryable<Invoice> Filter(IQueryable<Invoice> query, string? q, int? customerId, bool? open, bool? overdue, DateOnly today)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(i => i.Number.Contains(text) || i.CustomerName.Contains(text));
        }

        query = customerId is { } cid ? query.Where(i => i.CustomerId == cid) : query;
        if (open == true || overdue == true)
        {
            query = query.Where(i => i.ReversedAt == null && i.AmountFen > i.PaidFen);
        }

        if (overdue == true)
        {
            query = query.Where(i => (i.ExtendedTo ?? i.DueDate) < today);
        }

        return query;
    }

    private static async Task<IResult> ListInvoices(string? q, int? customerId, bool? open, bool? overdue, string? sort, string? dir, int? page, int? pageSize,
        ReceivablesUseCases uc, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, InvoiceSorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = Filter(uc.Invoices(await current.GetViewerAsync(ct)), q, customerId, open, overdue, uc.Today());
        var total = await query.CountAsync(ct);
        var items = await uc.BalancesAsync(InvoiceSorts.Apply(query, order).Skip((p - 1) * size).Take(size), null, ct);
        return TypedResults.Ok(new Paged<InvoiceDto>(items.Select(ToDto).ToArray(), p, size, total));
    }

    private static async Task<IResult> GetInvoice(int id, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        (await uc.BalancesAsync(uc.Invoices(await current.GetViewerAsync(ct)).Where(i => i.Id == id), null, ct)).SingleOrDefault() is { } b
            ? TypedResults.Ok(ToDto(b)) : TypedResults.NotFound();

    private static async Task<IResult> RecordInvoice(InvoiceInput input, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.RecordInvoiceAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct) switch
        {
            ArResult<Invoice>.Ok ok => TypedResults.Created($"/api/receivables/invoices/{ok.Value.Id}", ToDto(new InvoiceBalance(ok.Value, 0))),
            var other => Answer(other),
        };

    private static async Task<IResult> ReverseInvoice(int id, ReverseInput input, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.ReverseInvoiceAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct) switch
        {
            ArResult<Invoice>.Ok ok => TypedResults.Ok(ToDto(new InvoiceBalance(ok.Value, 0))),
            var other => Answer(other),
        };

    internal static InvoiceDto ToDto(InvoiceBalance b)
    {
        var i = b.Invoice;
        return new InvoiceDto(i.Id, i.Number, i.InvoiceDate, i.AmountFen / 100m, b.PaidFen / 100m, b.OpenFen / 100m, i.CustomerId, i.CustomerName, i.Settlement,
            i.DueDate, i.ExtendedTo, i.ConfirmationId, i.TechnicianId, i.RecordedAt, i.ReversedAt, i.ReversalReason, i.Version);
    }

    private static async Task<IResult> RequestExtension(int id, ExtensionInput input, ReceivablesUseCases uc, ApprovalService approvals, CurrentUser current, CancellationToken ct) =>
        await uc.RequestExtensionAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct) switch
        {
            ArResult<ExtensionRequest>.Ok ok => TypedResults.Created($"/api/receivables/extensions/{ok.Value.Id}", await ToDtoAsync(ok.Value, approvals, ct)),
            var other => Answer(other),
        };

    private static async Task<IResult> OmissionFine(int id, OmissionFineInput input, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.RecordOmissionFineAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct) switch
        {
            ArResult<int>.Ok ok => TypedResults.Ok(new FineDto(ok.Value)),
            var other => Answer(other),
        };

    // ---------------- payments ----------------

    /// <summary>The payments' sortable columns (the API and the page): newest receipt first by default.</summary>
    public static readonly SortMap<Payment> PaymentSorts = new SortMap<Payment>(
            q => q.OrderByDescending(x => x.ReceivedOn).ThenByDescending(x => x.Id), q => q.ThenByDescending(x => x.Id))
        .Add("received", x => x.ReceivedOn).Add("customer", x => x.CustomerName).Add("method", x => x.Method).Add("amount", x => x.AmountFen);

    private static async Task<IResult> ListPayments(int? customerId, string? sort, string? dir, int? page, int? pageSize, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, PaymentSorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = uc.Payments(await current.GetViewerAsync(ct)).AsNoTracking();
        query = customerId is { } cid ? query.Where(x => x.CustomerId == cid) : query;
        var total = await query.CountAsync(ct);
        var items = await PaymentSorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var list = new List<PaymentDto>();
        foreach (var payment in items)
        {
            list.Add(ToDto(payment, await uc.AllocationsAsync(payment.Id, ct)));
        }

        return TypedResults.Ok(new Paged<PaymentDto>(list, p, size, total));
    }

    private static async Task<IResult> GetPayment(int id, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.Payments(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } payment
            ? TypedResults.Ok(ToDto(payment, await uc.AllocationsAsync(id, ct))) : TypedResults.NotFound();

    private static async Task<IResult> RecordPayment(PaymentInput input, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.RecordPaymentAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct) switch
        {
            ArResult<Payment>.Ok ok => TypedResults.Created($"/api/receivables/payments/{ok.Value.Id}", ToDto(ok.Value, await uc.AllocationsAsync(ok.Value.Id, ct))),
            var other => Answer(other),
        };

    private static async Task<IResult> Allocate(int id, AllocateInput input, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.AllocateAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct) switch
        {
            ArResult<Payment>.Ok ok => TypedResults.Ok(ToDto(ok.Value, await uc.AllocationsAsync(id, ct))),
            var other => Answer(other),
        };

    private static async Task<IResult> ReversePayment(int id, ReverseInput input, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.ReversePaymentAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct) switch
        {
            ArResult<Payment>.Ok ok => TypedResults.Ok(ToDto(ok.Value, await uc.AllocationsAsync(id, ct))),
            var other => Answer(other),
        };

    internal static PaymentDto ToDto(Payment p, IReadOnlyList<PaymentAllocation> allocations)
    {
        var allocated = allocations.Sum(a => a.AmountFen);
        // A reversed payment has given everything back and holds no credit.
        var unallocated = p.ReversedAt is null ? p.AmountFen - allocated : 0;
        return new PaymentDto(p.Id, p.CustomerId, p.CustomerName, p.ReceivedOn, p.Method, p.AmountFen / 100m, allocated / 100m, unallocated / 100m, p.Reference,
            allocations.Select(a => new AllocationDto(a.InvoiceId, a.AmountFen / 100m, a.EffectiveOn, a.CreatedAt)).ToArray(), p.RecordedAt, p.ReversedAt, p.ReversalReason, p.Version);
    }

    // ---------------- extensions ----------------

    private static async Task<IResult> GetExtension(int id, ReceivablesUseCases uc, ApprovalService approvals, CurrentUser current, CancellationToken ct) =>
        await uc.Extensions(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is { } e
            ? TypedResults.Ok(await ToDtoAsync(e, approvals, ct)) : TypedResults.NotFound();

    private static async Task<IResult> DecideExtension(int id, ExtensionDecisionInput input, ReceivablesUseCases uc, ApprovalService approvals, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (result, outcome) = await uc.DecideExtensionAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct);
        return outcome switch
        {
            null => Answer(result),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotTheApprover } => TypedResults.Forbid(),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotPending } => TypedResults.Conflict(),
            ApprovalOutcome.Refused { Refusal: ApprovalRefusal.CommentRequired } => new ProblemBuilder().Add("comment", "Expense.CommentRequired").ToProblem(),
            ApprovalOutcome.Refused => TypedResults.Conflict(),
            ApprovalOutcome.NoApprover missing => new ProblemBuilder().Add("stepKey", "Orders.NoApprover", missing.StepKey, missing.Role).ToProblem(),
            ApprovalOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Ok(await ToDtoAsync(await db.Set<ExtensionRequest>().AsNoTracking().SingleAsync(e => e.Id == id, ct), approvals, ct)),
        };
    }

    private static async Task<ExtensionDto> ToDtoAsync(ExtensionRequest e, ApprovalService approvals, CancellationToken ct)
    {
        var (instance, _) = await approvals.ForSubjectAsync(ReceivablesUseCases.ExtensionSubjectType, e.Id.ToString(CultureInfo.InvariantCulture), ct);
        var pending = instance is { Status: ApprovalStatus.Pending };
        return new ExtensionDto(e.Id, e.InvoiceId, e.InvoiceNumber, e.RequestedDueDate, e.Reason, e.Status, pending ? instance!.CurrentStepKey : null,
            pending ? instance!.CurrentApproverId : null, e.CreatedAt, e.DecidedAt);
    }

    // ---------------- aging ----------------

    private static async Task<IResult> AgingReport(DateOnly? asOf, AgingGroup? by, ReceivablesUseCases uc, CurrentUser current, CancellationToken ct)
    {
        var date = asOf ?? uc.Today();
        if (!Kefu.Core.Calendar.InputRange.Contains(date))
        {
            return new ProblemBuilder().Add("asOf", "Validation.DateOutOfRange", Kefu.Core.Calendar.InputRange.FirstDate.Year, Kefu.Core.Calendar.InputRange.LastDate.Year).ToProblem();
        }

        var group = by ?? AgingGroup.Customer;
        var view = await uc.AgingAsync(await current.GetViewerAsync(ct), date, group, ct);
        return TypedResults.Ok(new AgingDto(view.AsOf, group, view.Buckets.Select(b => new AgingBucketDto(b.From, b.To)).ToArray(),
            view.Rows.Select(r => new AgingRowDto(r.GroupKey, r.Buckets.Select(m => m.Yuan).ToArray(), r.Total.Yuan, r.Items)).ToArray(),
            view.Totals.Select(t => t.Yuan).ToArray(), view.Total.Yuan));
    }

    private static async Task<Results<NoContent, ValidationProblem>> SavePolicy(ReceivablesPolicy input, PolicyStore store, ClaimsPrincipal user, CancellationToken ct)
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

        await store.SaveAsync(ReceivablesPolicy.Key, input, user.Identity?.Name, ct);
        return TypedResults.NoContent();
    }

    private static IResult Answer<T>(ArResult<T> result) => result switch
    {
        ArResult<T>.Invalid invalid => invalid.Problems.ToProblem(),
        ArResult<T>.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.NotFound(),
    };
}
