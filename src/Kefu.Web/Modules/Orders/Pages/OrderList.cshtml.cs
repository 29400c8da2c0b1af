using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Orders.Pages;

public sealed record OrderRow(int Id, string Number, string Customer, string Channel, string JobType, string? Destination, DateTime CreatedAt, DateTime? RequestedArrival, string Status, string? TrackingClass);

/// <summary>Work orders of the caller's scope (ORG-03), filtered, paged and exported on the server.</summary>
[Authorize(Policy = OrdersModule.ReadPolicy)]
[RememberFilters]
public sealed class OrderListModel(KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public OrderStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<OrderRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanCreate => OrdersModule.Takers.Any(r => User.IsInRole(KefuRoles.Name(r)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<OrderRow>(ToRows(await query.Skip((page - 1) * size).Take(size).ToListAsync(ct)), page, size, total);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = ToRows(await (await QueryAsync(ct)).Take(Paging.MaxExportRows).ToListAsync(ct));
        ExportColumn<OrderRow>[] columns =
        [
            new(l["Orders.Number"], r => r.Number), new(l["Orders.Customer"], r => r.Customer), new(l["Orders.Channel"], r => r.Channel),
            new(l["Orders.JobType"], r => r.JobType), new(l["Orders.Destination"], r => r.Destination), new(l["Orders.AcceptedAt"], r => CompanyTime.ToLocal(r.CreatedAt)),
            new(l["Orders.RequestedArrival"], r => r.RequestedArrival is { } a ? CompanyTime.ToLocal(a) : null), new(l["Orders.Status"], r => r.Status),
            new(l["Orders.TrackingClass"], r => r.TrackingClass),
        ];
        return File(TableExport.ToXlsx(l["Orders.Title"], columns, rows), TableExport.XlsxContentType, "orders.xlsx");
    }

    private async Task<IQueryable<Order>> QueryAsync(CancellationToken ct) =>
        OrderQueries.Sorts.Apply(OrderQueries.Filter(db.Set<Order>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)), Status, null, Q, From, To), ListSort.From(Request));

    private OrderRow[] ToRows(List<Order> orders) => orders.Select(o => new OrderRow(
        o.Id, o.Number, o.CustomerName, l["IntakeChannel." + o.Channel], l["JobType." + o.JobType], o.DeliveryCity, o.CreatedAt, o.RequestedArrival,
        l["OrderStatus." + o.Status], o.TrackingClass is { } c ? l["TrackingClass." + c].Value : null)).ToArray();
}
