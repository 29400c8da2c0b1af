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

public sealed record PostRow(int Id, string Name, string CustomerName, string Lead, int Members, bool Active);

/// <summary>Resident posts (驻点, FLD-03): those of the viewer's scope and the ones they are stationed at; dispatchers open new ones.</summary>
[Authorize(Policy = FieldModule.ReadPolicy)]
[RememberFilters]
public sealed class ResidentListModel(ResidentUseCases resident, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    internal SortMap<ResidentPost> Sorts() => new SortMap<ResidentPost>(q => q.OrderByDescending(p => p.Active).ThenBy(p => p.Name), q => q.ThenBy(p => p.Id))
        .Add("name", p => p.Name).Add("customer", p => p.CustomerName).Add("active", p => p.Active).Add("created", p => p.CreatedAt)
        .Add("lead", p => db.Users.Where(u => u.Id == p.OwnerId).Select(u => u.DisplayName).FirstOrDefault())
        .Add("members", p => db.Set<ResidentMember>().Count(m => m.PostId == p.Id));

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>"active", "inactive" or empty (every post).</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<PostRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanCreate => FieldModule.CanDispatch(current);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<PostRow>(await RowsAsync(Sorts().Apply(query, ListSort.From(Request)).Skip((page - 1) * size).Take(size), ct), page, size, total);
    }

    /// <summary>RPT-03: the posts the filters select, in the list's order, to Excel.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await RowsAsync(Sorts().Apply(await QueryAsync(ct), ListSort.From(Request)).Take(Paging.MaxExportRows), ct);
        ExportColumn<PostRow>[] columns =
        [
            new(l["Resident.Name"], p => p.Name), new(l["Resident.Customer"], p => p.CustomerName), new(l["Resident.Lead"], p => p.Lead),
            new(l["Resident.MemberCount"], p => p.Members), new(l["Resident.Active"], p => l[p.Active ? "Resident.ActiveYes" : "Resident.ActiveNo"].Value),
        ];
        return File(TableExport.ToXlsx(l["Nav.Resident"], columns, rows), TableExport.XlsxContentType, "resident-posts.xlsx");
    }

    private async Task<IQueryable<ResidentPost>> QueryAsync(CancellationToken ct)
    {
        var query = resident.VisiblePosts(await current.GetViewerAsync(ct)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(p => p.Name.Contains(q) || p.CustomerName.Contains(q));
        }

        query = Status switch
        {
            "active" => query.Where(p => p.Active),
            "inactive" => query.Where(p => !p.Active),
            _ => query,
        };
        Status = Status is "active" or "inactive" ? Status : null;
        return query;
    }

    private async Task<IReadOnlyList<PostRow>> RowsAsync(IQueryable<ResidentPost> query, CancellationToken ct)
    {
        var items = await query.ToListAsync(ct);
        var ids = items.Select(p => p.Id).ToArray();
        var counts = await db.Set<ResidentMember>().AsNoTracking().Where(m => ids.Contains(m.PostId)).GroupBy(m => m.PostId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var owners = items.Select(p => p.OwnerId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return items.Select(p => new PostRow(p.Id, p.Name, p.CustomerName, names.GetValueOrDefault(p.OwnerId, Shown.Nothing),
            counts.GetValueOrDefault(p.Id), p.Active)).ToArray();
    }
}
