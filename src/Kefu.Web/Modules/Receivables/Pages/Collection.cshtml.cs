using Kefu.Core.Calendar;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>Fee collection projects (AR-07) with day, week, month and total collected against targets, as of any date.</summary>
[RememberFilters]
[Authorize(Policy = ReceivablesModule.ReadPolicy)]
public sealed class CollectionModel(CollectionUseCases collection, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [BindProperty] public CollectionProjectInput Input { get; set; } = new(null, null, null, null, null, null, null, null);

    public Paged<ProjectLedger> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public DateOnly Date => AsOf is { } d && InputRange.Contains(d) ? d : collection.Today();
    public bool CanCreate => RoundsAndCollectionApi.ProjectManagers.Any(current.IsInRole);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var projects = await (await QueryAsync(ct)).Take(Paging.MaxExportRows).ToListAsync(ct);
        var rows = await collection.LedgersAsync(projects, Date, ct);
        ExportColumn<ProjectLedger>[] columns =
        [
            new(l["Collection.Name"], r => r.Project.Name), new(l["Receivables.Customer"], r => r.Project.CustomerName ?? ""),
            new(l["Collection.Day"], r => r.Ledger.Day.Collected.Yuan), new(l["Collection.DailyTarget"], r => r.Ledger.Day.Target.Yuan),
            new(l["Collection.Week"], r => r.Ledger.Week.Collected.Yuan), new(l["Collection.WeeklyTarget"], r => r.Ledger.Week.Target.Yuan),
            new(l["Collection.Month"], r => r.Ledger.Month.Collected.Yuan), new(l["Collection.MonthlyTarget"], r => r.Ledger.Month.Target.Yuan),
            new(l["Collection.Total"], r => r.Ledger.Total.Collected.Yuan), new(l["Collection.TotalTarget"], r => r.Ledger.Total.Target.Yuan),
        ];
        return File(TableExport.ToXlsx(l["Collection.Title"], columns, rows), TableExport.XlsxContentType, "collection.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanCreate)
        {
            return Forbid();
        }

        switch (await collection.CreateProjectAsync(await current.GetViewerAsync(ct), current.UserId!, Input, ct))
        {
            case ArResult<CollectionProject>.Ok ok:
                return Redirect($"/receivables/collection/{ok.Value.Id}");
            case ArResult<CollectionProject>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        var projects = await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        Result = new Paged<ProjectLedger>(await collection.LedgersAsync(projects, Date, ct), page, size, total);
    }

    private async Task<IQueryable<CollectionProject>> QueryAsync(CancellationToken ct) =>
        RoundsAndCollectionApi.ProjectSorts.Apply(RoundsAndCollectionApi.Filter(collection.Projects(await current.GetViewerAsync(ct)).AsNoTracking(), Q, null), ListSort.From(Request));
}
