using System.Globalization;
using Kefu.Core.Receivables;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>Month-end statements (AR-02/06): filter by customer, month and step; sort, page, export.</summary>
[RememberFilters]
[Authorize(Policy = ReceivablesModule.ReadPolicy)]
public sealed class StatementsModel(StatementUseCases statements, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public StatementStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<ReceivableStatement> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrWhiteSpace(Month) || Status is not null;
    public bool CanBuild => StatementsApi.Builders.Any(current.IsInRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<ReceivableStatement>(await query.Skip((page - 1) * size).Take(size).ToListAsync(ct), page, size, total);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await (await QueryAsync(ct)).Take(Paging.MaxExportRows).ToListAsync(ct);
        ExportColumn<ReceivableStatement>[] columns =
        [
            new(l["Statements.Number"], s => s.Id), new(l["Receivables.Customer"], s => s.CustomerName),
            new(l["Statements.Month"], s => s.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)), new(l["Statements.Lines"], s => s.LineCount),
            new(l["Receivables.Amount"], s => s.TotalFen / 100m), new(l["Receivables.Status"], s => l["StatementStatus." + s.Status].Value),
        ];
        return File(TableExport.ToXlsx(l["Nav.Statements"], columns, rows), TableExport.XlsxContentType, "statements.xlsx");
    }

    public static string Badge(StatementStatus status) => status switch
    {
        StatementStatus.Returned => "bg-orange-lt",
        StatementStatus.WrittenOff => "bg-green-lt",
        StatementStatus.Withdrawn => "bg-secondary-lt",
        StatementStatus.Confirmed or StatementStatus.Invoiced or StatementStatus.Delivered => "bg-teal-lt",
        _ => "bg-blue-lt",
    };

    private async Task<IQueryable<ReceivableStatement>> QueryAsync(CancellationToken ct)
    {
        DateOnly? month = StatementUseCases.TryMonth(Month, out var m) ? m : null;
        var query = StatementsApi.Filter(statements.Statements(await current.GetViewerAsync(ct)).AsNoTracking(), null, month,
            Status is { } s && Enum.IsDefined(s) ? s : null);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim();
            query = query.Where(s => s.CustomerName.Contains(text));
        }

        return StatementsApi.Sorts.Apply(query, ListSort.From(Request));
    }
}
