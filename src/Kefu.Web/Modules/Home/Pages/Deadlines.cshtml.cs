using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Home.Pages;

/// <summary>SLA-01: "My deadlines": due soon or breached, mine or my centre's.</summary>
public sealed class DeadlinesModel(KefuDbContext db, CurrentUser current, CalendarService calendars, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string State { get; set; } = "soon";
    [BindProperty(SupportsGet = true, Name = "scope")] public string? Scope { get; set; }

    public bool Team => Scope == "team" && CanSeeTeam;
    public bool CanSeeTeam { get; private set; }
    public IReadOnlyList<TimerDto> Timers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        State = State is "soon" or "breached" or "all" ? State : "soon";
        var viewer = await current.GetViewerAsync(ct);
        CanSeeTeam = SlaApi.IsTeamViewer(viewer);
        var timers = await SlaApi.DeadlineQuery(db, viewer, State, Team, clock).Take(500).ToListAsync(ct);
        Timers = await SlaApi.ToDtosAsync(timers, calendars, clock, ct);
    }
}
