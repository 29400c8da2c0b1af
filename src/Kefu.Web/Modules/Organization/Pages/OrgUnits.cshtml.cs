using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Organization.Pages;

/// <summary>The fields an org unit form shares between "new" and "edit".</summary>
public interface IOrgUnitForm
{
    OrgUnitForm Input { get; }

    /// <summary>The working calendars a unit may use (CAL-03): id and name.</summary>
    IReadOnlyList<(string Id, string Name)> Calendars { get; }
}

public sealed class OrgUnitForm
{
    public int? ParentId { get; set; }
    public OrgUnitKind Kind { get; set; } = OrgUnitKind.Centre;
    public DepartmentFunction Function { get; set; } = DepartmentFunction.CustomerService;
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? NameEn { get; set; }
    public string? TimeZone { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
    public string? CalendarId { get; set; }

    public OrgUnitInput ToInput() => new(ParentId, Kind, Function, Code, Name, NameEn, TimeZone, IsActive, Version, CalendarId);

    public static async Task<IReadOnlyList<(string Id, string Name)>> CalendarsAsync(KefuDbContext db, CancellationToken ct) =>
        (await db.Set<Kefu.Web.Platform.Calendars.WorkCalendar>().AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
        .Select(c => (c.Id, c.Name)).ToArray();
}

/// <summary>ORG-01: the org tree. Everyone with staff access reads it; administrators add units.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.ReadStaff)]
[RememberFilters]
public sealed class OrgUnitsModel(KefuDbContext db, SaveOrgUnit save, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel, IOrgUnitForm
{
    [BindProperty] public OrgUnitForm Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public OrgUnitKind? Kind { get; set; }

    /// <summary>Dashboard-style filter: true active units only, false inactive only.</summary>
    [BindProperty(SupportsGet = true)] public bool? Active { get; set; }

    /// <summary>The whole tree (the parent choices of the form).</summary>
    public IReadOnlyList<(OrgUnit Unit, int Depth)> Units { get; private set; } = [];

    /// <summary>The table: the tree by default; filtered or sorted by a column, a flat list (no indent).</summary>
    public IReadOnlyList<(OrgUnit Unit, int Depth)> Rows { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Calendars { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!CanEdit)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        switch (await save.CreateAsync(Input.ToInput(), ct))
        {
            case SaveResult.Saved:
                return RedirectToPage();
            case SaveResult.Invalid invalid:
                invalid.Problems.CopyTo(ModelState);
                return Page();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var english = LocalizationSetup.IsEnglish;
        ExportColumn<(OrgUnit Unit, int Depth)>[] columns =
        [
            new(l["Org.Code"], u => u.Unit.Code),
            new(l["Org.Name"], u => new string(' ', u.Depth * 2) + u.Unit.DisplayName(english)),
            new(l["Org.Kind"], u => l["OrgKind." + u.Unit.Kind].Value),
            new(l["Org.Function"], u => u.Unit.Function == DepartmentFunction.None ? "" : l["Dept." + u.Unit.Function].Value),
            new(l["Org.TimeZone"], u => u.Unit.TimeZone),
            new(l["Org.Active"], u => u.Unit.IsActive),
        ];
        return File(TableExport.ToXlsx(l["Org.Title"], columns, Rows), TableExport.XlsxContentType, "org-units.xlsx");
    }

    /// <summary>The columns the org table sorts on; the tree (by path) when none is asked for.</summary>
    public static SortMap<OrgUnit> Sorts(bool english) => new SortMap<OrgUnit>(q => q.OrderBy(u => u.Path), q => q.ThenBy(u => u.Id))
        .Add("name", english ? (System.Linq.Expressions.Expression<Func<OrgUnit, string>>)(u => u.NameEn ?? u.Name) : u => u.Name).Add("code", u => u.Code).Add("kind", u => u.Kind)
        .Add("function", u => u.Function).Add("active", u => u.IsActive);

    private async Task LoadAsync(CancellationToken ct)
    {
        CanEdit = current.IsInRole(Role.SystemAdministrator);
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Path).ToListAsync(ct);
        Units = units.Select(u => (u, OrgPath.Ids(u.Path).Count - 1)).ToArray();

        // The org tree is small (one row per branch, centre and department): filtered and sorted in the database all the same.
        var query = db.OrgUnits.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(u => u.Name.Contains(q) || u.Code.Contains(q) || (u.NameEn != null && u.NameEn.Contains(q)));
        }

        query = Kind is { } kind ? query.Where(u => u.Kind == kind) : query;
        query = Active is { } active ? query.Where(u => u.IsActive == active) : query;
        var sort = ListSort.From(Request);
        var flat = sort.Column is not null && Sorts(LocalizationSetup.IsEnglish).Knows(sort.Column) || !string.IsNullOrWhiteSpace(Q) || Kind is not null || Active is not null;
        Rows = (await Sorts(LocalizationSetup.IsEnglish).Apply(query, sort).ToListAsync(ct)).Select(u => (u, flat ? 0 : OrgPath.Ids(u.Path).Count - 1)).ToArray();
        Calendars = await OrgUnitForm.CalendarsAsync(db, ct);
    }
}
