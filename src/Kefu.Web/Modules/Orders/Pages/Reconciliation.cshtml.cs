using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Orders.Pages;

/// <summary>ORD-01 (seed 001 §2.3 防止漏单): the day's orders per customer against the count the customer confirmed.</summary>
[Authorize(Policy = OrdersModule.ReadPolicy)]
public sealed class ReconciliationModel(OrderQueries queries, CurrentUser current, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [TempData] public string? Message { get; set; }
    public ReconciliationDto Result { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Number, string Name)> Customers { get; private set; } = [];
    public bool CanState => OrdersModule.Takers.Any(r => User.IsInRole(KefuRoles.Name(r)));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(int? customerId, int? statedCount, CancellationToken ct)
    {
        if (!CanState)
        {
            return Forbid();
        }

        var day = Date ?? CompanyTime.Today(clock);
        var problems = await queries.StateCountAsync(await current.GetViewerAsync(ct), current.UserId!, new DailyCountInput(customerId, day, statedCount), ct);
        if (!problems.HasErrors)
        {
            Message = l["Common.Saved"];
            return Redirect($"/orders/reconciliation?date={day:yyyy-MM-dd}");
        }

        problems.CopyToSummary(ModelState);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Date ??= CompanyTime.Today(clock);
        Result = await queries.ReconcileAsync(viewer, Date.Value, ct);
        Customers = await queries.LookUpCustomersAsync(viewer, null, ct);
    }
}
