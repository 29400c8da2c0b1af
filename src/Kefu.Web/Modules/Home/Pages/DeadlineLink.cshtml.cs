using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Home.Pages;

/// <summary>
/// A deadline by its timer id, as evidence links name it (PERF-06: a fine for a breach links to its
/// timer): opens the record the deadline runs on, where its timers show (SLA-04); the breached
/// deadlines list when the record has no page. Out of scope → 404.
/// </summary>
public sealed class DeadlineLinkModel(KefuDbContext db, CurrentUser current) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var timer = await db.Set<SlaTimer>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).Where(t => t.Id == id)
            .Select(t => new { t.Link }).SingleOrDefaultAsync(ct);
        if (timer is null)
        {
            return NotFound();
        }

        return timer.Link is { } link && Url.IsLocalUrl(link) ? LocalRedirect(link) : LocalRedirect("/deadlines?state=breached");
    }
}
