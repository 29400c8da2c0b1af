using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Modules.Field.Pages;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>
/// AR-03/06: an invoice is recorded (number, date, amount; Kefu records invoices, it does not issue
/// them), from a sales confirmation or on its own; the rules give its due date and start its clock.
/// </summary>
[Authorize(Policy = ReceivablesModule.InvoicePolicy)]
public sealed class InvoiceNewModel(ReceivablesUseCases receivables, KefuDbContext db, CurrentUser current) : PageModel
{
    public sealed class InvoiceForm
    {
        public string? Number { get; set; }
        public DateOnly? InvoiceDate { get; set; }
        public decimal? AmountYuan { get; set; }
        public int? CustomerId { get; set; }
        public int? ConfirmationId { get; set; }
        public InvoiceSettlement? Settlement { get; set; }
    }

    [BindProperty] public InvoiceForm Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Customers { get; private set; } = [];

    /// <summary>The chosen customer's confirmations still to invoice, with what is left of each.</summary>
    public IReadOnlyList<(int Id, string Number, decimal OpenYuan)> Confirmations { get; private set; } = [];

    public async Task OnGetAsync(int? customerId, int? confirmationId, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if (confirmationId is { } cid && await receivables.Confirmations(viewer).AsNoTracking().SingleOrDefaultAsync(c => c.Id == cid, ct) is { } from)
        {
            customerId = from.CustomerId;
            Input.ConfirmationId = from.Id;
            Input.Settlement = from.Settlement;
        }

        Input.CustomerId = customerId;
        Input.InvoiceDate = receivables.Today();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var input = new InvoiceInput(Input.Number, Input.InvoiceDate, Input.AmountYuan, Input.CustomerId, Input.ConfirmationId, Input.Settlement);
        switch (await receivables.RecordInvoiceAsync(viewer, viewer.UserId, input, ct))
        {
            case ArResult<Invoice>.Ok ok:
                return Redirect($"/receivables/invoices?q={Uri.EscapeDataString(ok.Value.Number)}&recorded=1");
            case ArResult<Invoice>.Invalid invalid:
                FieldForms.CopyTo(invalid.Problems, ModelState, "Input");
                break;
            case ArResult<Invoice>.Conflict:
                ModelState.AddModelError("Input.Number", Text.Get("Receivables.InvoiceNumberTaken"));
                break;
            default:
                return NotFound();
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Customers = await ReceivablesForms.CustomersAsync(db, viewer, Input.CustomerId, ct);
        if (Input.CustomerId is { } customer)
        {
            var open = await receivables.Confirmations(viewer).AsNoTracking().Where(c => c.CustomerId == customer && c.ReversedAt == null)
                .OrderByDescending(c => c.SoldOn).Take(100).ToListAsync(ct);
            var totals = await receivables.LedgerTotalsAsync(open.Select(c => c.Id).ToArray(), ct);
            Confirmations = open.Select(c => (c.Id, c.Number, (c.AmountFen - (totals.TryGetValue(c.Id, out var t) ? t.Invoiced : 0)) / 100m))
                .Where(c => c.Item3 > 0 || c.Id == Input.ConfirmationId).ToList();
        }
    }
}
