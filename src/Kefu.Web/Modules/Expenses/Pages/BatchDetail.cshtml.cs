using Kefu.Core.Organization;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Expenses.Pages;

/// <summary>EXP-06/EXP-02: a batch's detail list and summary sheet (printable); HQ marks forms received.</summary>
[Authorize(Policy = ExpensesModule.ReadPolicy)]
public sealed class BatchDetailModel(ClaimBatches batches, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public BatchDto Batch { get; private set; } = null!;
    public bool CanReceive { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int claimId, CancellationToken ct)
    {
        if (!current.IsInRole(Role.ExpenseAuditor))
        {
            return Forbid();
        }

        return await batches.MarkReceivedAsync(Id, claimId, User.Identity?.Name ?? "", ct) ? Redirect($"/expenses/batches/{Id}") : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        CanReceive = current.IsInRole(Role.ExpenseAuditor);
        var batch = await batches.GetAsync(await current.GetViewerAsync(ct), Id, ct);
        if (batch is null)
        {
            return false;
        }

        Batch = batch;
        return true;
    }
}
