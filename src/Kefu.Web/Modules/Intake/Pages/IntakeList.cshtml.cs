using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Intake.Pages;

/// <summary>The intake queue of the specialist's centres: what customers sent, waiting to become records.</summary>
[Authorize(Policy = IntakeModule.WorkPolicy)]
[RememberFilters]
public sealed class IntakeListModel(IntakeUseCases intake, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true)] public IntakeStatus? Status { get; set; } = IntakeStatus.New;
    [BindProperty(SupportsGet = true)] public Kefu.Core.Orders.IntakeChannel? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<IntakeItem> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = IntakeModule.Sorts.Apply(IntakeModule.Filter(intake.Visible(await current.GetViewerAsync(ct)).AsNoTracking(), Status, Channel, Q), ListSort.From(Request));
        var total = await query.CountAsync(ct);
        Result = new Paged<IntakeItem>(await query.Skip((page - 1) * size).Take(size).ToListAsync(ct), page, size, total);
    }
}
