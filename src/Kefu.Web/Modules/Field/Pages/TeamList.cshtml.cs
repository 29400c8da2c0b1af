using Kefu.Core.Field;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Field.Pages;

public sealed record ProjectRow(int Id, string Name, string CustomerName, string Leader, DateOnly PlannedStart, DateOnly PlannedFinish, int PersonDays, TeamProjectStatus Status);

/// <summary>Team projects (团队服务, FLD-04) in the viewer's scope and the ones they are on; dispatchers plan new ones.</summary>
[Authorize(Policy = FieldModule.ReadPolicy)]
[RememberFilters]
public sealed class TeamListModel(TeamUseCases teams, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    internal SortMap<TeamProject> Sorts() => new SortMap<TeamProject>(q => q.OrderByDescending(p => p.PlannedStart), q => q.ThenByDescending(p => p.Id))
        .Add("name", p => p.Name).Add("customer", p => p.CustomerName).Add("start", p => p.PlannedStart).Add("finish", p => p.PlannedFinish)
        .Add("persondays", p => p.PersonDays).Add("status", p => p.Status)
        .Add("lead", p => db.Users.Where(u => u.Id == p.OwnerId).Select(u => u.DisplayName).FirstOrDefault());

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public TeamProjectStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<ProjectRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanCreate => FieldModule.CanDispatch(current);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<ProjectRow>(await RowsAsync(Sorts().Apply(query, ListSort.From(Request)).Skip((page - 1) * size).Take(size), ct), page, size, total);
    }

    /// <summary>RPT-03: the projects the filters select, in the list's order, to Excel.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await RowsAsync(Sorts().Apply(await QueryAsync(ct), ListSort.From(Request)).Take(Paging.MaxExportRows), ct);
        ExportColumn<ProjectRow>[] columns =
        [
            new(l["Team.Name"], p => p.Name), new(l["Team.Customer"], p => p.CustomerName), new(l["Team.Leader"], p => p.Leader),
            new(l["Team.PlannedStart"], p => p.PlannedStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new(l["Team.PlannedFinish"], p => p.PlannedFinish.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new(l["Team.PersonDays"], p => p.PersonDays), new(l["Team.Status"], p => l["TeamProjectStatus." + p.Status].Value),
        ];
        return File(TableExport.ToXlsx(l["Nav.Teams"], columns, rows), TableExport.XlsxContentType, "team-projects.xlsx");
    }

    private async Task<IQueryable<TeamProject>> QueryAsync(CancellationToken ct)
    {
        var query = teams.Visible(await current.GetViewerAsync(ct)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(p => p.Name.Contains(q) || p.CustomerName.Contains(q));
        }

        if (Status is { } status && Enum.IsDefined(status))
        {
            query = query.Where(p => p.Status == status);
        }
        else
        {
            Status = null;
        }

        return query;
    }

    private async Task<IReadOnlyList<ProjectRow>> RowsAsync(IQueryable<TeamProject> query, CancellationToken ct)
    {
        var items = await query.ToListAsync(ct);
        var owners = items.Select(p => p.OwnerId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return items.Select(p => new ProjectRow(p.Id, p.Name, p.CustomerName, names.GetValueOrDefault(p.OwnerId, Shown.Nothing),
            p.PlannedStart, p.PlannedFinish, p.PersonDays, p.Status)).ToArray();
    }
}
