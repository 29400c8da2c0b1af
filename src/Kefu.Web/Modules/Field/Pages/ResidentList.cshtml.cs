using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field.Pages;

public sealed record PostRow(int Id, string Name, string CustomerName, string Lead, int Members, bool Active);

/// <summary>Resident posts (驻点, FLD-03): those of the viewer's scope and the ones they are stationed at; dispatchers open new ones.</summary>
[Authorize(Policy = FieldModule.ReadPolicy)]
[RememberFilters]
public sealed class ResidentListModel(ResidentUseCases resident, KefuDbContext db, CurrentUser current) : PageModel
{
    internal static readonly SortMap<ResidentPost> Sorts = new SortMap<ResidentPost>(q => q.OrderByDescending(p => p.Active).ThenBy(p => p.Name), q => q.ThenBy(p => p.Id))
        .Add("name", p => p.Name).Add("customer", p => p.CustomerName).Add("active", p => p.Active).Add("created", p => p.CreatedAt);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>"active", "inactive" or empty (every post).</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<PostRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanCreate => FieldModule.CanDispatch(current);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
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
        var total = await query.CountAsync(ct);
        var items = await Sorts.Apply(query, ListSort.From(Request)).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var ids = items.Select(p => p.Id).ToArray();
        var counts = await db.Set<ResidentMember>().AsNoTracking().Where(m => ids.Contains(m.PostId)).GroupBy(m => m.PostId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var owners = items.Select(p => p.OwnerId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Result = new Paged<PostRow>(items.Select(p => new PostRow(p.Id, p.Name, p.CustomerName, names.GetValueOrDefault(p.OwnerId, Shown.Nothing),
            counts.GetValueOrDefault(p.Id), p.Active)).ToArray(), page, size, total);
    }
}
