using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Expenses.Pages;

/// <summary>Claims in my scope (EXP-01, ORG-03), filtered on the server, exported as filtered.</summary>
[Authorize(Policy = ExpensesModule.ReadPolicy)]
[RememberFilters]
public sealed class ClaimListModel(ClaimQueries queries, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public ClaimStatus? Status { get; set; }

    /// <summary>Dashboard filters (RPT-01): my own forms; forms approved and waiting for payment ("payment").</summary>
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }

    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }

    public IReadOnlyList<ActiveFilter> ActiveFilters =>
    [
        .. Mine ? [new ActiveFilter("mine", "true", l["Filter.MineOnly"])] : Array.Empty<ActiveFilter>(),
        .. AtPayment ? [new ActiveFilter("stage", "payment", l["Filter.AtPayment"])] : Array.Empty<ActiveFilter>(),
    ];

    private bool AtPayment => Stage == "payment";
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<ClaimRowDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanClaim { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanClaim = ExpensesModule.Claimants.Any(current.IsInRole);
        Result = await queries.ListAsync(await current.GetViewerAsync(ct), Status, PageNumber, null, ct, mine: Mine, atPayment: AtPayment, sort: ListSort.From(Request));
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await queries.ListAsync(await current.GetViewerAsync(ct), Status, 1, Paging.MaxExportRows, ct, export: true, mine: Mine, atPayment: AtPayment, sort: ListSort.From(Request));
        ExportColumn<ClaimRowDto>[] columns =
        [
            new(l["Claims.Number"], c => c.Number ?? l["Claims.Unnumbered"].Value), new(l["Claims.Claimant"], c => c.Claimant), new(l["Claims.Status"], c => l["ClaimStatus." + c.Status].Value),
            new(l["Claims.Claimed"], c => c.Claimed), new(l["Claims.Payable"], c => c.Payable), new(l["Claims.Submitted"], c => c.SubmittedAt),
        ];
        return File(TableExport.ToXlsx(l["Claims.Title"], columns, rows.Items), TableExport.XlsxContentType, "claims.xlsx");
    }
}
