using Kefu.Core.Organization;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Expenses.Pages;

/// <summary>EXP-06/EXP-02: a batch's detail list and summary sheet (printable); HQ marks forms received.</summary>
[Authorize(Policy = ExpensesModule.ReadPolicy)]
public sealed class BatchDetailModel(ClaimBatches batches, BatchPost post, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public BatchDto Batch { get; private set; } = null!;
    public bool CanReceive { get; private set; }
    public bool CanMail { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int claimId, CancellationToken ct)
    {
        if (!current.IsInRole(Role.ExpenseAuditor))
        {
            return Forbid();
        }

        return await post.MarkReceivedAsync(Id, claimId, User.Identity?.Name ?? "", ct) ? Redirect($"/expenses/batches/{Id}") : NotFound();
    }

    /// <summary>EXP-12: the supervisor mails the batch; refused, with the forms named, while one lacks the branch GM's signature.</summary>
    public async Task<IActionResult> OnPostMailAsync(CancellationToken ct)
    {
        if (!current.IsInRole(Role.CentreSupervisor))
        {
            return Forbid();
        }

        var (outcome, problems) = await post.MailAsync(Id, await current.GetViewerAsync(ct), current.UserId!, ct);
        switch (outcome)
        {
            case MailOutcome.NotFound:
                return NotFound();
            case MailOutcome.Refused:
                problems.CopyToSummary(ModelState);
                return await LoadAsync(ct) ? Page() : NotFound();
            default:
                return Redirect($"/expenses/batches/{Id}");
        }
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
        CanMail = batch.MailedAt is null && current.IsInRole(Role.CentreSupervisor);
        return true;
    }
}
