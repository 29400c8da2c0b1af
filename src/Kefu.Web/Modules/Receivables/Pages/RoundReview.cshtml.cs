using Kefu.Core.Calendar;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>The Monday review (AR-04): overdue items, each sent to its salesperson with the reason.</summary>
[Authorize(Policy = RoundsAndCollectionApi.ReviewPolicy)]
public sealed class RoundReviewModel(ReconciliationUseCases rounds, ReceivablesUseCases receivables, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public int? CentreId { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [BindProperty] public int InvoiceId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Paged<OverdueItemDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public DateOnly Date => AsOf is { } d && InputRange.Contains(d) ? d : receivables.Today();
    public string? Message { get; private set; }

    public async Task OnGetAsync(bool? sent, CancellationToken ct)
    {
        Message = sent == true ? l["Rounds.Sent"].Value : null;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        switch (await rounds.SendToSalespersonAsync(await current.GetViewerAsync(ct), current.UserId!, InvoiceId, new ReferralInput(Reason), ct))
        {
            case ArResult<OverdueReferral>.Ok:
                return Redirect($"/receivables/rounds/review?sent=true&asOf={Date:yyyy-MM-dd}");
            case ArResult<OverdueReferral>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            case ArResult<OverdueReferral>.Conflict:
                ModelState.AddModelError(string.Empty, l["Rounds.NotOverdue"]);
                break;
            default:
                return NotFound();
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var (items, total) = await RoundsAndCollectionApi.OverdueAsync(rounds, receivables, db, await current.GetViewerAsync(ct), Date, CentreId, page, size, ct);
        Result = new Paged<OverdueItemDto>(items, page, size, total);
    }
}
