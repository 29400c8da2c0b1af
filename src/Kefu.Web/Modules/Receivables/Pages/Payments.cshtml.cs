using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>Payments received (AR-06) with what each allocated and the credit left.</summary>
[RememberFilters]
[Authorize(Policy = ReceivablesModule.InvoicePolicy)]
public sealed class PaymentsModel(ReceivablesUseCases receivables, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<PaymentDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<PaymentDto>(await DtosAsync(await query.Skip((page - 1) * size).Take(size).ToListAsync(ct), ct), page, size, total);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await DtosAsync(await (await QueryAsync(ct)).Take(Paging.MaxExportRows).ToListAsync(ct), ct);
        ExportColumn<PaymentDto>[] columns =
        [
            new(l["Receivables.ReceivedOn"], r => r.ReceivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new(l["Receivables.Customer"], r => r.CustomerName), new(l["Receivables.Method"], r => l["PaymentMethod." + r.Method].Value),
            new(l["Receivables.Amount"], r => r.AmountYuan), new(l["Receivables.Allocated"], r => r.AllocatedYuan), new(l["Receivables.Credit"], r => r.UnallocatedYuan),
            new(l["Receivables.Reference"], r => r.Reference),
        ];
        return File(TableExport.ToXlsx(l["Nav.Payments"], columns, rows), TableExport.XlsxContentType, "payments.xlsx");
    }

    private async Task<IQueryable<Payment>> QueryAsync(CancellationToken ct)
    {
        var query = receivables.Payments(await current.GetViewerAsync(ct)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim();
            query = query.Where(p => p.CustomerName.Contains(text) || (p.Reference != null && p.Reference.Contains(text)));
        }

        return ReceivablesModule.PaymentSorts.Apply(query, ListSort.From(Request));
    }

    private async Task<IReadOnlyList<PaymentDto>> DtosAsync(IReadOnlyList<Payment> payments, CancellationToken ct)
    {
        var list = new List<PaymentDto>();
        foreach (var payment in payments)
        {
            list.Add(ReceivablesModule.ToDto(payment, await receivables.AllocationsAsync(payment.Id, ct)));
        }

        return list;
    }
}
