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

/// <summary>The weekly reconciliation entries (AR-04) by week, centre and technician.</summary>
[RememberFilters]
[Authorize(Policy = ReceivablesModule.ReadPolicy)]
public sealed class RoundsModel(ReconciliationUseCases rounds, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? WeekStart { get; set; }
    [BindProperty(SupportsGet = true)] public int? CentreId { get; set; }
    [BindProperty(SupportsGet = true)] public RoundStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<ReconciliationEntry> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<OrgUnit> Centres { get; private set; } = [];
    public bool Filtered => WeekStart is not null || CentreId is not null || Status is not null;
    public bool CanReview => RoundsAndCollectionApi.Reviewers.Any(current.IsInRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        Result = new Paged<ReconciliationEntry>(items, page, size, total);
        Names = await RoundsAndCollectionApi.NamesAsync(db, items.Select(e => e.TechnicianId), ct);
        Centres = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == Kefu.Core.Organization.OrgUnitKind.Centre && u.IsActive).OrderBy(u => u.Code).ToListAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await (await QueryAsync(ct)).Take(Paging.MaxExportRows).ToListAsync(ct);
        var names = await RoundsAndCollectionApi.NamesAsync(db, rows.Select(e => e.TechnicianId), ct);
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        ExportColumn<ReconciliationEntry>[] columns =
        [
            new(l["Rounds.Week"], e => Day(e.WeekStart)), new(l["Rounds.RoundDate"], e => Day(e.RoundDate)), new(l["Rounds.Technician"], e => names.GetValueOrDefault(e.TechnicianId, "")),
            new(l["Rounds.ItemCount"], e => e.ItemCount), new(l["Rounds.OpenAmount"], e => e.OpenFen / 100m),
            new(l["Rounds.Status"], e => l["RoundStatus." + RoundsAndCollectionApi.StatusOf(e)].Value), new(l["Rounds.ReviewDate"], e => Day(e.ReviewDate)),
        ];
        return File(TableExport.ToXlsx(l["Rounds.Title"], columns, rows), TableExport.XlsxContentType, "reconciliation.xlsx");
    }

    private async Task<IQueryable<ReconciliationEntry>> QueryAsync(CancellationToken ct)
    {
        var query = RoundsAndCollectionApi.Filter(rounds.Entries(await current.GetViewerAsync(ct)).AsNoTracking(), WeekStart, CentreId, null, Status);
        return RoundsAndCollectionApi.RoundSorts.Apply(query, ListSort.From(Request));
    }
}
