using System.Globalization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Home.Pages;

/// <summary>SLA-01: "My deadlines": due soon or breached, mine or my centre's.</summary>
public sealed class DeadlinesModel(KefuDbContext db, CurrentUser current, CalendarService calendars, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
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

    /// <summary>RPT-03: the list as shown, to Excel, with the provisional mark and its reason (CAL-02).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        var now = clock.GetUtcNow();
        ExportColumn<TimerDto>[] columns =
        [
            new(l["Deadlines.Name"], t => t.Name), new(l["Deadlines.Record"], t => l["RecordType." + t.RecordType].Value),
            new(l["Deadlines.Due"], t => DateTimeOffset.Parse(t.DueAt, CultureInfo.InvariantCulture).DateTime),
            new(l["Deadlines.State"], t => SlaText.State(t, now)), new(l["Deadlines.Provisional"], t => SlaText.ProvisionalReason(t)),
        ];
        return File(TableExport.ToXlsx(l["Deadlines.Title"], columns, Timers), TableExport.XlsxContentType, "deadlines.xlsx");
    }
}
