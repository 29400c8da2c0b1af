using Kefu.Core.Organization;
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

/// <summary>The centre ranking of a month (PERF-01/07) with its chart; reviewers run and lock the month here.</summary>
[RememberFilters]
[Authorize(Policy = PerformanceModule.ReadPolicy)]
public sealed class RankingModel(PerformanceUseCases uc, PerformanceCalculator calculator, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [TempData] public string? Message { get; set; }

    public Paged<PerformanceRecordDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<PerformanceMonthDto> Months { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public bool CanReview { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } bad)
        {
            return bad;
        }

        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<PerformanceRecordDto>(await PerformanceModule.RecordDtosAsync(await query.Skip((page - 1) * size).Take(size).ToListAsync(ct), db, ct), page, size, total);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } bad)
        {
            return bad;
        }

        var rows = await PerformanceModule.RecordDtosAsync(await (await QueryAsync(ct)).Take(Paging.MaxExportRows).ToListAsync(ct), db, ct);
        ExportColumn<PerformanceRecordDto>[] columns =
        [
            new(l["Performance.Rank"], r => r.Rank), new(l["Performance.Person"], r => r.PersonName), new(l["Performance.Score"], r => r.Score), new(l["Performance.Jobs"], r => r.Jobs),
            new(l["Performance.VerySatisfiedShare"], r => r.Rated > 0 ? Math.Round(100m * r.VerySatisfied / r.Rated, 1) : null), new(l["Performance.Complaints"], r => r.Complaints),
            new(l["Performance.Rewards"], r => r.RewardsYuan), new(l["Performance.Fines"], r => r.FinesYuan), new(l["Performance.Net"], r => r.NetYuan),
            new(l["Performance.Rating"], r => l["Performance.Rating." + r.Rating].Value),
        ];
        return format == "csv"
            ? File(TableExport.ToCsv(columns, rows), "text/csv; charset=utf-8", $"ranking-{Month}.csv")
            : File(TableExport.ToXlsx(l["Performance.RankingTitle"], columns, rows), TableExport.XlsxContentType, $"ranking-{Month}.xlsx");
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } bad)
        {
            return bad;
        }

        if (!CanReview)
        {
            return Forbid();
        }

        var viewer = await current.GetViewerAsync(ct);
        var units = await PerformanceModule.UnitsInScopeAsync(viewer, UnitId, calculator, db, ct);
        if (units.Count == 0)
        {
            return NotFound();
        }

        int people = 0, added = 0, changed = 0, removed = 0;
        foreach (var unit in units)
        {
            var run = await uc.RunAsync(CompanyTime.ParseMonth(Month)!.Value, unit, current.UserId, ct);
            (people, added, changed, removed) = (people + run.People, added + run.LinesAdded, changed + run.LinesChanged, removed + run.LinesRemoved);
        }

        Message = l["Performance.RunDone", people, added, changed, removed];
        return RedirectToPage(new { month = Month, unitId = UnitId });
    }

    public async Task<IActionResult> OnPostLockAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } bad)
        {
            return bad;
        }

        if (!CanReview)
        {
            return Forbid();
        }

        switch (await uc.LockAsync(await current.GetViewerAsync(ct), current.UserId!, id, ct))
        {
            case PerfResult<PerformanceMonth>.Ok:
                Message = l["Performance.Saved"];
                return RedirectToPage(new { month = Month, unitId = UnitId });
            case PerfResult<PerformanceMonth>.Invalid invalid:
                Problem = string.Join(" ", invalid.Problems.Errors.SelectMany(e => e.Value));
                break;
            case PerfResult<PerformanceMonth>.Locked locked:
                Problem = l["Performance.MonthLocked", locked.Month];
                break;
            default:
                return NotFound();
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        return await OnGetAsync(ct);
    }

    /// <summary>Reads the filters; null when the page can show, else the answer to a bad month.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var month = string.IsNullOrEmpty(Month) ? uc.ThisMonth() : CompanyTime.ParseMonth(Month);
        if (month is null)
        {
            ModelState.AddModelError(nameof(Month), l["Performance.BadMonth"]);
            month = uc.ThisMonth();
        }

        Month = CompanyTime.MonthText(month.Value);
        CanReview = PerformanceModule.CanReview(current);
        var viewer = await current.GetViewerAsync(ct);
        Months = CanReview ? await PerformanceModule.MonthDtosAsync(uc.Months(viewer).AsNoTracking().Where(m => m.Month == Month), db, ct) : [];
        var visible = viewer.VisiblePath;
        var centres = await calculator.CentresAsync(ct);
        var ids = centres.Where(c => visible is not null && OrgPath.IsWithin(c.Path, visible)).Select(c => c.Id).ToArray();
        Units = (await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Path).Select(u => new { u.Id, u.Name }).ToListAsync(ct)).Select(u => (u.Id, u.Name)).ToArray();
        return null;
    }

    private async Task<IQueryable<PerformanceRecord>> QueryAsync(CancellationToken ct)
    {
        var query = uc.Records(await current.GetViewerAsync(ct)).AsNoTracking().Where(r => r.Month == Month);
        query = UnitId is { } unit ? query.Where(r => r.UnitId == unit) : query;
        return PerformanceModule.RecordSorts.Apply(query, ListSort.From(Request));
    }
}
