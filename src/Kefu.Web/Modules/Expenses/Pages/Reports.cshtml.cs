using Kefu.Core.Money;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Expenses.Pages;

/// <summary>EXP-11 reports with charts (RPT-02) and the numbers beneath, exported to Excel.</summary>
[Authorize(Policy = ExpensesModule.ReadPolicy)]
public sealed class ReportsModel(ExpenseReports reports, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public ExpenseReport Report { get; private set; } = null!;

    public string Yuan(decimal yuan) => Money.FromYuan(yuan).ToString();

    public async Task OnGetAsync(CancellationToken ct) => Report = await BuildAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var report = await BuildAsync(ct);
        ExportColumn<AmountRow>[] columns =
        [
            new(l["Claims.Claimant"], r => r.Key), new(l["Reports.Forms"], r => r.Forms), new(l["Claims.Claimed"], r => r.Claimed), new(l["Claims.Payable"], r => r.Payable),
        ];
        return File(TableExport.ToXlsx(l["Reports.ByPerson"], columns, report.ByPerson), TableExport.XlsxContentType, $"expenses-{report.From}-{report.To}.xlsx");
    }

    private async Task<ExpenseReport> BuildAsync(CancellationToken ct)
    {
        var (defaultFrom, defaultTo) = reports.ThisMonth();
        var from = From is { Year: >= 2000 and <= 2100 } f ? f : defaultFrom;
        var to = To is { Year: >= 2000 and <= 2100 } t && t >= from ? t : defaultTo < from ? from : defaultTo;
        return await reports.BuildAsync(await current.GetViewerAsync(ct), from, to, ct);
    }
}
