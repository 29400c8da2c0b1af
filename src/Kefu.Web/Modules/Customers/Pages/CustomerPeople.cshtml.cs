using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Customers.Pages;

/// <summary>CUS-01: a customer's contacts and addresses, added, edited, removed, one of each marked primary.</summary>
[Authorize(Policy = Policies.ReadCustomers)]
public sealed class CustomerPeopleModel(KefuDbContext db, CurrentUser current, CustomerPeopleUseCases people, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [TempData] public string? Message { get; set; }
    [BindProperty] public ContactPersonForm Person { get; set; } = new();
    [BindProperty] public AddressForm Place { get; set; } = new();
    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<ContactPersonDto> Contacts { get; private set; } = [];
    public IReadOnlyList<AddressDto> Addresses { get; private set; } = [];
    public bool CanEdit => CustomersModule.Managers.Any(current.IsInRole);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddContactAsync(CancellationToken ct) => ChangeAsync(async viewer =>
        (await people.AddContactAsync(viewer, Id, Person.ToInput(null), ct)).Problems, ct);

    public Task<IActionResult> OnPostEditContactAsync(int contactId, CancellationToken ct) => ChangeAsync(async viewer =>
        Problems(await people.EditContactAsync(viewer, Id, contactId, Person.ToInput(Person.Version), ct)), ct);

    public Task<IActionResult> OnPostPrimaryContactAsync(int contactId, CancellationToken ct) => ChangeAsync(async viewer =>
    {
        var contact = (await people.ContactsAsync(viewer, Id, ct))?.SingleOrDefault(c => c.Id == contactId);
        return contact is null ? null : Problems(await people.EditContactAsync(viewer, Id, contactId,
            new ContactPersonInput(contact.Name, contact.Phone, contact.Email, contact.Position, true, contact.PortalAccess, contact.Version), ct));
    }, ct);

    public Task<IActionResult> OnPostRemoveContactAsync(int contactId, CancellationToken ct) => ChangeAsync(async viewer =>
        await people.RemoveContactAsync(viewer, Id, contactId, ct) ? new ProblemBuilder() : null, ct);

    public Task<IActionResult> OnPostAddAddressAsync(CancellationToken ct) => ChangeAsync(async viewer =>
        (await people.AddAddressAsync(viewer, Id, Place.ToInput(null), ct)).Problems, ct);

    public Task<IActionResult> OnPostEditAddressAsync(int addressId, CancellationToken ct) => ChangeAsync(async viewer =>
        Problems(await people.EditAddressAsync(viewer, Id, addressId, Place.ToInput(Place.Version), ct)), ct);

    public Task<IActionResult> OnPostPrimaryAddressAsync(int addressId, CancellationToken ct) => ChangeAsync(async viewer =>
    {
        var address = (await people.AddressesAsync(viewer, Id, ct))?.SingleOrDefault(a => a.Id == addressId);
        return address is null ? null : Problems(await people.EditAddressAsync(viewer, Id, addressId,
            new AddressInput(address.Label, address.Province, address.City, address.District, address.Line, true, address.Version), ct));
    }, ct);

    public Task<IActionResult> OnPostRemoveAddressAsync(int addressId, CancellationToken ct) => ChangeAsync(async viewer =>
        await people.RemoveAddressAsync(viewer, Id, addressId, ct) ? new ProblemBuilder() : null, ct);

    /// <summary>A stale version reads as a message the person can act on: reload and try again.</summary>
    private static ProblemBuilder? Problems<T>(PeopleResult<T> result) => result.Outcome switch
    {
        PeopleOutcome.NotFound => null,
        PeopleOutcome.Conflict => new ProblemBuilder().Add("", "Validation.Stale"),
        _ => result.Problems,
    };

    /// <summary>Runs a change (null: not found), then shows the page again with its errors or goes back with "saved".</summary>
    private async Task<IActionResult> ChangeAsync(Func<Kefu.Core.Organization.ScopeViewer, Task<ProblemBuilder?>> change, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        var problems = await change(await current.GetViewerAsync(ct));
        if (problems is null)
        {
            return NotFound();
        }

        if (problems.HasErrors)
        {
            problems.CopyToSummary(ModelState);
            await LoadAsync(ct);
            return Page();
        }

        Message = l["Customer.People.Saved"];
        return Redirect($"/customers/{Id}/people");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if (await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == Id, ct) is not { } customer)
        {
            return false;
        }

        Customer = customer;
        Contacts = await people.ContactsAsync(viewer, Id, ct) ?? [];
        Addresses = await people.AddressesAsync(viewer, Id, ct) ?? [];
        return true;
    }

    public sealed class ContactPersonForm
    {
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Position { get; set; }
        public bool IsPrimary { get; set; }
        public bool PortalAccess { get; set; }
        public int? Version { get; set; }

        public ContactPersonInput ToInput(int? version) => new(Name, Phone, Email, Position, IsPrimary ? true : null, PortalAccess, version);
    }

    public sealed class AddressForm
    {
        public string? Label { get; set; }
        public string? Province { get; set; }
        public string? City { get; set; }
        public string? District { get; set; }
        public string? Line { get; set; }
        public bool IsPrimary { get; set; }
        public int? Version { get; set; }

        public AddressInput ToInput(int? version) => new(Label, Province, City, District, Line, IsPrimary ? true : null, version);
    }
}
