using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>AR-06: one payment, the invoices it paid (entries and reversals), its credit; finance applies the credit or reverses the payment.</summary>
[Authorize(Policy = ReceivablesModule.FinancePolicy)]
public sealed class PaymentDetailModel(ReceivablesUseCases receivables, KefuDbContext db, CurrentUser current) : PageModel
{
    public PaymentDto Payment { get; private set; } = null!;
    public IReadOnlyDictionary<int, string> InvoiceNumbers { get; private set; } = new Dictionary<int, string>();
    public string RecordedBy { get; private set; } = "";

    [BindProperty] public string? Reason { get; set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool recorded, CancellationToken ct)
    {
        Notice = recorded ? "Receivables.PaymentRecorded" : null;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReverseAsync(int id, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        switch (await receivables.ReversePaymentAsync(viewer, viewer.UserId, id, new ReverseInput(Reason), ct))
        {
            case ArResult<Payment>.Ok:
                Notice = "Receivables.PaymentReversed";
                break;
            case ArResult<Payment>.Invalid invalid:
                foreach (var message in invalid.Problems.Errors.SelectMany(e => e.Value))
                {
                    ModelState.AddModelError(nameof(Reason), message);
                }

                break;
            case ArResult<Payment>.Conflict:
                ModelState.AddModelError("", Text.Get("Common.Conflict"));
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAllocateAsync(int id, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        switch (await receivables.AllocateAsync(viewer, viewer.UserId, id, new AllocateInput(null), ct))
        {
            case ArResult<Payment>.Ok:
                Notice = "Receivables.CreditApplied";
                break;
            case ArResult<Payment>.Invalid invalid:
                foreach (var message in invalid.Problems.Errors.SelectMany(e => e.Value))
                {
                    ModelState.AddModelError("", message);
                }

                break;
            case ArResult<Payment>.Conflict:
                ModelState.AddModelError("", Text.Get("Common.Conflict"));
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var payment = await receivables.Payments(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (payment is null)
        {
            return false;
        }

        var allocations = await receivables.AllocationsAsync(id, ct);
        Payment = ReceivablesModule.ToDto(payment, allocations);
        var ids = allocations.Select(a => a.InvoiceId).Distinct().ToArray();
        InvoiceNumbers = await db.Set<Invoice>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, ct);
        RecordedBy = await db.Users.AsNoTracking().Where(u => u.Id == payment.RecordedById).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? Shown.Nothing;
        return true;
    }
}
