using System.Globalization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Administration;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Customers.Pages;

/// <summary>A customer's profile (CUS-01), its change history (CUS-02) and the first-contact deadline (CUS-05).</summary>
[Authorize(Policy = Policies.ReadCustomers)]
public sealed class CustomerDetailModel(KefuDbContext db, CurrentUser current, CustomerUseCases customers, CustomerMerge merge, CalendarService calendars, TimeProvider clock, IStringLocalizer<SharedResource> l, Kefu.Web.Platform.Localization.ChangeText changeText) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [TempData] public string? Message { get; set; }

    /// <summary>CUS-05: the contact being recorded.</summary>
    [BindProperty] public ContactForm Contact { get; set; } = new();
    public Customer Customer { get; private set; } = null!;
    public string? OwnerName { get; private set; }
    public bool CanEdit { get; private set; }
    public IReadOnlyList<AuditRow> History { get; private set; } = [];

    /// <summary>Each history entry's changes in words, in the order of <see cref="History"/>.</summary>
    public IReadOnlyList<IReadOnlyList<Kefu.Web.Platform.Localization.ChangeLine>> HistoryLines { get; private set; } = [];
    public IReadOnlyList<TimerDto> Timers { get; private set; } = [];
    public IReadOnlyList<DuplicateDto> Duplicates { get; private set; } = [];
    public bool CanMerge => CustomersModule.Assigners.Any(current.IsInRole);

    /// <summary>CUS-08: the reason typed for closing or reopening the account, and the version read.</summary>
    [BindProperty] public string? AccountReason { get; set; }

    [BindProperty] public int? AccountVersion { get; set; }
    public bool CanCloseAccount => CustomersModule.AccountClosers.Any(current.IsInRole);

    /// <summary>CUS-08: who closed and who reopened the account, by name.</summary>
    public string? ClosedByName { get; private set; }

    public string? ReopenedByName { get; private set; }
    public bool CanVisit => Kefu.Web.Modules.Visits.VisitsModule.Visitors.Any(current.IsInRole);

    public string Local(DateTime utc) => Kefu.Web.Platform.CompanyTime.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostContactAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        var (contact, problems) = await customers.RecordContactAsync(await current.GetViewerAsync(ct), current.UserId!, Id,
            new CustomerContactInput(Contact.Channel, Contact.ContactName, Contact.Summary, Contact.Outcome), ct);
        if (problems.HasErrors)
        {
            problems.CopyTo(ModelState, nameof(Contact));
            return Page();
        }

        if (contact is null)
        {
            return NotFound();
        }

        Message = l["Customers.Contacted"];
        return Redirect($"/customers/{Id}");
    }

    /// <summary>CUS-08: closes the account with its reason.</summary>
    public Task<IActionResult> OnPostCloseAccountAsync(CancellationToken ct) =>
        AccountAsync((viewer, input) => customers.CloseAsync(viewer, current.UserId!, Id, input, ct), "Customers.AccountClosedDone", ct);

    /// <summary>CUS-08: reopens the account with its reason.</summary>
    public Task<IActionResult> OnPostReopenAccountAsync(CancellationToken ct) =>
        AccountAsync((viewer, input) => customers.ReopenAsync(viewer, current.UserId!, Id, input, ct), "Customers.AccountReopenedDone", ct);

    private async Task<IActionResult> AccountAsync(Func<Kefu.Core.Organization.ScopeViewer, AccountInput, Task<CustomerResult>> action, string done, CancellationToken ct)
    {
        if (!CanCloseAccount)
        {
            return Forbid();
        }

        switch (await action(await current.GetViewerAsync(ct), new AccountInput(AccountReason, AccountVersion)))
        {
            case CustomerResult.NotFound:
                return NotFound();
            case CustomerResult.Invalid invalid:
                foreach (var (field, messages) in invalid.Problems.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(field == "reason" ? nameof(AccountReason) : string.Empty, message);
                    }
                }

                break;
            case CustomerResult.Conflict:
                ModelState.AddModelError(string.Empty, l["Common.Conflict"]);
                break;
            default:
                Message = l[done];
                return Redirect($"/customers/{Id}");
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>CUS-03: a supervisor merges a duplicate into this customer.</summary>
    public async Task<IActionResult> OnPostMergeAsync(int duplicateId, CancellationToken ct)
    {
        if (!CanMerge)
        {
            return Forbid();
        }

        var number = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == duplicateId).Select(c => c.Number).SingleOrDefaultAsync(ct);
        var (found, problems, _) = await merge.MergeAsync(await current.GetViewerAsync(ct), Id, new MergeInput(duplicateId, null), ct);
        if (!found)
        {
            return NotFound();
        }

        Message = problems.HasErrors ? string.Join(" ", problems.Errors.SelectMany(e => e.Value)) : l["Customers.Merged", number ?? ""];
        return Redirect($"/customers/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var customer = await db.Set<Customer>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(c => c.Id == Id, ct);
        if (customer is null)
        {
            return false;
        }

        Customer = customer;
        CanEdit = CustomersModule.Managers.Any(current.IsInRole);
        OwnerName = customer.OwnerId is null ? null : await db.Users.Where(u => u.Id == customer.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        ClosedByName = customer.ClosedByUserId is null ? null : await db.Users.Where(u => u.Id == customer.ClosedByUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        ReopenedByName = customer.ReopenedByUserId is null ? null : await db.Users.Where(u => u.Id == customer.ReopenedByUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        var key = Id.ToString(CultureInfo.InvariantCulture);
        History = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Customer) && a.EntityId == key).OrderByDescending(a => a.Id).Take(200)
            .Select(a => new AuditRow(a.Id, a.At, a.UserName, a.ClientAddress, a.Action, a.EntityType, a.EntityId, a.Changes, a.CorrelationId)).ToListAsync(ct);
        HistoryLines = await changeText.DescribeAsync(History.Select(h => (h.EntityType, h.Changes)).ToList(), ct);
        var timers = await db.Set<SlaTimer>().AsNoTracking().Where(t => t.RecordType == nameof(Customer) && t.RecordId == key).OrderByDescending(t => t.Id).Take(5).ToListAsync(ct);
        Timers = await SlaApi.ToDtosAsync(timers, calendars, clock, ct);
        var viewer = await current.GetViewerAsync(ct);
        Duplicates = await customers.DuplicatesAsync(viewer, CustomersModule.ToInput(customer), customer.Id, ct);
        return true;
    }
}

/// <summary>CUS-05: the contact form of the customer's page.</summary>
public sealed class ContactForm
{
    public ContactChannel? Channel { get; set; }
    public string? ContactName { get; set; }
    public string? Summary { get; set; }
    public string? Outcome { get; set; }
}
