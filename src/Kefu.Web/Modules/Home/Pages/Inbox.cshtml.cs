using System.Globalization;
using System.Security.Claims;
using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Home.Pages;

/// <summary>NTF-01: my in-app inbox.</summary>
public sealed class InboxModel(KefuDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<InboxItemDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public string Local(DateTime utc) =>
        Kefu.Web.Platform.CompanyTime.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = db.Set<InboxItem>().AsNoTracking().Where(i => i.UserId == UserId);
        var total = await query.CountAsync(ct);
        var items = (await query.OrderByDescending(i => i.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct)).Select(InboxItemDto.From).ToList();
        Result = new Paged<InboxItemDto>(items, page, size, total);
    }

    public async Task<IActionResult> OnPostReadAsync(long itemId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<InboxItem>().Where(i => i.Id == itemId && i.UserId == UserId && i.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ReadAt, now), ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await NotificationsApi.Unread(db, UserId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ReadAt, now), ct);
        return RedirectToPage();
    }
}
