using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>Invoices with paid and unpaid amounts and their due dates (AR-03/06); open and overdue filters.</summary>
[RememberFilters]
[Authorize(Policy = ReceivablesModule.ReadPolicy)]
public sealed class InvoicesModel(ReceivablesUseCases receivables, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? CustomerId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Open { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<InvoiceBalance> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public DateOnly Today => receivables.Today();
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || CustomerId is not null || Open || Overdue;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<InvoiceBalance>(await receivables.BalancesAsync(query.Skip((page - 1) * size).Take(size), null, ct), page, size, total);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await receivables.BalancesAsync((await QueryAsync(ct)).Take(Paging.MaxExportRows), null, ct);
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        ExportColumn<InvoiceBalance>[] columns =
        [
            new(l["Receivables.InvoiceNumber"], r => r.Invoice.Number), new(l["Receivables.InvoiceDate"], r => Day(r.Invoice.InvoiceDate)),
            new(l["Receivables.Customer"], r => r.Invoice.CustomerName), new(l["Receivables.Amount"], r => r.Invoice.AmountFen / 100m),
            new(l["Receivables.Paid"], r => r.PaidFen / 100m), new(l["Receivables.Open"], r => r.OpenFen / 100m), new(l["Receivables.DueDate"], r => Day(r.EffectiveDueDate)),
            new(l["Receivables.Status"], r => l[StatusKey(r)].Value),
        ];
        return File(TableExport.ToXlsx(l["Nav.Invoices"], columns, rows), TableExport.XlsxContentType, "invoices.xlsx");
    }

    public string StatusKey(InvoiceBalance b) =>
        b.Invoice.ReversedAt is not null ? "Receivables.Reversed" : b.OpenFen <= 0 ? "Receivables.Settled" : b.EffectiveDueDate < Today ? "Receivables.Overdue" : "Receivables.Outstanding";

    private async Task<IQueryable<Invoice>> QueryAsync(CancellationToken ct)
    {
        var query = ReceivablesModule.Filter(receivables.Invoices(await current.GetViewerAsync(ct)).AsNoTracking(), Q, CustomerId, Open ? true : null, Overdue ? true : null, Today);
        return ReceivablesModule.InvoiceSorts.Apply(query, ListSort.From(Request));
    }
}
