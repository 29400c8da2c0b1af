using System.Globalization;
using System.Text.RegularExpressions;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>
/// AR-06: finance records a payment (cheque collected or bank transfer) and applies it to the
/// customer's open invoices: as entered line by line, or oldest first when no line is filled in;
/// what is left is the customer's credit.
/// </summary>
[Authorize(Policy = ReceivablesModule.FinancePolicy)]
public sealed class PaymentNewModel(ReceivablesUseCases receivables, KefuDbContext db, CurrentUser current) : PageModel
{
    public sealed class PaymentForm
    {
        public int? CustomerId { get; set; }
        public DateOnly? ReceivedOn { get; set; }
        public PaymentMethod? Method { get; set; }
        public decimal? AmountYuan { get; set; }
        public string? Reference { get; set; }
        public List<LineForm> Allocations { get; set; } = [];
    }

    public sealed class LineForm
    {
        public int? InvoiceId { get; set; }
        public decimal? AmountYuan { get; set; }
    }

    [BindProperty] public PaymentForm Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Customers { get; private set; } = [];
    public IReadOnlyList<InvoiceBalance> OpenInvoices { get; private set; } = [];

    public async Task OnGetAsync(int? customerId, CancellationToken ct)
    {
        Input.CustomerId = customerId;
        Input.ReceivedOn = receivables.Today();
        Input.Method = PaymentMethod.Transfer;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        // Lines left empty are not allocations; none filled in means oldest first.
        var told = Input.Allocations.Where(a => a.AmountYuan is not null).Select(a => new AllocationInput(a.InvoiceId, a.AmountYuan)).ToList();
        var input = new PaymentInput(Input.CustomerId, Input.ReceivedOn, Input.Method, Input.AmountYuan, Input.Reference, told.Count == 0 ? null : told);
        switch (await receivables.RecordPaymentAsync(viewer, viewer.UserId, input, ct))
        {
            case ArResult<Payment>.Ok ok:
                return Redirect($"/receivables/payments/{ok.Value.Id}?recorded=true");
            case ArResult<Payment>.Invalid invalid:
                // "allocations[0].amountYuan" is about the first filled-in line: point it at that line of the form.
                var filled = Input.Allocations.Select((a, i) => (a, i)).Where(x => x.a.AmountYuan is not null).Select(x => x.i).ToList();
                foreach (var (field, messages) in invalid.Problems.Errors)
                {
                    var mapped = Regex.Replace(field, @"^allocations\[(\d+)\]", m =>
                    {
                        var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                        return $"allocations[{(n < filled.Count ? filled[n] : n)}]";
                    });
                    var key = "Input." + Regex.Replace(mapped, @"(?<=^|\.)[a-z]", m => m.Value.ToUpperInvariant());
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(key, message);
                    }
                }

                break;
            case ArResult<Payment>.Conflict:
                ModelState.AddModelError("", Text.Get("Common.Conflict"));
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
            OpenInvoices = (await receivables.BalancesAsync(
                    receivables.Invoices(viewer).Where(i => i.CustomerId == customer && i.ReversedAt == null && i.AmountFen > i.PaidFen)
                        .OrderBy(i => i.InvoiceDate).ThenBy(i => i.Id).Take(50), null, ct))
                .ToList();
            // One line per open invoice, keeping what was entered.
            var entered = Input.Allocations.Where(a => a.InvoiceId is not null).ToDictionary(a => a.InvoiceId!.Value, a => a.AmountYuan);
            Input.Allocations = OpenInvoices.Select(b => new LineForm { InvoiceId = b.Invoice.Id, AmountYuan = entered.GetValueOrDefault(b.Invoice.Id) }).ToList();
        }
    }
}
