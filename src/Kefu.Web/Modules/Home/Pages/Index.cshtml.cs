using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Home.Pages;

/// <summary>The user's dashboard (RPT-01). Modules add their cards as they arrive.</summary>
public sealed class IndexModel(CurrentUser current, KefuDbContext db, CalendarArrangements arrangements) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string OrgUnitName { get; private set; } = "";
    public IReadOnlyList<Role> Roles { get; private set; } = [];
    public DataScope Scope { get; private set; }
    public int? StaffCount { get; private set; }
    public int? CustomerCount { get; private set; }
    public IReadOnlyList<(string Unit, int Count)> StaffByUnit { get; private set; } = [];

    /// <summary>CAL-02: holiday arrangements still missing, shown to administrators.</summary>
    public IReadOnlyList<MissingArrangementNotice> CalendarWarnings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await current.GetUserAsync(ct);
        var viewer = await current.GetViewerAsync(ct);
        var english = LocalizationSetup.IsEnglish;
        DisplayName = user.DisplayName;
        Roles = await current.GetRolesAsync(ct);
        Scope = viewer.Scope;
        OrgUnitName = (await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == user.OrgUnitId, ct))?.DisplayName(english) ?? "";

        if (Roles.Contains(Role.SystemAdministrator))
        {
            CalendarWarnings = await arrangements.MissingAsync(ct);
        }

        if (Roles.Any(r => Policies.CustomerReaders.Contains(r)))
        {
            CustomerCount = await db.Set<Customer>().VisibleTo(viewer).CountAsync(ct);
        }

        if (Roles.Any(r => Policies.StaffReaders.Contains(r)))
        {
            var staff = db.Users.AsNoTracking().VisibleTo(viewer).Where(u => u.Status != StaffStatus.Left);
            StaffCount = await staff.CountAsync(ct);
            var byUnit = await staff.GroupBy(u => u.OrgUnitId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var ids = byUnit.Select(b => b.Key).ToArray();
            var units = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
            StaffByUnit = byUnit.OrderBy(b => units[b.Key].Path, StringComparer.Ordinal)
                                .Select(b => (units[b.Key].DisplayName(english), b.Count)).ToArray();
        }
    }
}
