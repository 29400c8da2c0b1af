using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses.Pages;

/// <summary>EXP-10: the printable claim form (A4), with the amount in Chinese capitals and signature boxes.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = ExpensesModule.ReadPolicy)]
public sealed class ClaimPrintModel(KefuDbContext db, CurrentUser current, ApprovalService approvals) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public ClaimDto Claim { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";

    /// <summary>The job sheets the lines name that the reader may open, by number.</summary>
    public IReadOnlyDictionary<string, int> JobLinks { get; private set; } = new Dictionary<string, int>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var claim = await ClaimQueries.LoadAsync(Id, current.UserId!, db, current, approvals, ct);
        if (claim is null)
        {
            return NotFound();
        }

        Claim = claim;
        JobLinks = await JobSheetNumbers.LinksAsync(db, current, claim.Lines.Select(l => l.WorkOrders), ct);
        CompanyName = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        return Page();
    }
}
