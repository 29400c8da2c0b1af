using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Orders.Pages;

/// <summary>ORD-06: the tracking sheet (信息反馈表): accept date, order, destination, expected and actual arrival, on time, satisfied.</summary>
[Authorize(Policy = OrdersModule.ReadPolicy)]
[RememberFilters]
public sealed class TrackingSheetModel(OrderQueries queries, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public bool? OnTime { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<TrackingSheetRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = queries.TrackingSheet(await current.GetViewerAsync(ct), From, To, OnTime, Q, ListSort.From(Request));
        var total = await query.CountAsync(ct);
        Result = new Paged<TrackingSheetRow>((await query.Skip((page - 1) * size).Take(size).ToListAsync(ct)).Select(OrderQueries.ToSheetRow).ToArray(), page, size, total);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = (await queries.TrackingSheet(await current.GetViewerAsync(ct), From, To, OnTime, Q, ListSort.From(Request)).Take(Paging.MaxExportRows).ToListAsync(ct)).Select(OrderQueries.ToSheetRow).ToArray();
        ExportColumn<TrackingSheetRow>[] columns =
        [
            new(l["Orders.AcceptedOn"], r => r.AcceptedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), new(l["Orders.Number"], r => r.Number),
            new(l["Orders.Customer"], r => r.CustomerName), new(l["Orders.Destination"], r => r.Destination), new(l["Orders.TrackingClass"], r => r.TrackingClass is { } cls ? l["TrackingClass." + cls].Value : null),
            new(l["Orders.ExpectedArrival"], r => r.ExpectedArrival is { } e ? CompanyTime.ToLocal(e) : null),
            new(l["Orders.ActualArrival"], r => r.ActualArrival is { } a ? CompanyTime.ToLocal(a) : null),
            new(l["Orders.OnTime"], r => YesNo(r.OnTime)), new(l["Orders.Satisfied"], r => YesNo(r.Satisfied)),
            new(l["Orders.Informed"], r => r.CustomerInformedAt is { } i ? CompanyTime.ToLocal(i) : null), new(l["Orders.FeedbackChannel"], r => l["FeedbackChannel." + r.FeedbackChannel].Value),
        ];
        return File(TableExport.ToXlsx(l["Orders.TrackingSheet"], columns, rows), TableExport.XlsxContentType, "tracking-sheet.xlsx");
    }

    public string YesNo(bool? value) => value switch
    {
        true => l["Common.Yes"],
        false => l["Common.No"],
        null => "",
    };
}
