using Kefu.Core.Field;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field.Pages;

public sealed record ProjectRow(int Id, string Name, string CustomerName, string Leader, DateOnly PlannedStart, DateOnly PlannedFinish, int PersonDays, TeamProjectStatus Status);

/// <summary>Team projects (团队服务, FLD-04) in the viewer's scope and the ones they are on; dispatchers plan new ones.</summary>
[Authorize(Policy = FieldModule.ReadPolicy)]
[RememberFilters]
public sealed class TeamListModel(TeamUseCases teams, KefuDbContext db, CurrentUser current) : PageModel
{
    internal static readonly SortMap<TeamProject> Sorts = new SortMap<TeamProject>(q => q.OrderByDescending(p => p.PlannedStart), q => q.ThenByDescending(p => p.Id))
        .Add("name", p => p.Name).Add("customer", p => p.CustomerName).Add("start", p => p.PlannedStart).Add("finish", p => p.PlannedFinish)
        .Add("persondays", p => p.PersonDays).Add("status", p => p.Status);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public TeamProjectStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<ProjectRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanCreate => FieldModule.CanDispatch(current);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
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

        var total = await query.CountAsync(ct);
        var items = await Sorts.Apply(query, ListSort.From(Request)).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var owners = items.Select(p => p.OwnerId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Result = new Paged<ProjectRow>(items.Select(p => new ProjectRow(p.Id, p.Name, p.CustomerName, names.GetValueOrDefault(p.OwnerId, Shown.Nothing),
            p.PlannedStart, p.PlannedFinish, p.PersonDays, p.Status)).ToArray(), page, size, total);
    }
}
