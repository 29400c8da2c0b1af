using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>AR-02/06 step 1: pick the customer and the month, see the lines the statement would take, build it.</summary>
[Authorize(Policy = StatementsApi.BuildPolicy)]
public sealed class StatementNewModel(StatementUseCases statements, KefuDbContext db, CurrentUser current, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record CustomerOption(int Id, string Name, SettlementMode Settlement);

    [BindProperty(SupportsGet = true)] public int? CustomerId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public IReadOnlyList<CustomerOption> Customers { get; private set; } = [];
    public IReadOnlyList<StatementCandidate>? Preview { get; private set; }
    public long PreviewTotalFen => Preview?.Sum(p => p.AmountFen) ?? 0;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Month ??= DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await LoadAsync(ct);
        if (CustomerId is not null)
        {
            var viewer = await current.GetViewerAsync(ct);
            var (customer, month, problems) = await statements.ValidateBuildAsync(viewer, new StatementBuildInput(CustomerId, Month), ct);
            if (problems.HasErrors)
            {
                problems.CopyToSummary(ModelState);
                return;
            }

            Preview = await statements.CandidatesAsync(viewer, customer!.Id, month, ct);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await statements.BuildAsync(await current.GetViewerAsync(ct), current.UserId!, await current.GetRolesAsync(ct), new StatementBuildInput(CustomerId, Month), ct);
        switch (result)
        {
            case StatementResult.Ok ok:
                return Redirect(StatementUseCases.Link(ok.Value));
            case StatementResult.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            case StatementResult.Forbidden:
                ModelState.AddModelError(string.Empty, l["Statements.NotYourKind"]);
                break;
            default:
                ModelState.AddModelError(string.Empty, l["Common.Conflict"]);
                break;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Customers = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).Where(c => c.MergedIntoId == null).OrderBy(c => c.Name).Take(500)
            .Select(c => new CustomerOption(c.Id, c.Name, c.Settlement)).ToListAsync(ct);
    }
}
