using Kefu.Core.Performance;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Performance.Pages;

/// <summary>The monthly CS work reports (PERF-08) of the centres in scope: filters, sort, paging, export; writers draft a centre's month here.</summary>
[RememberFilters]
[Authorize(Policy = MonthlyReportsApi.ReadPolicy)]
public sealed class ReportsModel(MonthlyReportUseCases uc, KefuDbContext db, CurrentUser current, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public MonthlyReportStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    /// <summary>The month a writer drafts (this month by default).</summary>
    [BindProperty] public string? NewMonth { get; set; }
    [BindProperty] public int? NewUnitId { get; set; }

    public Paged<MonthlyReportSummaryDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public bool CanWrite => MonthlyReportUseCases.Writers.Any(current.IsInRole);
    public bool Filtered => !string.IsNullOrEmpty(Month) || UnitId is not null || Status is not null;
    public string ThisMonth { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<MonthlyReportSummaryDto>(await MonthlyReportsApi.SummariesAsync(query.Skip((page - 1) * size).Take(size), db, ct), page, size, total);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var rows = await MonthlyReportsApi.SummariesAsync((await QueryAsync(ct)).Take(Paging.MaxExportRows), db, ct);
        ExportColumn<MonthlyReportSummaryDto>[] columns =
        [
            new(l["Report.Month"], r => r.Month), new(l["Report.Centre"], r => r.UnitName), new(l["Report.Status"], r => l["MonthlyReportStatus." + r.Status].Value),
            new(l["Report.Column.Author"], r => r.CreatedByName), new(l["Report.Column.Gathered"], r => CompanyTime.ToLocal(r.GatheredAt)),
            new(l["Report.Column.Submitted"], r => r.SubmittedAt is { } s ? CompanyTime.ToLocal(s) : null),
            new(l["Report.Column.Approved"], r => r.ApprovedAt is { } a ? CompanyTime.ToLocal(a) : null),
        ];
        return format == "csv"
            ? File(TableExport.ToCsv(columns, rows), "text/csv; charset=utf-8", "cs-reports.csv")
            : File(TableExport.ToXlsx(l["Report.ListTitle"], columns, rows), TableExport.XlsxContentType, "cs-reports.xlsx");
    }

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        switch (await uc.GenerateAsync(await current.GetViewerAsync(ct), current.UserId!, new GenerateReportInput(NewMonth, NewUnitId), ct))
        {
            case PerfResult<MonthlyReport>.Ok ok:
                TempData["Message"] = l["Report.Drafted"].Value;
                return Redirect($"/performance/reports/{ok.Value.Id}");
            case PerfResult<MonthlyReport>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case PerfResult<MonthlyReport>.Conflict conflict:
                ModelState.AddModelError(string.Empty, l[conflict.Key]);
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }

        await OnGetAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ThisMonth = CompanyTime.MonthText(PerformanceUseCases.MonthOf(CompanyTime.Today(clock)));
        NewMonth ??= ThisMonth;
        Units = (await uc.CentresAsync(await current.GetViewerAsync(ct), ct)).Select(u => (u.Id, u.DisplayName(Platform.Localization.LocalizationSetup.IsEnglish))).ToArray();
    }

    private async Task<IQueryable<MonthlyReport>> QueryAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Month) && CompanyTime.ParseMonth(Month) is null)
        {
            ModelState.AddModelError(nameof(Month), l["Performance.BadMonth"]);
            Month = null;
        }

        var query = MonthlyReportsApi.Filter(uc.Reports(await current.GetViewerAsync(ct)).AsNoTracking(), Month, UnitId, Status);
        return MonthlyReportsApi.Sorts.Apply(query, ListSort.From(Request));
    }
}
