using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kefu.Core.Calendar;
using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Receivables;

public sealed record StatementBuildInput(int? CustomerId, string? Month);

public sealed record StatementDecisionInput(bool? Approve, string? Reason);

public sealed record StatementSendInput(string? Email);

public sealed record StatementConfirmInput(string? ConfirmedBy);

public sealed record StatementDisputeInput(string? By, string? Note);

public sealed record StatementInvoiceInput(string? Number, DateOnly? InvoiceDate);

public sealed record StatementDeliverInput(InvoiceDelivery? Mode, string? DeliveredBy);

/// <summary>A sales confirmation that a statement for its customer and month would take.</summary>
public sealed record StatementCandidate(int ConfirmationId, string Number, DateOnly SoldOn, string Items, long AmountFen);

/// <summary>What the customer's link shows: the statement and whether it still waits for an answer.</summary>
public sealed record OpenedStatement(ReceivableStatement Statement, IReadOnlyList<StatementLine> Lines, bool Open);

/// <summary>
/// AR-02/AR-06: the month-end statement of a customer, from the summary to the write-off, each step
/// its own action with who and when on the statement's timeline. Scope follows the customer.
/// </summary>
public sealed class StatementUseCases(
    KefuDbContext db, ReceivablesUseCases receivables, StatementDocuments documents, Notifier notifier, TimeProvider clock)
{
    public const string RecordType = "ReceivableStatement";
    public const string MailEvent = "ReceivableStatement";

    public IQueryable<ReceivableStatement> Statements(ScopeViewer viewer) => db.Set<ReceivableStatement>().VisibleTo(viewer);

    public static bool TryMonth(string? text, out DateOnly month)
    {
        month = default;
        if (text is null || !DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        month = day;
        return InputRange.Contains(day);
    }

    /// <summary>The customer's confirmations of the month not reversed and not on a live statement: what a statement would take.</summary>
    public async Task<IReadOnlyList<StatementCandidate>> CandidatesAsync(ScopeViewer viewer, int customerId, DateOnly month, CancellationToken ct)
    {
        var (first, last) = StatementFlow.MonthRange(month);
        var taken = db.Set<StatementLine>().Where(l => l.ActiveConfirmationId != null).Select(l => l.ActiveConfirmationId!.Value);
        return await receivables.Confirmations(viewer).AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.ReversedAt == null && c.SoldOn >= first && c.SoldOn <= last && !taken.Contains(c.Id))
            .OrderBy(c => c.SoldOn).ThenBy(c => c.Id)
            .Select(c => new StatementCandidate(c.Id, c.Number, c.SoldOn, c.Items, c.AmountFen)).ToListAsync(ct);
    }

    public async Task<(Customer? Customer, DateOnly Month, ProblemBuilder Problems)> ValidateBuildAsync(ScopeViewer viewer, StatementBuildInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var customer = input.CustomerId is { } id ? await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct) : null;
        if (customer is null)
        {
            problems.Add("customerId", "Customer.UnknownCustomer");
        }

        if (!TryMonth(input.Month, out var month))
        {
            problems.Add("month", "Statements.BadMonth");
        }
        else if (month > receivables.Today())
        {
            problems.Add("month", "Validation.NotInFuture");
        }

        return (customer, month, problems);
    }

    /// <summary>AR-02/06 step 1: the month's summary. Key (monthly-settled) accounts are built by CS, the others by finance.</summary>
    public async Task<StatementResult> BuildAsync(ScopeViewer viewer, string userId, IReadOnlyCollection<Role> roles, StatementBuildInput input, CancellationToken ct)
    {
        var (customer, month, problems) = await ValidateBuildAsync(viewer, input, ct);
        if (problems.HasErrors)
        {
            return new StatementResult.Invalid(problems);
        }

        if (!MayBuild(customer!, roles))
        {
            return new StatementResult.Forbidden();
        }

        var lines = await CandidatesAsync(viewer, customer!.Id, month, ct);
        if (lines.Count == 0)
        {
            return new StatementResult.Invalid(new ProblemBuilder().Add("month", "Statements.NothingToState"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var statement = new ReceivableStatement
        {
            CustomerId = customer.Id, CustomerName = customer.Name, Month = month, TotalFen = StatementFlow.TotalFen(lines.Select(l => l.AmountFen)),
            LineCount = lines.Count, Status = StatementStatus.Summarised, BuiltById = userId, BuiltAt = now, OrgPath = customer.OrgPath, CentreId = customer.CentreId,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(statement);
        await db.SaveChangesAsync(ct);
        foreach (var line in lines)
        {
            db.Add(new StatementLine
            {
                StatementId = statement.Id, ConfirmationId = line.ConfirmationId, ActiveConfirmationId = line.ConfirmationId, Number = line.Number,
                SoldOn = line.SoldOn, Items = line.Items, AmountFen = line.AmountFen,
            });
        }

        Record(statement, StatementAction.Build, userId, null, null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another statement took one of these confirmations at the same moment: nothing of this one stays.
            return new StatementResult.Conflict();
        }

        await tx.CommitAsync(ct);
        return new StatementResult.Ok(statement);
    }

    public static bool MayBuild(Customer customer, IReadOnlyCollection<Role> roles) =>
        roles.Contains(Role.SystemAdministrator) || StatementFlow.BuilderFor(customer.Settlement == SettlementMode.Monthly) switch
        {
            StatementBuilder.CustomerService => roles.Any(r => ReceivablesModule.Registrars.Contains(r)),
            StatementBuilder.Finance => roles.Contains(Role.FinanceClerk) || roles.Contains(Role.CsManager),
        };

    /// <summary>Step 2 (manager) or 3 (finance): approve, or return to the builder with the reason.</summary>
    public Task<StatementResult> ReviewAsync(ScopeViewer viewer, string userId, int id, StatementDecisionInput input, CancellationToken ct) =>
        DecideAsync(viewer, userId, id, input, StatementAction.Approve, ct);

    public Task<StatementResult> CheckAsync(ScopeViewer viewer, string userId, int id, StatementDecisionInput input, CancellationToken ct) =>
        DecideAsync(viewer, userId, id, input, StatementAction.Check, ct);

    private async Task<StatementResult> DecideAsync(ScopeViewer viewer, string userId, int id, StatementDecisionInput input, StatementAction approve, CancellationToken ct)
    {
        var problems = new ProblemBuilder().MaxLength("reason", input.Reason, 1000);
        if (input.Approve is not { } yes)
        {
            problems.Add("approve", "Validation.RequiredHere");
        }
        else if (!yes)
        {
            problems.Required("reason", input.Reason);
        }

        return await StepAsync(viewer, id, problems, input.Approve == false ? StatementAction.Return : approve, statement =>
        {
            if (input.Approve == false)
            {
                statement.LastReason = input.Reason!.Trim();
            }

            Record(statement, input.Approve == false ? StatementAction.Return : approve, userId, null, input.Reason?.Trim());
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>The builder sends a returned statement back to review (after the reason is dealt with outside: a withdrawal and a new statement when lines are wrong).</summary>
    public Task<StatementResult> ResubmitAsync(ScopeViewer viewer, string userId, int id, CancellationToken ct) =>
        StepAsync(viewer, id, new ProblemBuilder(), StatementAction.Resubmit, statement =>
        {
            Record(statement, StatementAction.Resubmit, userId, null, null);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Step 4: CS emails the statement to the customer's contact with an Excel and, when a CJK font is
    /// found, a PDF; the mail carries the customer's confirmation link. Delivered by the outbox.
    /// </summary>
    public async Task<StatementResult> SendAsync(ScopeViewer viewer, string userId, int id, StatementSendInput input, string baseUrl, CancellationToken ct)
    {
        var problems = new ProblemBuilder().MaxLength("email", input.Email, 256);
        var statement = await Statements(viewer).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null)
        {
            return new StatementResult.NotFound();
        }

        var contact = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == statement.CustomerId).Select(c => new { c.ContactEmail, c.ContactName }).SingleAsync(ct);
        var email = string.IsNullOrWhiteSpace(input.Email) ? contact.ContactEmail?.Trim() : input.Email.Trim();
        if (string.IsNullOrEmpty(email) || !MimeKit.MailboxAddress.TryParse(email, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
        {
            problems.Add("email", "Statements.NoContactEmail");
        }

        if (problems.HasErrors)
        {
            return new StatementResult.Invalid(problems);
        }

        if (StatementFlow.StepsInOrder(statement.Status, StatementAction.Send) is not { } next)
        {
            return new StatementResult.Conflict();
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(24));
        var lines = await LinesAsync(statement.Id, ct);
        var files = documents.Render(statement, lines);
        var chinese = CultureInfo.GetCultureInfo(LocalizationSetup.Chinese);
        var month = statement.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var link = $"{baseUrl.TrimEnd('/')}/statement/{token}";
        var subject = LocalText.Of("Statements.MailSubject", month, statement.CustomerName).Render(chinese);
        var body = LocalText.Of("Statements.MailBody", contact.ContactName ?? statement.CustomerName, month, statement.LineCount,
            new Kefu.Core.Money.Money(statement.TotalFen).ToString(), link).Render(chinese).Replace("\\n", "\n", StringComparison.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Channel = NotificationChannel.Email, Recipient = email!, EventKey = MailEvent, Subject = subject.Length <= 300 ? subject : subject[..300], Body = body,
            Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now, RelatedType = RecordType, RelatedId = statement.Id.ToString(CultureInfo.InvariantCulture),
        };
        var fileName = $"statement-{statement.Id.ToString(CultureInfo.InvariantCulture)}-{month}";
        message.Attachments.Add(new OutboxAttachment { FileName = fileName + ".xlsx", ContentType = Kefu.Web.Platform.Export.TableExport.XlsxContentType, Content = files.Xlsx });
        if (files.Pdf is { } pdf)
        {
            message.Attachments.Add(new OutboxAttachment { FileName = fileName + ".pdf", ContentType = "application/pdf", Content = pdf });
        }

        statement.Status = next;
        statement.SentTo = email;
        statement.LinkTokenHash = Hash(token);
        statement.PdfMissingReason = files.PdfMissingReason;
        db.Add(message);
        Record(statement, StatementAction.Send, userId, null, email);
        return await SaveAsync(statement, ct);
    }

    /// <summary>Step 5 recorded by CS: the customer confirmed the amounts; who confirmed is named.</summary>
    public Task<StatementResult> ConfirmAsync(ScopeViewer viewer, string userId, int id, StatementConfirmInput input, CancellationToken ct) =>
        StepAsync(viewer, id, new ProblemBuilder().Required("confirmedBy", input.ConfirmedBy).MaxLength("confirmedBy", input.ConfirmedBy, 100), StatementAction.Confirm, statement =>
        {
            statement.ConfirmedByName = input.ConfirmedBy!.Trim();
            Record(statement, StatementAction.Confirm, userId, statement.ConfirmedByName, null);
            return Task.CompletedTask;
        }, ct);

    /// <summary>The customer disputes the amounts (recorded by CS): back to the builder with the note.</summary>
    public Task<StatementResult> DisputeAsync(ScopeViewer viewer, string userId, int id, StatementDisputeInput input, CancellationToken ct) =>
        StepAsync(viewer, id, DisputeProblems(input), StatementAction.Dispute, statement => DisputedAsync(statement, userId, input, ct), ct);

    private static ProblemBuilder DisputeProblems(StatementDisputeInput input) =>
        new ProblemBuilder().Required("by", input.By).MaxLength("by", input.By, 100).Required("note", input.Note).MaxLength("note", input.Note, 1000);

    private async Task DisputedAsync(ReceivableStatement statement, string? userId, StatementDisputeInput input, CancellationToken ct)
    {
        statement.LastReason = input.Note!.Trim();
        Record(statement, StatementAction.Dispute, userId, input.By!.Trim(), statement.LastReason);
        await notifier.EnqueueAsync(new NotificationRequest("StatementDisputed", [statement.BuiltById],
            [statement.CustomerName, statement.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), statement.LastReason], Link(statement), RecordType,
            statement.Id.ToString(CultureInfo.InvariantCulture), ToGroupRobots: false), ct);
    }

    /// <summary>What the customer's link leads to; null for a link that is not one.</summary>
    public async Task<OpenedStatement?> OpenLinkAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var statement = await db.Set<ReceivableStatement>().AsNoTracking().SingleOrDefaultAsync(s => s.LinkTokenHash == hash, ct);
        return statement is null ? null : new OpenedStatement(statement, await LinesAsync(statement.Id, ct), statement.Status == StatementStatus.Sent);
    }

    /// <summary>Step 5 by the customer through the link: confirm, or dispute with a note. A link answers once.</summary>
    public async Task<StatementResult> AnswerLinkAsync(string? token, bool dispute, string? name, string? note, CancellationToken ct)
    {
        var opened = await OpenLinkAsync(token, ct);
        return opened is null ? new StatementResult.NotFound() : await AnswerAsync(opened.Statement.Id, dispute, name, note, ct);
    }

    /// <summary>Step 5 by a customer signed in to the portal: the same answer as through the link, for their own customer's sent statement only.</summary>
    public async Task<StatementResult> AnswerAsCustomerAsync(int customerId, int id, bool dispute, string? name, string? note, CancellationToken ct) =>
        await db.Set<ReceivableStatement>().AsNoTracking().AnyAsync(s => s.Id == id && s.CustomerId == customerId && s.Status == StatementStatus.Sent, ct)
            ? await AnswerAsync(id, dispute, name, note, ct)
            : new StatementResult.NotFound();

    private async Task<StatementResult> AnswerAsync(int id, bool dispute, string? name, string? note, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("name", name).MaxLength("name", name, 100).MaxLength("note", note, 1000);
        if (dispute)
        {
            problems.Required("note", note);
        }

        if (problems.HasErrors)
        {
            return new StatementResult.Invalid(problems);
        }

        var statement = await db.Set<ReceivableStatement>().SingleAsync(s => s.Id == id, ct);
        if (StatementFlow.StepsInOrder(statement.Status, dispute ? StatementAction.Dispute : StatementAction.Confirm) is not { } next)
        {
            return new StatementResult.Conflict();
        }

        statement.Status = next;
        if (dispute)
        {
            await DisputedAsync(statement, null, new StatementDisputeInput(name, note), ct);
        }
        else
        {
            statement.ConfirmedByName = name!.Trim();
            Record(statement, StatementAction.Confirm, null, statement.ConfirmedByName, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        }

        return await SaveAsync(statement, ct);
    }

    /// <summary>Step 6: the invoice for the confirmed total is recorded through the invoice use case and linked to the statement, in one transaction.</summary>
    public async Task<StatementResult> RecordInvoiceAsync(ScopeViewer viewer, string userId, int id, StatementInvoiceInput input, CancellationToken ct)
    {
        var statement = await Statements(viewer).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null)
        {
            return new StatementResult.NotFound();
        }

        if (StatementFlow.StepsInOrder(statement.Status, StatementAction.RecordInvoice) is not { } next)
        {
            // Bad input is named even when the order refuses, so a client learns both.
            var early = new ProblemBuilder().Required("number", input.Number).MaxLength("number", input.Number, 40);
            return early.HasErrors ? new StatementResult.Invalid(early) : new StatementResult.Conflict();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var recorded = await receivables.RecordInvoiceAsync(viewer, userId, new InvoiceInput(input.Number, input.InvoiceDate, statement.TotalFen / 100m,
            statement.CustomerId, null, InvoiceSettlement.Monthly), ct);
        switch (recorded)
        {
            case ArResult<Invoice>.Invalid invalid:
                return new StatementResult.Invalid(invalid.Problems);
            case ArResult<Invoice>.Ok ok:
                statement.InvoiceId = ok.Value.Id;
                statement.Status = next;
                Record(statement, StatementAction.RecordInvoice, userId, null, ok.Value.Number);
                var saved = await SaveAsync(statement, ct);
                if (saved is StatementResult.Ok)
                {
                    await tx.CommitAsync(ct);
                }

                return saved;
            case ArResult<Invoice>.NotFound:
                return new StatementResult.NotFound();
            default:
                return new StatementResult.Conflict();
        }
    }

    /// <summary>Step 7: the invoice reached the customer, by finance's collector or signed out by CS; who is named.</summary>
    public Task<StatementResult> DeliverAsync(ScopeViewer viewer, string userId, int id, StatementDeliverInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("deliveredBy", input.DeliveredBy).MaxLength("deliveredBy", input.DeliveredBy, 100);
        if (input.Mode is not { } mode || !Enum.IsDefined(mode))
        {
            problems.Add("mode", "Validation.RequiredHere");
        }

        return StepAsync(viewer, id, problems, StatementAction.Deliver, statement =>
        {
            statement.Delivery = input.Mode;
            statement.DeliveredByName = input.DeliveredBy!.Trim();
            Record(statement, StatementAction.Deliver, userId, statement.DeliveredByName, input.Mode!.Value.ToString());
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>Step 9: finance writes off a delivered statement whose invoice is paid to the fen.</summary>
    public async Task<StatementResult> WriteOffAsync(ScopeViewer viewer, string userId, int id, CancellationToken ct)
    {
        var statement = await Statements(viewer).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null)
        {
            return new StatementResult.NotFound();
        }

        var open = await OpenFenAsync(statement, ct);
        if (!StatementFlow.WriteOffAllowed(statement.Status, open ?? -1))
        {
            return statement.Status == StatementStatus.Delivered
                ? new StatementResult.Invalid(new ProblemBuilder().Add("id", "Statements.NotPaid"))
                : new StatementResult.Conflict();
        }

        statement.Status = StatementStatus.WrittenOff;
        Record(statement, StatementAction.WriteOff, userId, null, null);
        return await SaveAsync(statement, ct);
    }

    /// <summary>A wrong statement is withdrawn with a reason (kept, never deleted); its confirmations are free for a new one.</summary>
    public async Task<StatementResult> WithdrawAsync(ScopeViewer viewer, string userId, int id, ReverseInput input, CancellationToken ct)
    {
        var statement = await Statements(viewer).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null)
        {
            return new StatementResult.NotFound();
        }

        var problems = new ProblemBuilder().Required("reason", input.Reason).MaxLength("reason", input.Reason, 1000);
        if (problems.HasErrors)
        {
            return new StatementResult.Invalid(problems);
        }

        var liveInvoice = statement.InvoiceId is { } invoiceId && await db.Set<Invoice>().AnyAsync(i => i.Id == invoiceId && i.ReversedAt == null, ct);
        if (!StatementFlow.WithdrawAllowed(statement.Status, liveInvoice))
        {
            return new StatementResult.Conflict();
        }

        statement.Status = StatementStatus.Withdrawn;
        statement.LastReason = input.Reason!.Trim();
        statement.LinkTokenHash = null;
        foreach (var line in await db.Set<StatementLine>().Where(l => l.StatementId == id).ToListAsync(ct))
        {
            line.ActiveConfirmationId = null;
        }

        Record(statement, StatementAction.Withdraw, userId, null, statement.LastReason);
        return await SaveAsync(statement, ct);
    }

    public Task<List<StatementLine>> LinesAsync(int statementId, CancellationToken ct) =>
        db.Set<StatementLine>().AsNoTracking().Where(l => l.StatementId == statementId).OrderBy(l => l.SoldOn).ThenBy(l => l.Id).ToListAsync(ct);

    public Task<List<StatementEvent>> TimelineAsync(int statementId, CancellationToken ct) =>
        db.Set<StatementEvent>().AsNoTracking().Where(e => e.StatementId == statementId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);

    /// <summary>What is still open on the statement's invoice (null without a live invoice).</summary>
    public async Task<long?> OpenFenAsync(ReceivableStatement statement, CancellationToken ct)
    {
        if (statement.InvoiceId is not { } invoiceId)
        {
            return null;
        }

        var balance = (await receivables.BalancesAsync(db.Set<Invoice>().Where(i => i.Id == invoiceId), null, ct)).SingleOrDefault();
        return balance is null || balance.Invoice.ReversedAt is not null ? null : balance.OpenFen;
    }

    public static string Link(ReceivableStatement statement) => $"/receivables/statements/{statement.Id.ToString(CultureInfo.InvariantCulture)}";

    private async Task<StatementResult> StepAsync(ScopeViewer viewer, int id, ProblemBuilder problems, StatementAction action, Func<ReceivableStatement, Task> apply, CancellationToken ct)
    {
        var statement = await Statements(viewer).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null)
        {
            return new StatementResult.NotFound();
        }

        if (problems.HasErrors)
        {
            return new StatementResult.Invalid(problems);
        }

        if (StatementFlow.StepsInOrder(statement.Status, action) is not { } next)
        {
            return new StatementResult.Conflict();
        }

        statement.Status = next;
        await apply(statement);
        return await SaveAsync(statement, ct);
    }

    private void Record(ReceivableStatement statement, StatementAction action, string? userId, string? actorName, string? note) =>
        db.Add(new StatementEvent
        {
            StatementId = statement.Id, Action = action, ActorId = userId, ActorName = actorName, At = clock.GetUtcNow().UtcDateTime,
            Note = note is { Length: > 1000 } ? note[..1000] : note,
        });

    private async Task<StatementResult> SaveAsync(ReceivableStatement statement, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new StatementResult.Ok(statement);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new StatementResult.Conflict();
        }
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What a statement step answers: the statement, or why not.</summary>
public abstract record StatementResult
{
    public sealed record Ok(ReceivableStatement Value) : StatementResult;
    public sealed record Invalid(ProblemBuilder Problems) : StatementResult;
    public sealed record NotFound : StatementResult;
    public sealed record Conflict : StatementResult;
    public sealed record Forbidden : StatementResult;
}
