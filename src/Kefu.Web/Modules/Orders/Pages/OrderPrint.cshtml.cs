using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Orders.Pages;

/// <summary>ORD-04: the work order on A4 for the dispatch or freight centre it was routed to (or anyone who may see the order).</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = OrdersModule.ReadPolicy)]
public sealed class OrderPrintModel(KefuDbContext db, CurrentUser current, OrderUseCases orders) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public OrderDto Order { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var order = await orders.ReadableAsync(await current.GetViewerAsync(ct), Id, ct);
        if (order is null)
        {
            return NotFound();
        }

        Order = OrderQueries.ToDto(order, await orders.PointsAsync(Id, ct));
        CompanyName = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        return Page();
    }

    public static string Yuan(decimal? yuan) => yuan is { } y ? Kefu.Core.Money.Money.FromYuan(y).ToString() : "";
}
