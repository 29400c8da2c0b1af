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

/// <summary>The ledger of rewards and fines (PERF-06) in the viewer's scope: filters, sort, paging, export; reviewers adjust or correct a line.</summary>
[RememberFilters]
[Authorize(Policy = PerformanceModule.ReadPolicy)]
public sealed class LedgerModel(PerformanceUseCases uc, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? PersonId { get; set; }
    [BindProperty(SupportsGet = true)] public string? RuleId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sign { get; set; }
    [BindProperty(SupportsGet = true)] public long? LineId { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [TempData] public string? Message { get; set; }

    public Paged<PerformanceLineDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public Dictionary<string, string> Names { get; private set; } = new(StringComparer.Ordinal);
    public Dictionary<int, PerformanceMonthStatus> Status { get; private set; } = [];
    public bool CanReview => PerformanceModule.CanReview(current);
    public bool Filtered => !string.IsNullOrEmpty(Month) || !string.IsNullOrEmpty(PersonId) || !string.IsNullOrEmpty(RuleId) || !string.IsNullOrEmpty(Sign) || LineId is not null;
    public Dictionary<long, string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        Result = new Paged<PerformanceLineDto>(items.Select(PerformanceModule.ToDto).ToArray(), page, size, total);
        var monthIds = items.Select(i => i.MonthId).Distinct().ToArray();
        MonthIds = items.ToDictionary(i => i.Id, i => i.MonthId);
        Status = await db.Set<PerformanceMonth>().AsNoTracking().Where(m => monthIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Status, ct);
        await NamesAsync(items.Select(i => i.PersonId), ct);
    }

    public PerformanceMonthStatus StatusOf(long lineId) => MonthIds.TryGetValue(lineId, out var m) ? Status.GetValueOrDefault(m) : PerformanceMonthStatus.Open;

    private Dictionary<long, int> MonthIds { get; set; } = [];

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var items = await (await QueryAsync(ct)).Take(Paging.MaxExportRows).ToListAsync(ct);
        await NamesAsync(items.Select(i => i.PersonId), ct);
        ExportColumn<PerformanceLineEntry>[] columns =
        [
            new(l["Performance.Month"], r => r.Month), new(l["Performance.Person"], r => Names.GetValueOrDefault(r.PersonId, "")),
            new(l["Performance.Rule"], r => PerformanceLabels.RuleLabel(l, r.RuleId)), new(l["Performance.Evidence"], r => l["Performance.Kind." + r.Kind].Value),
            new(l["Performance.Amount"], r => r.EffectiveFen / 100m), new(l["Performance.AdjustReason"], r => r.AdjustReason),
        ];
        return format == "csv"
            ? File(TableExport.ToCsv(columns, items), "text/csv; charset=utf-8", "performance-ledger.csv")
            : File(TableExport.ToXlsx(l["Performance.ExportTitle"], columns, items), TableExport.XlsxContentType, "performance-ledger.xlsx");
    }

    public async Task<IActionResult> OnPostAdjustAsync(long id, decimal? amountYuan, string? reason, CancellationToken ct)
    {
        if (!CanReview)
        {
            return Forbid();
        }

        var result = await uc.AdjustAsync(await current.GetViewerAsync(ct), current.UserId!, id, new AdjustInput(amountYuan, reason), ct);
        return await AfterAsync(id, result, ct);
    }

    public async Task<IActionResult> OnPostCorrectAsync(long id, decimal? amountYuan, string? reason, CancellationToken ct)
    {
        if (!CanReview)
        {
            return Forbid();
        }

        var result = await uc.CorrectAsync(await current.GetViewerAsync(ct), current.UserId!, new CorrectionInput(id, amountYuan, reason), ct);
        return await AfterAsync(id, result, ct);
    }

    private async Task<IActionResult> AfterAsync(long id, PerfResult<PerformanceLineEntry> result, CancellationToken ct)
    {
        switch (result)
        {
            case PerfResult<PerformanceLineEntry>.Ok:
                Message = l["Performance.Saved"];
                return RedirectToPage(new { month = Month, personId = PersonId, ruleId = RuleId, sign = Sign });
            case PerfResult<PerformanceLineEntry>.Invalid invalid:
                Errors[id] = string.Join(" ", invalid.Problems.Errors.SelectMany(e => e.Value));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case PerfResult<PerformanceLineEntry>.Locked locked:
                Errors[id] = l["Performance.MonthLocked", locked.Month];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                return NotFound();
        }

        await OnGetAsync(ct);
        return Page();
    }

    private async Task NamesAsync(IEnumerable<string> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToArray();
        Names = await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, StringComparer.Ordinal, ct);
    }

    private async Task<IQueryable<PerformanceLineEntry>> QueryAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Month) && CompanyTime.ParseMonth(Month) is null)
        {
            ModelState.AddModelError(nameof(Month), l["Performance.BadMonth"]);
            Month = null;
        }

        if (Sign is not (null or "" or "reward" or "fine"))
        {
            Sign = null;
        }

        var query = PerformanceModule.Filter(uc.Lines(await current.GetViewerAsync(ct)).AsNoTracking(), Month, PersonId, RuleId, Sign, LineId);
        return PerformanceModule.LineSorts.Apply(query, ListSort.From(Request));
    }
}
