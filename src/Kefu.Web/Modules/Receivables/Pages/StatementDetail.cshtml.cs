using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>
/// A month-end statement (AR-02/06): its lines and total, what is paid and open on its invoice, the
/// timeline of its steps, and the step the current user may take now (only that) as a form.
/// </summary>
[Authorize(Policy = ReceivablesModule.ReadPolicy)]
public sealed class StatementDetailModel(StatementUseCases statements, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [TempData] public string? Message { get; set; }

    public ReceivableStatement Statement { get; private set; } = null!;
    public IReadOnlyList<StatementLine> Lines { get; private set; } = [];
    public IReadOnlyList<StatementEvent> Timeline { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public Invoice? Invoice { get; private set; }
    public long? OpenFen { get; private set; }
    public string? ContactEmail { get; private set; }

    private bool Holds(IEnumerable<Role> roles) => roles.Any(current.IsInRole);

    public bool CanReview => Statement.Status == StatementStatus.Summarised && Holds(StatementsApi.Reviewers);
    public bool CanCheck => Statement.Status == StatementStatus.Reviewed && Holds(ReceivablesModule.Finance);
    public bool CanResubmit => Statement.Status == StatementStatus.Returned && Holds(StatementsApi.Builders);
    public bool CanSend => Statement.Status is StatementStatus.Checked or StatementStatus.Sent && Holds(ReceivablesModule.Registrars);
    public bool CanAnswer => Statement.Status == StatementStatus.Sent && Holds(ReceivablesModule.Registrars);
    public bool CanInvoice => Statement.Status == StatementStatus.Confirmed && Holds(ReceivablesModule.Invoicers);
    public bool CanDeliver => Statement.Status == StatementStatus.Invoiced && Holds(ReceivablesModule.Invoicers);
    public bool CanWriteOff => Statement.Status == StatementStatus.Delivered && OpenFen == 0 && Holds(ReceivablesModule.Finance);
    public bool CanWithdraw => StatementFlow.WithdrawAllowed(Statement.Status, Invoice is { ReversedAt: null }) && Holds(StatementsApi.Builders);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostReviewAsync(bool? approve, string? reason, CancellationToken ct) =>
        StepAsync(StatementsApi.Reviewers, v => statements.ReviewAsync(v, current.UserId!, Id, new StatementDecisionInput(approve, reason), ct), ct);

    public Task<IActionResult> OnPostCheckAsync(bool? approve, string? reason, CancellationToken ct) =>
        StepAsync(ReceivablesModule.Finance, v => statements.CheckAsync(v, current.UserId!, Id, new StatementDecisionInput(approve, reason), ct), ct);

    public Task<IActionResult> OnPostResubmitAsync(CancellationToken ct) =>
        StepAsync(StatementsApi.Builders, v => statements.ResubmitAsync(v, current.UserId!, Id, ct), ct);

    public Task<IActionResult> OnPostSendAsync(string? email, CancellationToken ct) =>
        StepAsync(ReceivablesModule.Registrars, v => statements.SendAsync(v, current.UserId!, Id, new StatementSendInput(email), $"{Request.Scheme}://{Request.Host}", ct), ct);

    public Task<IActionResult> OnPostConfirmAsync(string? confirmedBy, CancellationToken ct) =>
        StepAsync(ReceivablesModule.Registrars, v => statements.ConfirmAsync(v, current.UserId!, Id, new StatementConfirmInput(confirmedBy), ct), ct);

    public Task<IActionResult> OnPostDisputeAsync(string? by, string? note, CancellationToken ct) =>
        StepAsync(ReceivablesModule.Registrars, v => statements.DisputeAsync(v, current.UserId!, Id, new StatementDisputeInput(by, note), ct), ct);

    public Task<IActionResult> OnPostInvoiceAsync(string? number, DateOnly? invoiceDate, CancellationToken ct) =>
        StepAsync(ReceivablesModule.Invoicers, v => statements.RecordInvoiceAsync(v, current.UserId!, Id, new StatementInvoiceInput(number, invoiceDate), ct), ct);

    public Task<IActionResult> OnPostDeliverAsync(InvoiceDelivery? mode, string? deliveredBy, CancellationToken ct) =>
        StepAsync(ReceivablesModule.Invoicers, v => statements.DeliverAsync(v, current.UserId!, Id, new StatementDeliverInput(mode, deliveredBy), ct), ct);

    public Task<IActionResult> OnPostWriteOffAsync(CancellationToken ct) =>
        StepAsync(ReceivablesModule.Finance, v => statements.WriteOffAsync(v, current.UserId!, Id, ct), ct);

    public Task<IActionResult> OnPostWithdrawAsync(string? reason, CancellationToken ct) =>
        StepAsync(StatementsApi.Builders, v => statements.WithdrawAsync(v, current.UserId!, Id, new ReverseInput(reason), ct), ct);

    private async Task<IActionResult> StepAsync(IEnumerable<Role> roles, Func<ScopeViewer, Task<StatementResult>> step, CancellationToken ct)
    {
        if (!Holds(roles))
        {
            return Forbid();
        }

        switch (await step(await current.GetViewerAsync(ct)))
        {
            case StatementResult.Ok:
                Message = l["Statements.StepDone"];
                return Redirect($"/receivables/statements/{Id}");
            case StatementResult.NotFound:
                return NotFound();
            case StatementResult.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            default:
                ModelState.AddModelError(string.Empty, l["Statements.WrongStep"]);
                break;
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var statement = await statements.Statements(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(s => s.Id == Id, ct);
        if (statement is null)
        {
            return false;
        }

        Statement = statement;
        Lines = await statements.LinesAsync(Id, ct);
        Timeline = await statements.TimelineAsync(Id, ct);
        Invoice = statement.InvoiceId is { } invoiceId ? await db.Set<Invoice>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct) : null;
        OpenFen = await statements.OpenFenAsync(statement, ct);
        ContactEmail = await db.Set<Customers.Customer>().AsNoTracking().Where(c => c.Id == statement.CustomerId).Select(c => c.ContactEmail).SingleOrDefaultAsync(ct);
        var ids = Timeline.Select(e => e.ActorId).Append(statement.BuiltById).OfType<string>().Distinct().ToArray();
        Names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return true;
    }
}
