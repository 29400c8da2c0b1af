using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>AR-01: the sales ledger (销售台账): confirmations with what is invoiced, paid and open; a technician sees their own.</summary>
[RememberFilters]
[Authorize(Policy = ReceivablesModule.ReadPolicy)]
public sealed class LedgerModel(ReceivablesUseCases receivables, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? TechnicianId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Open { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<ConfirmationDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(TechnicianId) || Open;

    public string Name(string id) => Names.TryGetValue(id, out var n) ? n : Kefu.Web.Platform.Localization.Shown.Nothing;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        Result = new Paged<ConfirmationDto>(await ReceivablesModule.ToDtosAsync(items, receivables, ct), page, size, total);
        await NamesAsync(Result.Items, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var items = await (await QueryAsync(ct)).Take(Paging.MaxExportRows).ToListAsync(ct);
        var rows = await ReceivablesModule.ToDtosAsync(items, receivables, ct);
        await NamesAsync(rows, ct);
        ExportColumn<ConfirmationDto>[] columns =
        [
            new(l["Receivables.Number"], r => r.Number), new(l["Receivables.SoldOn"], r => r.SoldOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new(l["Receivables.Customer"], r => r.CustomerName), new(l["Receivables.Technician"], r => Name(r.TechnicianId)), new(l["Field.items"], r => r.Items),
            new(l["Receivables.Amount"], r => r.AmountYuan), new(l["Receivables.Invoiced"], r => r.InvoicedYuan), new(l["Receivables.Paid"], r => r.PaidYuan),
            new(l["Receivables.Open"], r => r.OpenYuan), new(l["Receivables.Status"], r => l[r.ReversedAt is null ? "Receivables.Active" : "Receivables.Reversed"].Value),
        ];
        return File(TableExport.ToXlsx(l["Nav.SalesLedger"], columns, rows), TableExport.XlsxContentType, "sales-ledger.xlsx");
    }

    private async Task<IQueryable<Kefu.Web.Modules.Receivables.SalesConfirmation>> QueryAsync(CancellationToken ct)
    {
        var query = ReceivablesModule.Filter(receivables.Confirmations(await current.GetViewerAsync(ct)).AsNoTracking(), Q, TechnicianId, null, Open ? true : null, receivables);
        return ReceivablesModule.ConfirmationSorts.Apply(query, ListSort.From(Request));
    }

    private async Task NamesAsync(IEnumerable<ConfirmationDto> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.TechnicianId).Distinct().ToArray();
        Names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
