using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Home.Pages;

/// <summary>The user's dashboard (RPT-01): the cards the modules' widgets build for this viewer, in order.</summary>
public sealed class IndexModel(CurrentUser current, KefuDbContext db, CalendarArrangements arrangements, DashboardComposer dashboard, TimeProvider clock) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string OrgUnitName { get; private set; } = "";
    public IReadOnlyList<Role> Roles { get; private set; } = [];
    public DataScope Scope { get; private set; }
    public IReadOnlyList<DashboardEntry> Cards { get; private set; } = [];

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

        Cards = await dashboard.ComposeAsync(new DashboardViewer(viewer, Roles, clock.GetUtcNow()), ct);
    }
}
