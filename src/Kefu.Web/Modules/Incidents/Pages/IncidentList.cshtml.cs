using System.Text.Json;
using Kefu.Core.Incidents;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Incidents.Pages;

/// <summary>EXC-10: the complaint ledger (投诉处理档案) with its monthly analysis by category.</summary>
[Authorize(Policy = IncidentsModule.ReadPolicy)]
[RememberFilters]
public sealed class IncidentListModel(KefuDbContext db, CurrentUser current, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public IncidentType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public IncidentStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>Dashboard filters (RPT-01): still open, recorded by me, of one branch or centre.</summary>
    [BindProperty(SupportsGet = true)] public bool Open { get; set; }

    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }

    /// <summary>EXC-11: major complaints only.</summary>
    [BindProperty(SupportsGet = true)] public bool Major { get; set; }

    public IReadOnlyList<ActiveFilter> ActiveFilters { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<Incident> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<CategoryMonth<IncidentType>> Monthly { get; private set; } = [];
    public bool CanRecord => IncidentsModule.Recorders.Any(current.IsInRole);
    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<Incident>(await query.Skip((page - 1) * size).Take(size).ToListAsync(ct), page, size, total);
        Monthly = await IncidentsModule.MonthlyAsync(db, await current.GetViewerAsync(ct), clock, 12, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await (await QueryAsync(ct)).Take(Paging.MaxExportRows).ToListAsync(ct);
        ExportColumn<Incident>[] columns =
        [
            new(l["Incidents.Number"], i => i.Number), new(l["Incidents.Received"], i => CompanyTime.Format(i.ReceivedAt)),
            new(l["Incidents.Type"], i => l["IncidentType." + i.Type].Value), new(l["Customers.Name"], i => i.CustomerName), new(l["Incidents.Summary"], i => i.Summary),
            new(l["Incidents.EmailDue"], i => CompanyTime.Format(i.EmailDueAt)), new(l["Incidents.EmailSent"], i => CompanyTime.Format(i.EmailSentAt)),
            new(l["Incidents.Replied"], i => CompanyTime.Format(i.RepliedAt)), new(l["Incidents.Status"], i => l["IncidentStatus." + i.Status].Value),
            new(l["Incidents.QcFinding"], i => i.QcFinding), new(l["Incidents.Plan"], i => i.CorrectivePlan),
            new(l["Incidents.Major"], i => i.Major ? l["Common.Yes"].Value : l["Common.No"].Value),
        ];
        return File(TableExport.ToXlsx(l["Incidents.Title"], columns, rows), TableExport.XlsxContentType, "incidents.xlsx");
    }

    public string Labels() => JsonSerializer.Serialize(Months().Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A stacked bar per type over the twelve months.</summary>
    public string Series() => JsonSerializer.Serialize(Enum.GetValues<IncidentType>().Select(t => new
    {
        name = l["IncidentType." + t].Value,
        type = "bar",
        stack = "n",
        values = Months().Select(m => Monthly.Where(x => x.Year == m.Year && x.Month == m.Month && x.Category == t).Sum(x => x.Count)),
    }));

    private IEnumerable<DateOnly> Months()
    {
        var today = CompanyTime.Today(clock);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        return Enumerable.Range(0, 12).Select(i => first.AddMonths(i));
    }

    private async Task<IQueryable<Incident>> QueryAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var unit = await UnitFilter.FindAsync(db, Unit, ct);
        var query = IncidentsModule.Filter(db.Set<Incident>().AsNoTracking().VisibleTo(viewer), Type, Status, Month, Q, Major).Within(Unit, unit);
        query = Open ? query.Where(i => i.Status != IncidentStatus.Closed) : query;
        query = Mine ? query.Where(i => i.OwnerId == viewer.UserId) : query;
        ActiveFilters =
        [
            .. Open ? [new ActiveFilter("open", "true", l["Filter.OpenOnly"])] : Array.Empty<ActiveFilter>(),
            .. Mine ? [new ActiveFilter("mine", "true", l["Filter.MineOnly"])] : Array.Empty<ActiveFilter>(),
            .. Major ? [new ActiveFilter("major", "true", l["Filter.MajorOnly"])] : Array.Empty<ActiveFilter>(),
            .. Unit is { } u ? [new ActiveFilter("unit", u.ToString(System.Globalization.CultureInfo.InvariantCulture), UnitFilter.Label(unit, Kefu.Web.Platform.Localization.LocalizationSetup.IsEnglish))] : Array.Empty<ActiveFilter>(),
        ];
        return IncidentsModule.Sorts.Apply(query, ListSort.From(Request));
    }
}
