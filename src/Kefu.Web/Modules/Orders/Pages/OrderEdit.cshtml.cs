using Kefu.Core.Orders;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Orders.Pages;

public sealed record CustomerChoice(int Id, string Number, string Name, bool Selected);

/// <summary>ORD-01/04: the work order form, with the client looked up as the agent types; saved as a draft, then reviewed and confirmed on its page.</summary>
[Authorize(Policy = OrdersModule.TakePolicy)]
public sealed class OrderEditModel(KefuDbContext db, CurrentUser current, OrderUseCases orders, OrderQueries queries) : PageModel
{
    public sealed class OrderForm
    {
        public int? CustomerId { get; set; }
        public IntakeChannel? Channel { get; set; } = IntakeChannel.Phone;
        public bool ReadBackConfirmed { get; set; }
        public DangerousGoodsAnswer? DangerousGoods { get; set; }
        public JobType? JobType { get; set; }
        public string? VehicleType { get; set; }
        public DateTime? RequestedArrival { get; set; }
        public string? SignOffRequirements { get; set; }
        public string? ImportantNotes { get; set; }
        public SettlementMode? Settlement { get; set; }
        public string? PickupParty { get; set; }
        public string? PickupCity { get; set; }
        public string? PickupAddress { get; set; }
        public string? PickupContact { get; set; }
        public string? PickupPhone { get; set; }
        public string? DeliveryParty { get; set; }
        public string? DeliveryCity { get; set; }
        public string? DeliveryAddress { get; set; }
        public string? DeliveryContact { get; set; }
        public string? DeliveryPhone { get; set; }
        public string? GoodsName { get; set; }
        public int? Pieces { get; set; }
        public decimal? WeightKg { get; set; }
        public decimal? VolumeM3 { get; set; }
        public string? Packaging { get; set; }
        public GoodsPurpose? Purpose { get; set; }
        public bool SpecialRequirements { get; set; }
        public decimal? EstimatedCharge { get; set; }
        public decimal? DeclaredValue { get; set; }
        public FeedbackChannel? FeedbackChannel { get; set; }
        public bool Distributor { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }

    /// <summary>What the agent typed to find the client; without JavaScript the search button posts the form back with it.</summary>
    [BindProperty(SupportsGet = true)] public string? Lookup { get; set; }

    [BindProperty] public OrderForm Input { get; set; } = new();
    public IReadOnlyList<CustomerChoice> Choices { get; private set; } = [];
    public string? Number { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var order = await orders.Visible(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
            if (order is null)
            {
                return NotFound();
            }

            if (order.Status != OrderStatus.Draft)
            {
                return Redirect($"/orders/{id}");
            }

            Number = order.Number;
            Input = ToForm(order);
        }
        else if (int.TryParse(Request.Query["customerId"], out var customerId))
        {
            Input.CustomerId = customerId;
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>htmx: the clients matching what was typed, as radio buttons (ORD-04 "client looked up").</summary>
    public async Task<IActionResult> OnGetLookupAsync(CancellationToken ct)
    {
        Input.CustomerId = int.TryParse(Request.Query["Input.CustomerId"], out var chosen) ? chosen : null;
        await LoadChoicesAsync(ct);
        return Partial("_CustomerChoices", Choices);
    }

    /// <summary>Without JavaScript: the search button posts the form back with the clients found, keeping what was typed (nothing in the address bar, nothing saved).</summary>
    public async Task<IActionResult> OnPostSearchAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            Number = await orders.Visible(await current.GetViewerAsync(ct)).Where(o => o.Id == id && o.Status == OrderStatus.Draft).Select(o => o.Number).SingleOrDefaultAsync(ct);
            if (Number is null)
            {
                return NotFound();
            }
        }

        ModelState.Clear();
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var input = ToInput(Input);
        var result = Id is { } id ? await orders.UpdateAsync(viewer, id, input, ct) : await orders.CreateAsync(viewer, current.UserId!, input, ct);
        switch (result)
        {
            case OrderResult.Ok ok:
                return Redirect($"/orders/{ok.Id}");
            case OrderResult.Invalid invalid:
                invalid.Problems.CopyTo(ModelState);
                break;
            case OrderResult.Conflict:
                ModelState.AddModelError(string.Empty, Kefu.Web.Platform.Localization.Text.Get("Common.Conflict"));
                break;
            default:
                return NotFound();
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var found = await queries.LookUpCustomersAsync(viewer, Lookup, ct);
        var list = found.Select(c => new CustomerChoice(c.Id, c.Number, c.Name, c.Id == Input.CustomerId)).ToList();
        // The chosen client stays on the list whatever was typed since.
        if (Input.CustomerId is { } chosen && list.All(c => c.Id != chosen)
            && await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == chosen, ct) is { } customer)
        {
            list.Insert(0, new CustomerChoice(customer.Id, customer.Number, customer.Name, true));
        }

        Choices = list;
    }

    private static OrderForm ToForm(Order o) => new()
    {
        CustomerId = o.CustomerId, Channel = o.Channel, ReadBackConfirmed = o.ReadBackConfirmed, DangerousGoods = o.DangerousGoods, JobType = o.JobType,
        VehicleType = o.VehicleType, RequestedArrival = o.RequestedArrival is { } r ? CompanyTime.ToLocal(r) : null, SignOffRequirements = o.SignOffRequirements,
        ImportantNotes = o.ImportantNotes, Settlement = o.Settlement, PickupParty = o.PickupParty, PickupCity = o.PickupCity, PickupAddress = o.PickupAddress,
        PickupContact = o.PickupContact, PickupPhone = o.PickupPhone, DeliveryParty = o.DeliveryParty, DeliveryCity = o.DeliveryCity,
        DeliveryAddress = o.DeliveryAddress, DeliveryContact = o.DeliveryContact, DeliveryPhone = o.DeliveryPhone, GoodsName = o.GoodsName, Pieces = o.Pieces,
        WeightKg = o.WeightKg, VolumeM3 = o.VolumeM3, Packaging = o.Packaging, Purpose = o.Purpose, SpecialRequirements = o.SpecialRequirements,
        EstimatedCharge = o.EstimatedChargeFen is { } c ? c / 100m : null, DeclaredValue = o.DeclaredValueFen is { } d ? d / 100m : null,
        FeedbackChannel = o.FeedbackChannel, Distributor = o.Distributor, Version = o.Version,
    };

    private static OrderInput ToInput(OrderForm f) => new(
        f.CustomerId, f.Channel, f.ReadBackConfirmed, f.DangerousGoods, f.JobType, f.VehicleType,
        f.RequestedArrival is { } r ? new DateTimeOffset(CompanyTime.LocalToUtc(r), TimeSpan.Zero) : null,
        f.SignOffRequirements, f.ImportantNotes, f.Settlement, f.PickupParty, f.PickupCity, f.PickupAddress, f.PickupContact, f.PickupPhone,
        f.DeliveryParty, f.DeliveryCity, f.DeliveryAddress, f.DeliveryContact, f.DeliveryPhone, f.GoodsName, f.Pieces, f.WeightKg, f.VolumeM3, f.Packaging,
        f.Purpose, f.SpecialRequirements, f.EstimatedCharge, f.DeclaredValue, f.FeedbackChannel, f.Version, f.Distributor);
}
