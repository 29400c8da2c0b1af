using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Customers.Pages;

/// <summary>CUS-01/03: the customer form; possible duplicates are shown before saving.</summary>
[Authorize(Policy = CustomersModule.ManagePolicy)]
public sealed class CustomerEditModel(CustomerUseCases customers, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class CustomerForm
    {
        public string? Name { get; set; }
        public CustomerType Type { get; set; } = CustomerType.Contract;
        public string? Grade { get; set; }
        public string? Phone { get; set; }
        public string? ContactName { get; set; }
        public string? ContactEmail { get; set; }
        public string? TaxId { get; set; }
        public string? Province { get; set; }
        public string? City { get; set; }
        public string? District { get; set; }
        public string? Address { get; set; }
        public string? Industry { get; set; }
        public string? Channel { get; set; }
        public string? ProductLines { get; set; }
        public string? Tags { get; set; }
        public SettlementMode Settlement { get; set; } = SettlementMode.Monthly;
        public int? PaymentCycleDays { get; set; }
        public string? Notes { get; set; }
        public bool ConfirmDuplicate { get; set; }
        public int? Version { get; set; }

        public CustomerInput ToInput() => new(Name, Type, Grade, Phone, Industry, Province, City, District, Address, Channel, Settlement,
            PaymentCycleDays, TaxId, ContactName, ContactEmail, Tags, Notes, null, ConfirmDuplicate, Version, ProductLines);
    }

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public CustomerForm Input { get; set; } = new();
    public IReadOnlyList<DuplicateDto> Duplicates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var c = await db.Set<Customer>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (c is null)
            {
                return NotFound();
            }

            Input = new CustomerForm
            {
                Name = c.Name, Type = c.Type, Grade = c.Grade, Phone = c.Phone, ContactName = c.ContactName, ContactEmail = c.ContactEmail, TaxId = c.TaxId,
                Province = c.Province, City = c.City, District = c.District, Address = c.Address, Industry = c.Industry, Channel = c.Channel,
                ProductLines = c.ProductLines, Tags = c.Tags,
                Settlement = c.Settlement, PaymentCycleDays = c.PaymentCycleDays, Notes = c.Notes, Version = c.Version,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var viewer = await current.GetViewerAsync(ct);
        var result = Id is { } id ? await customers.UpdateAsync(viewer, id, Input.ToInput(), ct) : await customers.CreateAsync(viewer, current.UserId!, Input.ToInput(), ct);
        switch (result)
        {
            case CustomerResult.Ok ok:
                return Redirect($"/customers/{ok.Id}");
            case CustomerResult.Duplicates d:
                Duplicates = d.Candidates;
                return Page();
            case CustomerResult.Invalid invalid:
                invalid.Problems.CopyTo(ModelState);
                return Page();
            case CustomerResult.Conflict:
                ModelState.AddModelError(string.Empty, l["Common.Conflict"]);
                return Page();
            default:
                return NotFound();
        }
    }
}
