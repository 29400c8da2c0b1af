using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Orders.Pages;

/// <summary>ORD-01 (seed 001 §2.3 防止漏单): the day's orders per customer against the count the customer confirmed.</summary>
[Authorize(Policy = OrdersModule.ReadPolicy)]
[RememberFilters]
public sealed class ReconciliationModel(OrderQueries queries, CurrentUser current, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [TempData] public string? Message { get; set; }
    public ReconciliationDto Result { get; private set; } = null!;

    /// <summary>The day's rows in the asked order, a page of them.</summary>
    public Paged<ReconciliationRow> Rows { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
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

    /// <summary>
    /// The day's rows are counted in memory (one per customer with orders or a stated count that day), so they
    /// are sorted here; without a column, mismatches first, then counts not asked yet, then by name.
    /// </summary>
    private static List<ReconciliationRow> Sort(IReadOnlyList<ReconciliationRow> rows, ListSort sort)
    {
        var comparer = StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, ignoreCase: true);
        IOrderedEnumerable<ReconciliationRow>? ordered = sort.Column?.ToLowerInvariant() switch
        {
            "customer" => sort.Descending ? rows.OrderByDescending(r => r.CustomerName, comparer) : rows.OrderBy(r => r.CustomerName, comparer),
            "counted" => sort.Descending ? rows.OrderByDescending(r => r.Counted) : rows.OrderBy(r => r.Counted),
            "stated" => sort.Descending ? rows.OrderByDescending(r => r.Stated) : rows.OrderBy(r => r.Stated),
            "difference" => sort.Descending ? rows.OrderByDescending(r => r.Difference) : rows.OrderBy(r => r.Difference),
            "state" => sort.Descending ? rows.OrderByDescending(r => r.State) : rows.OrderBy(r => r.State),
            _ => null,
        };
        return ordered is null ? [.. rows] : [.. ordered.ThenBy(r => r.CustomerId)];
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Date ??= CompanyTime.Today(clock);
        Result = await queries.ReconcileAsync(viewer, Date.Value, ct);
        var (page, size) = Paging.Clamp(PageNumber, null);
        var sorted = Sort(Result.Rows, ListSort.From(Request));
        Rows = new Paged<ReconciliationRow>(sorted.Skip((page - 1) * size).Take(size).ToArray(), page, size, sorted.Count);
        Customers = await queries.LookUpCustomersAsync(viewer, null, ct);
    }
}
