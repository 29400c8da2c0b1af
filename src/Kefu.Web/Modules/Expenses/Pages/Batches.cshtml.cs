using Kefu.Core.Organization;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Expenses.Pages;

/// <summary>EXP-06: the centres' batches to HQ; a supervisor builds the centre's batch here.</summary>
[Authorize(Policy = ExpensesModule.ReadPolicy)]
[RememberFilters]
public sealed class BatchesModel(ClaimBatches batches, CurrentUser current, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    /// <summary>Dashboard filter (RPT-01): "waiting" for HQ to receive, or "received" in full.</summary>
    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    public IReadOnlyList<ActiveFilter> ActiveFilters => State switch
    {
        ClaimBatches.WaitingState => [new ActiveFilter("state", State, l["Filter.BatchesWaiting"])],
        ClaimBatches.ReceivedState => [new ActiveFilter("state", State, l["Filter.BatchesReceived"])],
        _ => [],
    };
    public Paged<BatchRowDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanBuild { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!current.IsInRole(Role.CentreSupervisor))
        {
            return Forbid();
        }

        var (id, problems) = await batches.BuildAsync(current.UserId!, ct);
        if (id is { } built)
        {
            return Redirect($"/expenses/batches/{built}");
        }

        problems.CopyToSummary(ModelState);

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanBuild = current.IsInRole(Role.CentreSupervisor);
        Result = await batches.ListAsync(await current.GetViewerAsync(ct), PageNumber, ct, State, ListSort.From(Request));
    }
}
