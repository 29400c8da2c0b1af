using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Organization.Pages;

[Authorize(Policy = Policies.ReadStaff)]
[RememberFilters]
public sealed class StaffListModel(StaffQueries queries, CurrentUser current, KefuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public Role? Role { get; set; }
    [BindProperty(SupportsGet = true)] public StaffStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<StaffRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public bool CanManage { get; private set; }

    private StaffFilter Filter => new(Q, Unit, Role, Status, ListSort.From(Request), PageNumber);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Result = await queries.ListAsync(viewer, Filter, LocalizationSetup.IsEnglish, ct);
        CanManage = Policies.StaffManagers.Any(current.IsInRole);
        var english = LocalizationSetup.IsEnglish;
        Units = await OrgTree.UnitOptionsAsync(db, viewer, LocalizationSetup.IsEnglish, activeOnly: false, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var rows = await queries.ExportAsync(await current.GetViewerAsync(ct), Filter, LocalizationSetup.IsEnglish, ct);
        ExportColumn<StaffRow>[] columns =
        [
            new(l["Staff.EmployeeNumber"], s => s.EmployeeNumber),
            new(l["Staff.DisplayName"], s => s.DisplayName),
            new(l["Staff.UserName"], s => s.UserName),
            new(l["Staff.OrgUnit"], s => s.OrgUnitName),
            new(l["Staff.Roles"], s => string.Join(", ", s.Roles.Select(r => l["Role." + r].Value))),
            new(l["Staff.Phone"], s => s.Phone),
            new(l["Staff.Email"], s => s.Email),
            new(l["Staff.Grade"], s => s.Grade),
            new(l["Staff.HireDate"], s => s.HireDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new(l["Staff.Status"], s => l["StaffStatus." + s.Status].Value),
            new(l["Staff.OnDuty"], s => s.NotOnDutyReason ?? l["Common.Yes"].Value),
        ];
        return format == "csv"
            ? File(TableExport.ToCsv(columns, rows), "text/csv", "staff.csv")
            : File(TableExport.ToXlsx(l["Staff.Title"], columns, rows), TableExport.XlsxContentType, "staff.xlsx");
    }
}
