using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Customers.Pages;

public sealed record CustomerRow(int Id, string Number, string Name, string? Grade, string Centre, string? Owner, bool Closed = false);

/// <summary>Customers in the caller's scope (ORG-03). The customers module grows this page.</summary>
[Authorize(Policy = Policies.ReadCustomers)]
[RememberFilters]
public sealed class CustomerListModel(KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>Dashboard filters (RPT-01): my customers; customers assigned and not contacted yet (CUS-05).</summary>
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }

    [BindProperty(SupportsGet = true)] public bool Uncontacted { get; set; }

    /// <summary>CUS-08: the list holds open accounts; this shows the closed ones instead.</summary>
    [BindProperty(SupportsGet = true)] public bool Closed { get; set; }

    public IReadOnlyList<ActiveFilter> ActiveFilters { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<CustomerRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanCreate => CustomersModule.Managers.Any(r => User.IsInRole(KefuRoles.Name(r)));
    public bool CanAssign => CustomersModule.Assigners.Any(r => User.IsInRole(KefuRoles.Name(r)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<CustomerRow>(await ToRowsAsync(query.Skip((page - 1) * size).Take(size), ct), page, size, total);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await ToRowsAsync((await QueryAsync(ct)).Take(Paging.MaxExportRows), ct);
        ExportColumn<CustomerRow>[] columns =
        [
            new(l["Customers.Number"], c => c.Number), new(l["Customers.Name"], c => c.Name), new(l["Customers.Grade"], c => c.Grade),
            new(l["Customers.Centre"], c => c.Centre), new(l["Customers.Owner"], c => c.Owner),
        ];
        return File(TableExport.ToXlsx(l["Customers.Title"], columns, rows), TableExport.XlsxContentType, "customers.xlsx");
    }

    private async Task<IQueryable<Customer>> QueryAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var query = CustomersModule.OfAccounts(db.Set<Customer>().AsNoTracking().VisibleTo(viewer), Closed);
        query = Mine ? query.Where(c => c.OwnerId == viewer.UserId) : query;
        query = Uncontacted ? query.Where(CustomersModule.AwaitingFirstContact) : query;
        ActiveFilters =
        [
            .. Mine ? [new ActiveFilter("mine", "true", l["Filter.MineOnly"])] : Array.Empty<ActiveFilter>(),
            .. Uncontacted ? [new ActiveFilter("uncontacted", "true", l["Filter.Uncontacted"])] : Array.Empty<ActiveFilter>(),
            .. Closed ? [new ActiveFilter("closed", "true", l["Filter.ClosedAccounts"])] : Array.Empty<ActiveFilter>(),
        ];
        if (!string.IsNullOrWhiteSpace(Q))
        {
            query = query.Where(c => c.Name.Contains(Q) || c.Number.Contains(Q));
        }

        return CustomersModule.Sorts(db).Apply(query, ListSort.From(Request));
    }

    private async Task<IReadOnlyList<CustomerRow>> ToRowsAsync(IQueryable<Customer> query, CancellationToken ct)
    {
        var english = LocalizationSetup.IsEnglish;
        var rows = await (from c in query
                          join u in db.OrgUnits on c.CentreId equals u.Id
                          join o in db.Users on c.OwnerId equals o.Id into owners
                          from o in owners.DefaultIfEmpty()
                          select new { c.Id, c.Number, c.Name, c.Grade, Centre = u.Name, u.NameEn, Owner = o == null ? null : o.DisplayName, c.AccountStatus }).ToListAsync(ct);
        return rows.Select(r => new CustomerRow(r.Id, r.Number, r.Name, r.Grade, english && r.NameEn != null ? r.NameEn : r.Centre, r.Owner,
            r.AccountStatus == Kefu.Core.Customers.AccountStatus.Closed)).ToArray();
    }
}
