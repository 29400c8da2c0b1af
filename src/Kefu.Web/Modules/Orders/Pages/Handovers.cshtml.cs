using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Orders.Pages;

/// <summary>ORD-03: the customer-service handover forms of the caller's scope, and a new one.</summary>
[Authorize(Policy = OrdersModule.ReadPolicy)]
[RememberFilters]
public sealed class HandoversModel(HandoverUseCases handovers, OrderQueries queries, CurrentUser current) : PageModel
{
    public sealed class HandoverForm
    {
        public int? CustomerId { get; set; }
        public bool Storage { get; set; }
        public bool Delivery { get; set; } = true;
        public string? ContractOrQuote { get; set; }
        public string? SettlementAgreement { get; set; }
        public string? Notes { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true)] public HandoverStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public HandoverForm Input { get; set; } = new();
    public Paged<CustomerHandover> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<(int Id, string Number, string Name)> Customers { get; private set; } = [];
    public bool CanFill => OrdersModule.HandoverFillers.Any(r => User.IsInRole(KefuRoles.Name(r)));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanFill)
        {
            return Forbid();
        }

        var (form, problems) = await handovers.CreateAsync(await current.GetViewerAsync(ct), current.UserId!,
            new HandoverInput(Input.CustomerId, Input.Storage, Input.Delivery, Input.ContractOrQuote, Input.SettlementAgreement, Input.Notes, null), ct);
        if (form is not null)
        {
            return Redirect($"/orders/handovers/{form.Id}");
        }

        problems.CopyTo(ModelState);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = handovers.Visible(viewer).AsNoTracking();
        query = Status is { } status ? query.Where(h => h.Status == status) : query;
        query = string.IsNullOrWhiteSpace(Q) ? query : query.Where(h => h.CustomerName.Contains(Q.Trim()));
        var total = await query.CountAsync(ct);
        Result = new Paged<CustomerHandover>(await OrdersModule.HandoverSorts.Apply(query, ListSort.From(Request)).Skip((page - 1) * size).Take(size).ToListAsync(ct), page, size, total);
        Customers = await queries.LookUpCustomersAsync(viewer, null, ct);
    }
}
