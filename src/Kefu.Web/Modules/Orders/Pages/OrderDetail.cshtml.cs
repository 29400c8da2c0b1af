using Kefu.Core.Orders;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Orders.Pages;

/// <summary>
/// One work order: review and confirm (ORD-01..04, the closed gates named), the signed notice, the
/// tracking points of its class (ORD-05), arrival and the customer told (ORD-06), late delivery and
/// closing with the POD (ORD-07). Every action goes through the same use cases as the API.
/// </summary>
[Authorize(Policy = OrdersModule.ReadPolicy)]
public sealed class OrderDetailModel(OrderUseCases orders, DistributorFlowUseCases flows, OrderFollowUpUseCases followUp, CurrentUser current, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [TempData] public string? Message { get; set; }
    public OrderDto Order { get; private set; } = null!;
    public OrderReviewDto? Review { get; private set; }
    public FlowDto? Flow { get; private set; }
    public IReadOnlyCollection<string> MyRoleKeys { get; private set; } = [];
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public bool CanAct => OrdersModule.Takers.Any(r => User.IsInRole(KefuRoles.Name(r)));

    /// <summary>FLD-01: an installation job can be opened from the order by those who create jobs.</summary>
    public bool CanCreateJob => Field.FieldModule.Creators.Any(r => User.IsInRole(KefuRoles.Name(r)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(TrackingClass? trackingClass, CancellationToken ct) =>
        ActAsync(async v => await orders.ConfirmAsync(v, current.UserId!, await current.GetRolesAsync(ct), Id, new ConfirmInput(trackingClass), ct), "Orders.Confirmed", ct);

    public Task<IActionResult> OnPostClassAsync(TrackingClass? trackingClass, CancellationToken ct) =>
        ActAsync(v => orders.ChangeClassAsync(v, Id, new TrackingClassInput(trackingClass), ct), "Common.Saved", ct);

    public Task<IActionResult> OnPostPointAsync(int pointId, string? note, CancellationToken ct) =>
        ActAsync(v => orders.CompletePointAsync(v, current.UserId!, Id, pointId, new PointDoneInput(note), ct), "Common.Saved", ct);

    public Task<IActionResult> OnPostArrivalAsync(DateTime? actualArrival, bool? satisfied, CancellationToken ct) =>
        ActAsync(v => orders.RecordArrivalAsync(v, current.UserId!, Id,
            new ArrivalInput(actualArrival is { } a ? new DateTimeOffset(CompanyTime.LocalToUtc(a), TimeSpan.Zero) : null, satisfied), ct), "Common.Saved", ct);

    public Task<IActionResult> OnPostInformAsync(FeedbackChannel? channel, CancellationToken ct) =>
        ActAsync(v => orders.InformAsync(v, Id, new InformInput(channel), ct), "Orders.InformedDone", ct);

    public Task<IActionResult> OnPostLateAsync(string? cause, string? remedy, bool consignorInformed, bool consigneeInformed, CancellationToken ct) =>
        ActAsync(v => orders.RecordLateAsync(v, Id, new LateInput(cause, remedy, consignorInformed, consigneeInformed), ct), "Common.Saved", ct);

    /// <summary>ORD-08: the next step of the distributor flow, by its owner (the use case checks the role; any reader may try).</summary>
    public async Task<IActionResult> OnPostFlowAsync(string? stepKey, string? note, CancellationToken ct)
    {
        var (flow, problems, conflict) = await flows.CompleteAsync(await current.GetViewerAsync(ct), current.UserId!, Id, stepKey ?? "", new FlowStepInput(note), ct);
        return await AfterAsync(
            flow is null ? new OrderResult.NotFound() : conflict ? new OrderResult.Conflict() : problems.HasErrors ? new OrderResult.Invalid(problems) : new OrderResult.Ok(Id),
            "Common.Saved", ct);
    }

    /// <summary>ORD-01: the email order's content confirmed with the customer (with whom, when, how, what).</summary>
    public Task<IActionResult> OnPostEmailConfirmationAsync(string? confirmedWith, DateTime? confirmedAt, FeedbackChannel? method, string? content, CancellationToken ct) =>
        ActAsync(v => followUp.ConfirmEmailAsync(v, current.UserId!, Id,
            new EmailConfirmationInput(confirmedWith, confirmedAt is { } a ? new DateTimeOffset(CompanyTime.LocalToUtc(a), TimeSpan.Zero) : null, method, content), ct), "Common.Saved", ct);

    /// <summary>ORD-04: the city job's vehicle, driver and ETA; the customer is told through the outbox.</summary>
    public Task<IActionResult> OnPostCityJobAsync(string? vehicle, string? driver, string? driverPhone, DateTime? eta, CancellationToken ct) =>
        ActAsync(v => followUp.RecordCityJobAsync(v, current.UserId!, Id,
            new CityJobInput(vehicle, driver, driverPhone, eta is { } e ? new DateTimeOffset(CompanyTime.LocalToUtc(e), TimeSpan.Zero) : null), ct), "Common.Saved", ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => ActAsync(v => orders.CloseAsync(v, Id, ct), "Orders.ClosedDone", ct);

    public async Task<IActionResult> OnPostAttachAsync(string? kind, IFormFile? file, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        var (saved, problems, refused) = await orders.AttachAsync(await current.GetViewerAsync(ct), current.UserId!, Id, kind, file, ct);
        return await AfterAsync(refused ?? (saved is null ? new OrderResult.Invalid(problems) : new OrderResult.Ok(Id)), "Orders.Attached", ct);
    }

    private async Task<IActionResult> ActAsync(Func<Kefu.Core.Organization.ScopeViewer, Task<OrderResult>> action, string done, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        return await AfterAsync(await action(await current.GetViewerAsync(ct)), done, ct);
    }

    private async Task<IActionResult> AfterAsync(OrderResult result, string done, CancellationToken ct)
    {
        switch (result)
        {
            case OrderResult.Ok:
                Message = l[done];
                return Redirect($"/orders/{Id}");
            case OrderResult.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            case OrderResult.Conflict:
                ModelState.AddModelError(string.Empty, l["Orders.WrongStatus"]);
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Review = await orders.ReviewAsync(viewer, Id, ct);
        if (Review is null)
        {
            return false;
        }

        var order = await orders.ReadableAsync(viewer, Id, ct);
        Order = OrderQueries.ToDto(order!, await orders.PointsAsync(Id, ct));
        if (Order.Distributor)
        {
            Flow = await flows.GetAsync(viewer, Id, ct);
            MyRoleKeys = await flows.RoleKeysAsync(current.UserId!, ct);
        }

        return true;
    }

    public string Yuan(decimal? yuan) => yuan is { } y ? Kefu.Core.Money.Money.FromYuan(y).ToString() : "";

    public string YesNo(bool? value) => value switch
    {
        true => l["Common.Yes"],
        false => l["Common.No"],
        null => "—",
    };
}
