using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Calendar;
using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Performance.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using CoreAllocation = Kefu.Core.Receivables.PaymentAllocation;
using Money = Kefu.Core.Money.Money;
using Expr = System.Linq.Expressions.Expression;

namespace Kefu.Web.Modules.Receivables;

public sealed record ConfirmationInput(string? Number, int? CustomerId, string? TechnicianId, string? Items, decimal? AmountYuan, DateOnly? SoldOn, int? SourceJobId, int? SourceOrderId);

public sealed record InvoiceInput(string? Number, DateOnly? InvoiceDate, decimal? AmountYuan, int? CustomerId, int? ConfirmationId, InvoiceSettlement? Settlement);

public sealed record AllocationInput(int? InvoiceId, decimal? AmountYuan);

public sealed record PaymentInput(int? CustomerId, DateOnly? ReceivedOn, PaymentMethod? Method, decimal? AmountYuan, string? Reference, IReadOnlyList<AllocationInput>? Allocations);

public sealed record AllocateInput(IReadOnlyList<AllocationInput>? Allocations);

public sealed record ReverseInput(string? Reason);

public sealed record ExtensionInput(DateOnly? RequestedDueDate, string? Reason);

public sealed record ExtensionDecisionInput(string? StepKey, ApprovalAction? Action, string? Comment);

public sealed record OmissionFineInput(string? Note);

/// <summary>What a receivables action answers: the record, or why not.</summary>
public abstract record ArResult<T>
{
    public sealed record Ok(T Value) : ArResult<T>;
    public sealed record Invalid(ProblemBuilder Problems) : ArResult<T>;
    public sealed record NotFound : ArResult<T>;
    public sealed record Conflict : ArResult<T>;
}

/// <summary>An invoice with what is paid and still open on it (as of now, or as of a date).</summary>
public sealed record InvoiceBalance(Invoice Invoice, long PaidFen)
{
    public long OpenFen => Invoice.ReversedAt is null ? Invoice.AmountFen - PaidFen : 0;

    public DateOnly EffectiveDueDate => Invoice.ExtendedTo ?? Invoice.DueDate;
}

/// <summary>
/// AR-01, AR-03, AR-05, AR-06, AR-08: sales confirmations, invoices with their due dates and clocks,
/// payments and their allocation, reversals, extensions through the approval engine, omission fines
/// and the aging report. Scope follows the customer: a centre sees its customers' items.
/// </summary>
public sealed class ReceivablesUseCases(
    KefuDbContext db, PolicyStore policies, CalendarService calendars, SlaService sla, ApprovalService approvals, ApprovalChains chains,
    IPenaltyLedger ledger, DueClock dueClock, TimeProvider clock)
{
    public const string InvoiceRecordType = "Invoice";
    public const string ExtensionSubjectType = "ReceivableExtension";
    public const string FineEvidence = "Invoice";

    public Task<ReceivablesPolicy> PolicyAsync(CancellationToken ct) => policies.GetAsync<ReceivablesPolicy>(ReceivablesPolicy.Key, ct);

    public Task<ApprovalChain> ChainAsync(CancellationToken ct) => chains.GetAsync(ExtensionChain.Default, ct);

    public DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    // ---------------- AR-01: sales confirmations ----------------

    public async Task<ArResult<SalesConfirmation>> RegisterConfirmationAsync(ScopeViewer viewer, string userId, ConfirmationInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("number", input.Number).MaxLength("number", input.Number, 40)
            .Required("items", input.Items).MaxLength("items", input.Items, 2000).Required("technicianId", input.TechnicianId);
        var amount = Amount(problems, "amountYuan", input.AmountYuan);
        var soldOn = input.SoldOn ?? Today();
        if (!InputRange.Contains(soldOn) || soldOn > Today())
        {
            problems.Add("soldOn", "Validation.NotInFuture");
        }

        var customer = await CustomerAsync(viewer, input.CustomerId, problems, ct);
        if (!string.IsNullOrWhiteSpace(input.TechnicianId) && !await IsTechnicianAsync(input.TechnicianId, ct))
        {
            problems.Add("technicianId", "Receivables.UnknownTechnician");
        }

        if (problems.HasErrors)
        {
            return new ArResult<SalesConfirmation>.Invalid(problems);
        }

        var number = input.Number!.Trim();
        if (await db.Set<SalesConfirmation>().AnyAsync(c => c.Number == number, ct))
        {
            return new ArResult<SalesConfirmation>.Conflict();
        }

        var confirmation = new SalesConfirmation
        {
            Number = number, CustomerId = customer!.Id, CustomerName = customer.Name, TechnicianId = input.TechnicianId!, Items = input.Items!.Trim(),
            AmountFen = amount.Fen, SoldOn = soldOn, SourceJobId = input.SourceJobId, SourceOrderId = input.SourceOrderId,
            Settlement = customer.Settlement == SettlementMode.Monthly ? InvoiceSettlement.Monthly : InvoiceSettlement.Retail,
            RegisteredById = userId, RegisteredAt = clock.GetUtcNow().UtcDateTime, OrgPath = customer.OrgPath, CentreId = customer.CentreId,
        };
        db.Add(confirmation);
        return await SaveUniqueAsync(confirmation, ct);
    }

    public IQueryable<SalesConfirmation> Confirmations(ScopeViewer viewer) => db.Set<SalesConfirmation>().VisibleTo(viewer);

    public IQueryable<Invoice> Invoices(ScopeViewer viewer) => db.Set<Invoice>().VisibleTo(viewer);

    public IQueryable<Payment> Payments(ScopeViewer viewer) => db.Set<Payment>().VisibleTo(viewer);

    /// <summary>What is invoiced and paid against each confirmation: the technician's sales ledger (销售台账).</summary>
    public async Task<IReadOnlyDictionary<int, (long Invoiced, long Paid)>> LedgerTotalsAsync(IReadOnlyCollection<int> confirmationIds, CancellationToken ct)
    {
        var invoices = await db.Set<Invoice>().AsNoTracking().Where(i => i.ConfirmationId != null && confirmationIds.Contains(i.ConfirmationId.Value) && i.ReversedAt == null)
            .Select(i => new { ConfirmationId = i.ConfirmationId!.Value, i.AmountFen, i.PaidFen }).ToListAsync(ct);
        return invoices.GroupBy(i => i.ConfirmationId).ToDictionary(g => g.Key, g => (g.Sum(i => i.AmountFen), g.Sum(i => i.PaidFen)));
    }

    /// <summary>Confirmations paid in full through their invoices: no longer open in the ledger.</summary>
    public IQueryable<int> SettledConfirmationIds() =>
        db.Set<SalesConfirmation>().Where(c => (db.Set<Invoice>().Where(i => i.ConfirmationId == c.Id && i.ReversedAt == null).Sum(i => (long?)i.PaidFen) ?? 0) >= c.AmountFen)
            .Select(c => c.Id);

    public async Task<ArResult<SalesConfirmation>> ReverseConfirmationAsync(ScopeViewer viewer, string userId, int id, ReverseInput input, CancellationToken ct)
    {
        var confirmation = await Confirmations(viewer).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (confirmation is null)
        {
            return new ArResult<SalesConfirmation>.NotFound();
        }

        var problems = new ProblemBuilder().Required("reason", input.Reason).MaxLength("reason", input.Reason, 500);
        if (problems.HasErrors)
        {
            return new ArResult<SalesConfirmation>.Invalid(problems);
        }

        // A confirmation with a live invoice is corrected through the invoice first.
        if (confirmation.ReversedAt is not null || await db.Set<Invoice>().AnyAsync(i => i.ConfirmationId == id && i.ReversedAt == null, ct))
        {
            return new ArResult<SalesConfirmation>.Conflict();
        }

        confirmation.ReversedAt = clock.GetUtcNow().UtcDateTime;
        confirmation.ReversedById = userId;
        confirmation.ReversalReason = input.Reason!.Trim();
        return await SaveAsync(confirmation, ct);
    }

    // ---------------- invoices (AR-02/03/06) ----------------

    public async Task<ArResult<Invoice>> RecordInvoiceAsync(ScopeViewer viewer, string userId, InvoiceInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("number", input.Number).MaxLength("number", input.Number, 40);
        SalesConfirmation? confirmation = null;
        if (input.ConfirmationId is { } cid)
        {
            confirmation = await Confirmations(viewer).AsNoTracking().SingleOrDefaultAsync(c => c.Id == cid && c.ReversedAt == null, ct);
            if (confirmation is null)
            {
                problems.Add("confirmationId", "Receivables.UnknownConfirmation");
            }
        }

        var customer = await CustomerAsync(viewer, input.CustomerId ?? confirmation?.CustomerId, problems, ct);
        if (confirmation is not null && customer is not null && confirmation.CustomerId != customer.Id)
        {
            problems.Add("customerId", "Receivables.OtherCustomer");
        }

        var amount = Amount(problems, "amountYuan", input.AmountYuan ?? (confirmation is null ? null : confirmation.AmountFen / 100m));
        var date = input.InvoiceDate ?? Today();
        if (!InputRange.Contains(date) || date > Today())
        {
            problems.Add("invoiceDate", "Validation.NotInFuture");
        }

        if (input.Settlement is { } s && !Enum.IsDefined(s))
        {
            problems.Add("settlement", "Validation.InvalidHere");
        }

        if (problems.HasErrors)
        {
            return new ArResult<Invoice>.Invalid(problems);
        }

        var number = input.Number!.Trim();
        if (await db.Set<Invoice>().AnyAsync(i => i.Number == number, ct))
        {
            return new ArResult<Invoice>.Conflict();
        }

        var policy = await PolicyAsync(ct);
        var calendar = await calendars.ForOrgPathAsync(db, customer!.OrgPath, ct);
        var settlement = input.Settlement ?? confirmation?.Settlement
            ?? (customer.Settlement == SettlementMode.Monthly ? InvoiceSettlement.Monthly : InvoiceSettlement.Retail);
        DateOnly due;
        try
        {
            due = DueDates.DueDate(settlement, date, customer.PaymentCycleDays, calendar, policy);
        }
        catch (ArgumentOutOfRangeException)
        {
            return new ArResult<Invoice>.Invalid(new ProblemBuilder().Add("invoiceDate", "Validation.DateOutOfRange", InputRange.FirstDate.Year, InputRange.LastDate.Year));
        }

        var invoice = new Invoice
        {
            Number = number, InvoiceDate = date, AmountFen = amount.Fen, CustomerId = customer.Id, CustomerName = customer.Name, Settlement = settlement,
            DueDate = due, ConfirmationId = confirmation?.Id, TechnicianId = confirmation?.TechnicianId, RecordedById = userId,
            RecordedAt = clock.GetUtcNow().UtcDateTime, OrgPath = customer.OrgPath, CentreId = customer.CentreId,
        };
        // A caller's transaction (a statement recording its invoice, AR-06) takes the invoice with its own change.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.Add(invoice);
        var saved = await SaveUniqueAsync(invoice, ct);
        if (saved is not ArResult<Invoice>.Ok)
        {
            return saved;
        }

        await dueClock.StartAsync(invoice, settlement, policy, calendar, null, ct);
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return saved;
    }

    public async Task<ArResult<Invoice>> ReverseInvoiceAsync(ScopeViewer viewer, string userId, int id, ReverseInput input, CancellationToken ct)
    {
        var invoice = await Invoices(viewer).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return new ArResult<Invoice>.NotFound();
        }

        var problems = new ProblemBuilder().Required("reason", input.Reason).MaxLength("reason", input.Reason, 500);
        if (problems.HasErrors)
        {
            return new ArResult<Invoice>.Invalid(problems);
        }

        // Payments on it are reversed first, so no allocation points at a void invoice.
        if (invoice.ReversedAt is not null || invoice.PaidFen != 0)
        {
            return new ArResult<Invoice>.Conflict();
        }

        invoice.ReversedAt = clock.GetUtcNow().UtcDateTime;
        invoice.ReversedById = userId;
        invoice.ReversalReason = input.Reason!.Trim();
        await sla.StopAsync(InvoiceRecordType, id.ToString(CultureInfo.InvariantCulture), null, ct);
        return await SaveAsync(invoice, ct);
    }

    /// <summary>Invoices with what is paid on them, counting entries effective on or before <paramref name="asOf"/> (all when null).</summary>
    public async Task<IReadOnlyList<InvoiceBalance>> BalancesAsync(IQueryable<Invoice> invoices, DateOnly? asOf, CancellationToken ct)
    {
        if (asOf is null)
        {
            // Today's balance is the running total kept with the allocations.
            return (await invoices.AsNoTracking().ToListAsync(ct)).Select(i => new InvoiceBalance(i, i.PaidFen)).ToArray();
        }

        var rows = await invoices.AsNoTracking()
            .Select(i => new
            {
                Invoice = i,
                Paid = db.Set<PaymentAllocation>().Where(a => a.InvoiceId == i.Id && a.EffectiveOn <= asOf).Sum(a => (long?)a.AmountFen) ?? 0,
            })
            .ToListAsync(ct);
        return rows.Select(r => new InvoiceBalance(r.Invoice, r.Paid)).ToArray();
    }

    // ---------------- payments and allocation (AR-06) ----------------

    public async Task<ArResult<Payment>> RecordPaymentAsync(ScopeViewer viewer, string userId, PaymentInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().MaxLength("reference", input.Reference, 100);
        var amount = Amount(problems, "amountYuan", input.AmountYuan);
        var customer = await CustomerAsync(viewer, input.CustomerId, problems, ct);
        var received = input.ReceivedOn ?? Today();
        if (!InputRange.Contains(received) || received > Today())
        {
            problems.Add("receivedOn", "Validation.NotInFuture");
        }

        if (input.Method is not { } method || !Enum.IsDefined(method))
        {
            problems.Add("method", "Validation.RequiredHere");
        }

        if (problems.HasErrors)
        {
            return new ArResult<Payment>.Invalid(problems);
        }

        var payment = new Payment
        {
            CustomerId = customer!.Id, CustomerName = customer.Name, ReceivedOn = received, Method = input.Method!.Value, AmountFen = amount.Fen,
            Reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim(), RecordedById = userId,
            RecordedAt = clock.GetUtcNow().UtcDateTime, OrgPath = customer.OrgPath, CentreId = customer.CentreId,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(payment);
        await db.SaveChangesAsync(ct);
        var allocated = await AllocateCoreAsync(payment, input.Allocations, userId, ct);
        if (allocated is ProblemBuilder refused)
        {
            // Nothing half-saved: the payment goes with its allocations or not at all.
            return new ArResult<Payment>.Invalid(refused);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An invoice it pays was paid by someone else meanwhile: nothing is saved, the payment is entered again.
            return new ArResult<Payment>.Conflict();
        }

        await tx.CommitAsync(ct);
        return new ArResult<Payment>.Ok(payment);
    }

    /// <summary>AR-06: applies a payment's unallocated credit to invoices (as told, or oldest first).</summary>
    public async Task<ArResult<Payment>> AllocateAsync(ScopeViewer viewer, string userId, int paymentId, AllocateInput input, CancellationToken ct)
    {
        var payment = await Payments(viewer).SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null)
        {
            return new ArResult<Payment>.NotFound();
        }

        if (payment.ReversedAt is not null)
        {
            return new ArResult<Payment>.Conflict();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AllocateCoreAsync(payment, input.Allocations, userId, ct) is ProblemBuilder refused)
        {
            return new ArResult<Payment>.Invalid(refused);
        }

        payment.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ArResult<Payment>.Conflict();
        }

        await tx.CommitAsync(ct);
        return new ArResult<Payment>.Ok(payment);
    }

    private async Task<ProblemBuilder?> AllocateCoreAsync(Payment payment, IReadOnlyList<AllocationInput>? told, string userId, CancellationToken ct)
    {
        var credit = payment.AmountFen - await db.Set<PaymentAllocation>().Where(a => a.PaymentId == payment.Id).SumAsync(a => (long?)a.AmountFen, ct) ?? 0;
        var open = (await BalancesAsync(db.Set<Invoice>().Where(i => i.CustomerId == payment.CustomerId && i.ReversedAt == null), null, ct))
            .Where(b => b.OpenFen > 0).Select(b => new OpenInvoice(b.Invoice.Id, b.Invoice.InvoiceDate, new Money(b.OpenFen))).ToArray();
        AllocationPlan plan;
        if (told is null)
        {
            plan = CoreAllocation.OldestFirst(new Money(credit), open);
        }
        else
        {
            var problems = new ProblemBuilder();
            if (told.Count > 200)
            {
                return problems.Add("allocations", "Validation.TooMany", 200);
            }

            var lines = new List<AllocationLine>();
            for (var i = 0; i < told.Count; i++)
            {
                if (told[i] is null || told[i].InvoiceId is not { } invoiceId)
                {
                    problems.Add($"allocations[{i}].invoiceId", "Validation.RequiredHere");
                    continue;
                }

                lines.Add(new AllocationLine(invoiceId, Amount(problems, $"allocations[{i}].amountYuan", told[i].AmountYuan)));
            }

            if (problems.HasErrors)
            {
                return problems;
            }

            var (asTold, refusals) = CoreAllocation.AsTold(new Money(credit), open, lines);
            if (asTold is null)
            {
                foreach (var refusal in refusals)
                {
                    problems.Add(refusal.Field, refusal.Reason);
                }

                return problems;
            }

            plan = asTold;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var planned = plan.Lines.Select(l => l.InvoiceId).ToArray();
        // Tracked, so the running totals save with the allocations and a concurrent payment of the same invoice is a conflict, not an over-payment.
        var invoices = await db.Set<Invoice>().Where(i => planned.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        foreach (var line in plan.Lines)
        {
            db.Add(new PaymentAllocation
            {
                PaymentId = payment.Id, InvoiceId = line.InvoiceId, AmountFen = line.Amount.Fen, EffectiveOn = payment.ReceivedOn, CreatedById = userId, CreatedAt = now,
            });
            invoices[line.InvoiceId].PaidFen += line.Amount.Fen;
            if (open.Single(o => o.InvoiceId == line.InvoiceId).Open == line.Amount)
            {
                // Paid in full: its due-date clock stops.
                await sla.StopAsync(InvoiceRecordType, line.InvoiceId.ToString(CultureInfo.InvariantCulture), null, ct);
            }
        }

        return null;
    }

    /// <summary>Nothing is deleted: the payment is marked reversed and each allocation gets its negative entry, so the invoices are open again.</summary>
    public async Task<ArResult<Payment>> ReversePaymentAsync(ScopeViewer viewer, string userId, int id, ReverseInput input, CancellationToken ct)
    {
        var payment = await Payments(viewer).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (payment is null)
        {
            return new ArResult<Payment>.NotFound();
        }

        var problems = new ProblemBuilder().Required("reason", input.Reason).MaxLength("reason", input.Reason, 500);
        if (problems.HasErrors)
        {
            return new ArResult<Payment>.Invalid(problems);
        }

        if (payment.ReversedAt is not null)
        {
            return new ArResult<Payment>.Conflict();
        }

        var lines = await db.Set<PaymentAllocation>().AsNoTracking().Where(a => a.PaymentId == id)
            .Select(a => new { a.InvoiceId, a.AmountFen }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var touched = lines.Select(l => l.InvoiceId).Distinct().ToArray();
        var invoices = await db.Set<Invoice>().Where(i => touched.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var settled = invoices.Values.Where(i => i.ReversedAt is null && i.PaidFen >= i.AmountFen).Select(i => i.Id).ToHashSet();
        foreach (var line in CoreAllocation.Reversal(lines.Select(l => new AllocationLine(l.InvoiceId, new Money(l.AmountFen)))))
        {
            db.Add(new PaymentAllocation { PaymentId = id, InvoiceId = line.InvoiceId, AmountFen = line.Amount.Fen, EffectiveOn = Today(), CreatedById = userId, CreatedAt = now });
            invoices[line.InvoiceId].PaidFen += line.Amount.Fen;
        }

        payment.ReversedAt = now;
        payment.ReversedById = userId;
        payment.ReversalReason = input.Reason!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var saved = await SaveAsync(payment, ct);
        if (saved is not ArResult<Payment>.Ok)
        {
            return saved;
        }

        // AR-03/06: an invoice the payment had settled is open again, so its due-date clock runs again (to the same due date).
        var reopened = invoices.Values.Where(i => settled.Contains(i.Id) && i.PaidFen < i.AmountFen).ToList();
        if (reopened.Count > 0)
        {
            var policy = await PolicyAsync(ct);
            foreach (var invoice in reopened)
            {
                await dueClock.StartAsync(invoice, invoice.Settlement, policy, await calendars.ForOrgPathAsync(db, invoice.OrgPath, ct), invoice.ExtendedTo, ct);
            }

            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        return saved;
    }

    public async Task<IReadOnlyList<PaymentAllocation>> AllocationsAsync(int paymentId, CancellationToken ct) =>
        await db.Set<PaymentAllocation>().AsNoTracking().Where(a => a.PaymentId == paymentId).OrderBy(a => a.Id).ToListAsync(ct);

    // ---------------- AR-05: extensions and omission fines ----------------

    public async Task<ArResult<ExtensionRequest>> RequestExtensionAsync(ScopeViewer viewer, string userId, int invoiceId, ExtensionInput input, CancellationToken ct)
    {
        var invoice = await Invoices(viewer).AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return new ArResult<ExtensionRequest>.NotFound();
        }

        var problems = new ProblemBuilder().Required("reason", input.Reason).MaxLength("reason", input.Reason, 1000);
        var current = invoice.ExtendedTo ?? invoice.DueDate;
        if (input.RequestedDueDate is not { } until || !InputRange.Contains(until))
        {
            problems.Add("requestedDueDate", "Validation.Date");
        }
        else if (until <= current)
        {
            problems.Add("requestedDueDate", "Receivables.ExtensionNotLater");
        }

        if (problems.HasErrors)
        {
            return new ArResult<ExtensionRequest>.Invalid(problems);
        }

        if (invoice.ReversedAt is not null || await db.Set<ExtensionRequest>().AnyAsync(e => e.InvoiceId == invoiceId && e.Status == ExtensionStatus.Pending, ct))
        {
            return new ArResult<ExtensionRequest>.Conflict();
        }

        var request = new ExtensionRequest
        {
            InvoiceId = invoice.Id, InvoiceNumber = invoice.Number, CustomerName = invoice.CustomerName, RequestedDueDate = input.RequestedDueDate!.Value,
            Reason = input.Reason!.Trim(), Status = ExtensionStatus.Pending, OwnerId = userId, CreatedAt = clock.GetUtcNow().UtcDateTime, OrgPath = invoice.OrgPath,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(request);
        await db.SaveChangesAsync(ct);
        var outcome = await approvals.SubmitAsync(new SubmitApproval(await ChainAsync(ct), ExtensionSubjectType, request.Id.ToString(CultureInfo.InvariantCulture),
            LocalText.Of("ApprovalTitle.ReceivableExtension", invoice.Number, invoice.CustomerName).Store(300), userId, invoice.OrgPath,
            new Dictionary<string, decimal> { ["amount"] = invoice.AmountFen / 100m, ["days"] = request.RequestedDueDate.DayNumber - current.DayNumber },
            $"/receivables/invoices/{invoice.Id}"), ct);
        if (outcome is ApprovalOutcome.NoApprover missing)
        {
            return new ArResult<ExtensionRequest>.Invalid(new ProblemBuilder().Add("invoiceId", "Orders.NoApprover", missing.StepKey, missing.Role));
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ArResult<ExtensionRequest>.Ok(request);
    }

    public IQueryable<ExtensionRequest> Extensions(ScopeViewer viewer) => db.Set<ExtensionRequest>().VisibleTo(viewer);

    /// <summary>An approver's decision on the current step; anyone neither in scope nor the approver finds nothing.</summary>
    public async Task<(ArResult<ExtensionRequest> Result, ApprovalOutcome? Outcome)> DecideExtensionAsync(ScopeViewer viewer, string actorId, int id, ExtensionDecisionInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("stepKey", input.StepKey).MaxLength("comment", input.Comment, 1000);
        if (input.Action is not { } action || action == ApprovalAction.Submit || !Enum.IsDefined(action))
        {
            problems.Add("action", "Expense.BadAction");
        }

        var request = await db.Set<ExtensionRequest>().SingleOrDefaultAsync(r => r.Id == id, ct);
        var (instance, _) = await approvals.ForSubjectAsync(ExtensionSubjectType, id.ToString(CultureInfo.InvariantCulture), ct);
        var approver = instance?.CurrentApproverId;
        if (request is null || (!viewer.CanSee(request.OwnerId, request.OrgPath) && (approver is null || (approver != actorId
            && !await db.Set<ApprovalDelegation>().AnyAsync(d => d.DeputyId == actorId && d.DelegatorId == approver, ct)))))
        {
            return (new ArResult<ExtensionRequest>.NotFound(), null);
        }

        if (problems.HasErrors)
        {
            return (new ArResult<ExtensionRequest>.Invalid(problems), null);
        }

        if (instance is null)
        {
            return (new ArResult<ExtensionRequest>.Conflict(), null);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await approvals.ActAsync(await ChainAsync(ct), new ApprovalDecision(instance.Id, input.StepKey!, input.Action!.Value, input.Comment), actorId, ct);
        if (outcome is ApprovalOutcome.Done)
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        return (new ArResult<ExtensionRequest>.Ok(request), outcome);
    }

    /// <summary>
    /// AR-05: a payment late through the technician's omission is a fine on the performance ledger,
    /// whatever the explanation; once per invoice.
    /// </summary>
    public async Task<ArResult<int>> RecordOmissionFineAsync(ScopeViewer viewer, string userId, int invoiceId, OmissionFineInput input, CancellationToken ct)
    {
        var invoice = await Invoices(viewer).AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return new ArResult<int>.NotFound();
        }

        var problems = new ProblemBuilder().MaxLength("note", input.Note, 500);
        if (invoice.TechnicianId is null)
        {
            problems.Add("invoiceId", "Receivables.NoTechnician");
        }
        else if ((invoice.ExtendedTo ?? invoice.DueDate) >= Today())
        {
            problems.Add("invoiceId", "Receivables.NotOverdue");
        }

        if (problems.HasErrors)
        {
            return new ArResult<int>.Invalid(problems);
        }

        var policy = await PolicyAsync(ct);
        var added = await ledger.RecordAsync([new LedgerLine(invoice.TechnicianId!, "AR-05", "TechnicianOmission", -policy.OmissionFineYuan, FineEvidence,
            invoice.Id.ToString(CultureInfo.InvariantCulture), null, string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim())], userId, ct);
        if (added == 0)
        {
            return new ArResult<int>.Conflict();
        }

        await db.SaveChangesAsync(ct);
        return new ArResult<int>.Ok(added);
    }

    // ---------------- AR-08: aging ----------------

    public sealed record AgingView(DateOnly AsOf, IReadOnlyList<AgingBucket> Buckets, IReadOnlyList<AgingRow> Rows, IReadOnlyList<Money> Totals, Money Total);

    /// <summary>
    /// AR-08: open amounts per bucket as of a date, grouped by customer, technician or centre. The
    /// database does the sums (open = amount − allocations effective by the date, per invoice; then
    /// per group and bucket, the bucket found by comparing the basis date with the bucket start dates
    /// of <see cref="Aging.BucketStartDates"/>), so only a row per group and bucket comes back,
    /// whatever the number of open items.
    /// </summary>
    public async Task<AgingView> AgingAsync(ScopeViewer viewer, DateOnly asOf, AgingGroup group, CancellationToken ct)
    {
        var policy = await PolicyAsync(ct);
        var invoices = Invoices(viewer).AsNoTracking().Where(i => i.InvoiceDate <= asOf && i.ReversedAt == null);
        var sources = group switch
        {
            AgingGroup.Technician => invoices.Select(i => new AgingSource { Id = i.Id, Key = i.TechnicianId ?? "", InvoiceDate = i.InvoiceDate, DueDate = i.ExtendedTo ?? i.DueDate, AmountFen = i.AmountFen, PaidFen = i.PaidFen }),
            AgingGroup.Centre => invoices.Select(i => new AgingSource { Id = i.Id, Centre = i.CentreId, InvoiceDate = i.InvoiceDate, DueDate = i.ExtendedTo ?? i.DueDate, AmountFen = i.AmountFen, PaidFen = i.PaidFen }),
            _ => invoices.Select(i => new AgingSource { Id = i.Id, Key = i.CustomerName, InvoiceDate = i.InvoiceDate, DueDate = i.ExtendedTo ?? i.DueDate, AmountFen = i.AmountFen, PaidFen = i.PaidFen }),
        };
        var byCentre = group == AgingGroup.Centre;
        var key = AgingKeyOf(Aging.BucketStartDates(asOf, policy), policy.AgingBasis, byCentre);

        // What is open now, from the open-items index alone (IX_Invoices_OpenItems: the query carries its terms):
        // today's report, and the largest part of a report of the past, since payments only ever reduce what is open.
        var sums = await SumAsync(sources.Where(x => x.PaidFen < x.AmountFen)
            .Select(x => new AgingItem { Key = x.Key, Centre = x.Centre, InvoiceDate = x.InvoiceDate, DueDate = x.DueDate, OpenFen = x.AmountFen - x.PaidFen, Items = 1 }), key, byCentre, ct);

        // A report of the past adds back what allocations dated after the date took off: only the few invoices
        // they touch are read (by the allocations' index), and an invoice settled since then counts as an item again.
        var later = db.Set<PaymentAllocation>().Where(a => a.EffectiveOn > asOf)
            .GroupBy(a => a.InvoiceId).Select(g => new { InvoiceId = g.Key, Fen = g.Sum(a => a.AmountFen) });
        if (await later.AnyAsync(ct))
        {
            var addedBack = later.Join(sources, l => l.InvoiceId, x => x.Id, (l, x) => new { x.Key, x.Centre, x.InvoiceDate, x.DueDate, OpenNow = x.AmountFen - x.PaidFen, Later = l.Fen })
                .Select(x => new AgingItem
                {
                    Key = x.Key, Centre = x.Centre, InvoiceDate = x.InvoiceDate, DueDate = x.DueDate,
                    OpenFen = x.OpenNow > 0 ? x.Later : x.OpenNow + x.Later,
                    Items = x.OpenNow > 0 ? 0 : 1,
                });
            sums = sums.Concat(await SumAsync(addedBack, key, byCentre, ct))
                .GroupBy(r => (r.Key, r.Bucket))
                .Select(g => (g.Key.Key, g.Key.Bucket, Fen: g.Sum(r => r.Fen), Items: g.Sum(r => r.Items)))
                .ToList();
        }

        Dictionary<string, string> names = [];
        if (group == AgingGroup.Centre)
        {
            var ids = sums.Select(r => int.Parse(r.Key, CultureInfo.InvariantCulture)).Distinct().ToArray();
            names = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id.ToString(CultureInfo.InvariantCulture), u => u.Name, ct);
        }
        else if (group == AgingGroup.Technician)
        {
            var ids = sums.Select(r => r.Key).Distinct().ToArray();
            names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        }

        var rows = Aging.FromSums(
            sums.Select(r => (names.GetValueOrDefault(r.Key) ?? (group == AgingGroup.Centre ? "" : r.Key), r.Bucket, r.Fen, r.Items)),
            policy);
        var buckets = Aging.Buckets(policy);
        var totals = Enumerable.Range(0, buckets.Count).Select(i => new Money(rows.Sum(r => r.Buckets[i].Fen))).ToArray();
        return new AgingView(asOf, buckets, rows, totals, new Money(totals.Sum(t => t.Fen)));
    }

    /// <summary>Sums per group and bucket in the database: one row per group and bucket comes back.</summary>
    private static async Task<List<(string Key, int Bucket, long Fen, int Items)>> SumAsync(IQueryable<AgingItem> items, Expression<Func<AgingItem, AgingKey>> key, bool byCentre, CancellationToken ct) =>
        (await items.Where(x => x.OpenFen > 0)
            .GroupBy(key)
            .Select(g => new { g.Key.Key, g.Key.Centre, g.Key.Bucket, Fen = g.Sum(x => x.OpenFen), Items = g.Sum(x => x.Items) })
            .ToListAsync(ct))
        .Select(r => (Key: byCentre ? r.Centre.ToString(CultureInfo.InvariantCulture) : r.Key, r.Bucket, r.Fen, r.Items))
        .ToList();

    /// <summary>An invoice as the aging report reads it: its group, dates and amounts.</summary>
    private sealed class AgingSource
    {
        public int Id { get; init; }
        public string Key { get; init; } = "";
        public int Centre { get; init; }
        public DateOnly InvoiceDate { get; init; }
        public DateOnly DueDate { get; init; }
        public long AmountFen { get; init; }
        public long PaidFen { get; init; }
    }

    /// <summary>What an invoice adds to its group and bucket: an open amount and whether it counts as an item.</summary>
    private sealed class AgingItem
    {
        public string Key { get; init; } = "";
        public int Centre { get; init; }
        public DateOnly InvoiceDate { get; init; }
        public DateOnly DueDate { get; init; }
        public long OpenFen { get; init; }
        public int Items { get; init; }
    }

    private sealed class AgingKey
    {
        public string Key { get; init; } = "";
        public int Centre { get; init; }
        public int Bucket { get; init; }
    }

    /// <summary>
    /// The group and bucket of an item as an expression the database runs: the bucket is a CASE over
    /// the basis date against the bucket start dates (<see cref="Aging.BucketOfDate"/>, by dates).
    /// </summary>
    private static Expression<Func<AgingItem, AgingKey>> AgingKeyOf(IReadOnlyList<DateOnly> starts, AgingBasis basis, bool byCentre)
    {
        var x = Expr.Parameter(typeof(AgingItem), "x");
        var date = Expr.Property(x, basis == AgingBasis.DueDate ? nameof(AgingItem.DueDate) : nameof(AgingItem.InvoiceDate));
        Expr bucket = Expr.Constant(starts.Count);
        for (var i = starts.Count - 1; i >= 0; i--)
        {
            bucket = Expr.Condition(
                Expr.GreaterThanOrEqual(date, Expr.Constant(starts[i])),
                Expr.Constant(i), bucket);
        }

        var key = Expr.MemberInit(
            Expr.New(typeof(AgingKey)),
            Expr.Bind(typeof(AgingKey).GetProperty(nameof(AgingKey.Key))!,
                byCentre ? Expr.Constant("") : Expr.Property(x, nameof(AgingItem.Key))),
            Expr.Bind(typeof(AgingKey).GetProperty(nameof(AgingKey.Centre))!,
                byCentre ? Expr.Property(x, nameof(AgingItem.Centre)) : Expr.Constant(0)),
            Expr.Bind(typeof(AgingKey).GetProperty(nameof(AgingKey.Bucket))!, bucket));
        return Expr.Lambda<Func<AgingItem, AgingKey>>(key, x);
    }

    // ---------------- helpers ----------------

    private static Money Amount(ProblemBuilder problems, string field, decimal? yuan)
    {
        if (yuan is not { } value)
        {
            problems.Add(field, "Validation.RequiredHere");
            return Money.Zero;
        }

        if (value <= 0 || value > InputRange.MaxAmountYuan || decimal.Round(value, 2) != value)
        {
            problems.Add(field, "Receivables.BadAmount");
            return Money.Zero;
        }

        return Money.FromYuan(value);
    }

    private async Task<Customer?> CustomerAsync(ScopeViewer viewer, int? customerId, ProblemBuilder problems, CancellationToken ct)
    {
        var customer = customerId is { } id ? await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct) : null;
        if (customer is null)
        {
            problems.Add("customerId", "Customer.UnknownCustomer");
        }

        return customer;
    }

    private async Task<bool> IsTechnicianAsync(string userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().ActiveHolding(db, Role.FieldEngineer).AnyAsync(u => u.Id == userId, ct)
        || await db.Users.AsNoTracking().ActiveHolding(db, Role.TeamLeader).AnyAsync(u => u.Id == userId, ct);

    private async Task<ArResult<T>> SaveUniqueAsync<T>(T record, CancellationToken ct) where T : class
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new ArResult<T>.Ok(record);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Two registrations of the same number at once: the unique index keeps one.
            db.Entry(record).State = EntityState.Detached;
            return new ArResult<T>.Conflict();
        }
    }

    private async Task<ArResult<T>> SaveAsync<T>(T record, CancellationToken ct) where T : class
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new ArResult<T>.Ok(record);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ArResult<T>.Conflict();
        }
    }
}

/// <summary>The due date of an invoice as an SLA timer (AR-03/06), restarted when an extension is approved (AR-05).</summary>
public sealed class DueClock(KefuDbContext db, SlaService sla, CalendarService calendars, PolicyStore policies, TimeProvider clock)
{
    /// <summary>
    /// AR-06: an amount about to pass the customer's payment cycle is raised with CS (the centre's
    /// supervisor) and leadership (CS manager, branch GM) at the warning, before it is overdue, not
    /// only at the breach.
    /// </summary>
    private static readonly EscalationTarget[] MonthlyEscalation =
        [EscalationTarget.AtWarning(Role.CentreSupervisor), EscalationTarget.AtWarning(Role.CsManager), EscalationTarget.AtWarning(Role.BranchGm)];

    /// <summary>
    /// AR-03/06: the due date as an SLA timer that warns before it passes. It runs from the start of
    /// the day after the invoice date: working days on the centre calendar for retail, calendar
    /// days for monthly settlement, so it ends with the due date.
    /// </summary>
    public async Task StartAsync(Invoice invoice, InvoiceSettlement settlement, ReceivablesPolicy policy, WorkingCalendar calendar, DateOnly? extendedTo, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.Definition.TimeZoneId);
        DateTimeOffset LocalMidnight(DateOnly day) => new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
        SlaTarget target;
        DateTimeOffset start;
        if (extendedTo is { } until)
        {
            start = clock.GetUtcNow();
            target = SlaTarget.Minutes((int)Math.Clamp((LocalMidnight(until.AddDays(1)) - start).TotalMinutes, 1, int.MaxValue));
        }
        else
        {
            start = LocalMidnight(invoice.InvoiceDate.AddDays(1));
            target = settlement == InvoiceSettlement.Retail
                ? policy.RetailDueTarget
                : SlaTarget.Minutes((int)Math.Clamp((LocalMidnight(invoice.DueDate.AddDays(1)) - start).TotalMinutes, 1, int.MaxValue));
        }

        if (target.Amount <= 0)
        {
            return;
        }

        await sla.StartAsync(new StartTimer(ReceivablesUseCases.InvoiceRecordType, invoice.Id.ToString(CultureInfo.InvariantCulture), settlement == InvoiceSettlement.Retail ? "AR-03" : "AR-06",
            LocalText.Of("SlaName.InvoiceDue", invoice.Number, invoice.CustomerName).Store(200), target, invoice.TechnicianId ?? invoice.RecordedById, invoice.OrgPath,
            settlement == InvoiceSettlement.Monthly ? MonthlyEscalation : [EscalationTarget.ForRole(Role.CentreSupervisor), EscalationTarget.ForRole(Role.CsManager)],
            policy.DueWarningPercent, start,
            $"/receivables/invoices/{invoice.Id}"), ct);
    }

    /// <summary>AR-05: the extension approved, the invoice's due date moves and its clock restarts to the new date.</summary>
    public async Task ApplyExtensionAsync(ExtensionRequest request, CancellationToken ct)
    {
        var invoice = await db.Set<Invoice>().SingleAsync(i => i.Id == request.InvoiceId, ct);
        invoice.ExtendedTo = request.RequestedDueDate;
        var id = invoice.Id.ToString(CultureInfo.InvariantCulture);
        var open = invoice.AmountFen - invoice.PaidFen;
        if (await sla.StopAsync(ReceivablesUseCases.InvoiceRecordType, id, null, ct) > 0 && open > 0)
        {
            await StartAsync(invoice, invoice.Settlement, await policies.GetAsync<ReceivablesPolicy>(ReceivablesPolicy.Key, ct), await calendars.ForOrgPathAsync(db, invoice.OrgPath, ct), request.RequestedDueDate, ct);
        }
    }
}

/// <summary>How the aging report is split (AR-08).</summary>
public enum AgingGroup
{
    Customer,
    Technician,
    Centre,
}

/// <summary>AR-05: the chain's moves on an extension request; approval moves the invoice's due date.</summary>
internal sealed class ExtensionApprovalHandler(KefuDbContext db, DueClock dueClock, TimeProvider clock) : IApprovalSubjectHandler
{
    public string SubjectType => ReceivablesUseCases.ExtensionSubjectType;

    public Task<DateTimeOffset> StepOpensAtAsync(string subjectId, string stepKey, DateTimeOffset now, CancellationToken ct) => Task.FromResult(now);

    public async Task OnChangedAsync(string subjectId, ApprovalStatus status, string? currentStepKey, ApprovalDecision? decision, string actorId, CancellationToken ct)
    {
        var request = await db.Set<ExtensionRequest>().SingleAsync(r => r.Id == int.Parse(subjectId, CultureInfo.InvariantCulture), ct);
        request.Status = status switch
        {
            ApprovalStatus.Pending => ExtensionStatus.Pending,
            ApprovalStatus.Approved => ExtensionStatus.Approved,
            ApprovalStatus.Rejected => ExtensionStatus.Rejected,
            ApprovalStatus.Returned => ExtensionStatus.Returned,
        };
        if (status != ApprovalStatus.Pending)
        {
            request.DecidedAt = clock.GetUtcNow().UtcDateTime;
        }

        if (status == ApprovalStatus.Approved)
        {
            await dueClock.ApplyExtensionAsync(request, ct);
        }
    }
}
