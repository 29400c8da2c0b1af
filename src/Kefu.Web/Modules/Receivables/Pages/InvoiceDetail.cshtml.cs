using System.Globalization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Performance.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>
/// AR-03/05/06: one invoice with what was paid on it and when, its extensions and fines on one
/// timeline; from here a salesperson asks for a longer payment period (the customer delays), a
/// supervisor records the technician's omission as a fine, and finance reverses a wrong invoice.
/// </summary>
[Authorize(Policy = ReceivablesModule.ReadPolicy)]
public sealed class InvoiceDetailModel(ReceivablesUseCases receivables, KefuDbContext db, IPenaltyLedger ledger, CurrentUser current) : PageModel
{
    /// <summary>A moment in the invoice's life: when, what (a resource key with its arguments), who, and a note.</summary>
    public sealed record Event(DateTime At, string Key, object[] Args, string? Who, string? Note, string? Link = null);

    public sealed class ExtensionForm
    {
        public DateOnly? RequestedDueDate { get; set; }
        public string? Reason { get; set; }
    }

    public InvoiceBalance Balance { get; private set; } = null!;
    public string Technician { get; private set; } = Shown.Nothing;
    public string RecordedBy { get; private set; } = Shown.Nothing;
    public string? ConfirmationNumber { get; private set; }
    public IReadOnlyList<Event> Timeline { get; private set; } = [];
    public bool ExtensionPending { get; private set; }
    public bool Fined { get; private set; }
    public bool Overdue { get; private set; }

    [BindProperty] public ExtensionForm Extension { get; set; } = new();
    [BindProperty] public string? FineNote { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public string? Notice { get; private set; }

    public bool CanRequestExtension => ReceivablesModule.Requesters.Any(current.IsInRole) && Balance.OpenFen > 0 && !ExtensionPending;

    public bool CanFine => ReceivablesModule.Finers.Any(current.IsInRole) && Balance.Invoice.TechnicianId is not null && Overdue && !Fined;

    public bool CanReverse => ReceivablesModule.CanRecordPayments(current) && Balance.Invoice.ReversedAt is null && Balance.PaidFen == 0;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostExtensionAsync(int id, CancellationToken ct)
    {
        if (!ReceivablesModule.Requesters.Any(current.IsInRole))
        {
            return Forbid();
        }

        var viewer = await current.GetViewerAsync(ct);
        var result = await receivables.RequestExtensionAsync(viewer, viewer.UserId, id, new ExtensionInput(Extension.RequestedDueDate, Extension.Reason), ct);
        return await AnswerAsync(id, result, "Receivables.ExtensionRequested", "Receivables.ExtensionConflict", "Extension", ct);
    }

    public async Task<IActionResult> OnPostFineAsync(int id, CancellationToken ct)
    {
        if (!ReceivablesModule.Finers.Any(current.IsInRole))
        {
            return Forbid();
        }

        var viewer = await current.GetViewerAsync(ct);
        var result = await receivables.RecordOmissionFineAsync(viewer, viewer.UserId, id, new OmissionFineInput(FineNote), ct);
        return await AnswerAsync(id, result, "Receivables.FineRecorded", "Receivables.FineConflict", nameof(FineNote), ct);
    }

    public async Task<IActionResult> OnPostReverseAsync(int id, CancellationToken ct)
    {
        if (!ReceivablesModule.CanRecordPayments(current))
        {
            return Forbid();
        }

        var viewer = await current.GetViewerAsync(ct);
        var result = await receivables.ReverseInvoiceAsync(viewer, viewer.UserId, id, new ReverseInput(Reason), ct);
        return await AnswerAsync(id, result, "Receivables.InvoiceReversed", "Receivables.ReverseConflict", nameof(Reason), ct);
    }

    /// <summary>The outcome of a form on this page: a notice, the refusals next to the form's fields, or not found.</summary>
    private async Task<IActionResult> AnswerAsync<T>(int id, ArResult<T> result, string done, string conflict, string prefix, CancellationToken ct)
    {
        switch (result)
        {
            case ArResult<T>.Ok:
                Notice = done;
                ModelState.Clear();
                Extension = new ExtensionForm();
                FineNote = null;
                Reason = null;
                break;
            case ArResult<T>.Invalid invalid:
                foreach (var (field, messages) in invalid.Problems.Errors)
                {
                    var key = field switch
                    {
                        "requestedDueDate" => "Extension.RequestedDueDate",
                        "reason" when prefix == "Extension" => "Extension.Reason",
                        "reason" => nameof(Reason),
                        "note" => nameof(FineNote),
                        _ => "",
                    };
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(key, message);
                    }
                }

                break;
            case ArResult<T>.Conflict:
                ModelState.AddModelError("", Text.Get(conflict));
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if ((await receivables.BalancesAsync(receivables.Invoices(viewer).AsNoTracking().Where(i => i.Id == id), null, ct)).SingleOrDefault() is not { } balance)
        {
            return false;
        }

        Balance = balance;
        var invoice = balance.Invoice;
        var key = id.ToString(CultureInfo.InvariantCulture);
        var allocations = await db.Set<PaymentAllocation>().AsNoTracking().Where(a => a.InvoiceId == id)
            .Join(db.Set<Payment>(), a => a.PaymentId, p => p.Id, (a, p) => new { a.PaymentId, a.AmountFen, a.EffectiveOn, a.CreatedAt, a.CreatedById, p.Method, p.Reference })
            .OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var extensions = await db.Set<ExtensionRequest>().AsNoTracking().Where(e => e.InvoiceId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var fines = await ledger.ForEvidenceAsync("AR-05", "TechnicianOmission", ReceivablesUseCases.FineEvidence, key, ct);
        ConfirmationNumber = invoice.ConfirmationId is { } cid
            ? await db.Set<SalesConfirmation>().AsNoTracking().Where(c => c.Id == cid).Select(c => c.Number).SingleOrDefaultAsync(ct) : null;

        var people = new[] { invoice.TechnicianId, invoice.RecordedById, invoice.ReversedById }
            .Concat(allocations.Select(a => a.CreatedById)).Concat(extensions.Select(e => e.OwnerId)).Concat(fines.Select(f => f.PersonId))
            .OfType<string>().Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(string? userId) => userId is null ? null : names.GetValueOrDefault(userId) ?? Shown.Nothing;
        Technician = Name(invoice.TechnicianId) ?? Shown.Nothing;
        RecordedBy = Name(invoice.RecordedById) ?? Shown.Nothing;

        var events = new List<Event> { new(invoice.RecordedAt, "Receivables.Event.Recorded", [new Core.Money.Money(invoice.AmountFen).ToString()], RecordedBy, null) };
        events.AddRange(allocations.Select(a => new Event(a.CreatedAt, a.AmountFen >= 0 ? "Receivables.Event.Paid" : "Receivables.Event.PaymentReversed",
            [new Core.Money.Money(Math.Abs(a.AmountFen)).ToString(), Text.Get("PaymentMethod." + a.Method), a.EffectiveOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            Name(a.CreatedById), a.Reference, $"/receivables/payments/{a.PaymentId}")));
        foreach (var e in extensions)
        {
            events.Add(new Event(e.CreatedAt, "Receivables.Event.ExtensionRequested", [e.RequestedDueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], Name(e.OwnerId), e.Reason));
            if (e.DecidedAt is { } decided)
            {
                events.Add(new Event(decided, "Receivables.Event.Extension" + e.Status, [e.RequestedDueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], null, null));
            }
        }

        events.AddRange(fines.Select(f => new Event(f.CreatedAt, "Receivables.Event.Fined", [Name(f.PersonId) ?? "", Core.Money.Money.FromYuan(Math.Abs(f.AmountYuan)).ToString()],
            f.CreatedBy is null ? null : names.GetValueOrDefault(f.CreatedBy) ?? f.CreatedBy, f.Note)));
        if (invoice.ReversedAt is { } reversed)
        {
            events.Add(new Event(reversed, "Receivables.Event.Reversed", [], Name(invoice.ReversedById), invoice.ReversalReason));
        }

        Timeline = events.OrderBy(e => e.At).ToList();
        ExtensionPending = extensions.Any(e => e.Status == ExtensionStatus.Pending);
        Fined = fines.Count > 0;
        Overdue = balance.OpenFen > 0 && balance.EffectiveDueDate < receivables.Today();
        return true;
    }
}
