using Kefu.Web.Platform.Http;
using System.Globalization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Home.Pages;

/// <summary>SLA-01: "My deadlines": due soon or breached, mine or my centre's.</summary>
[RememberFilters]
public sealed class DeadlinesModel(KefuDbContext db, CurrentUser current, CalendarService calendars, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string State { get; set; } = "soon";
    [BindProperty(SupportsGet = true, Name = "scope")] public string? Scope { get; set; }

    /// <summary>With state=breached: only breaches from this day on (the dashboard's "breached today / this week").</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? Since { get; set; }

    public bool Team => Scope == "team" && CanSeeTeam;
    public bool CanSeeTeam { get; private set; }
    public IReadOnlyList<TimerDto> Timers { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    /// <summary>The page of <see cref="Timers"/> shown (the export takes them all).</summary>
    public Paged<TimerDto> PageOfTimers { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        State = State is "soon" or "due" or "breached" or "all" ? State : "soon";
        var viewer = await current.GetViewerAsync(ct);
        CanSeeTeam = SlaApi.IsTeamViewer(viewer);
        // RPT-01: "due" runs to the end of the next working day on the viewer's calendar.
        var dueBefore = State == "due" ? await DashboardTime.DueSoonCutoffUtcAsync(calendars, db, viewer.CentrePath, clock.GetUtcNow(), ct) : (DateTime?)null;
        var since = State == "breached" && Since is { Year: >= 2000 and <= 2100 } day ? CompanyTime.StartUtc(day) : (DateTime?)null;
        var timers = await SlaApi.DeadlineQuery(db, viewer, State, Team, clock, dueBefore, since).Take(500).ToListAsync(ct);
        Timers = Sort(await SlaApi.ToDtosAsync(timers, calendars, clock, ct), ListSort.From(Request));
        var (page, size) = Paging.Clamp(PageNumber, null);
        PageOfTimers = new Paged<TimerDto>(Timers.Skip((page - 1) * size).Take(size).ToList(), page, size, Timers.Count);
    }

    /// <summary>The columns the list sorts on. At most 500 open deadlines, in words only after reading (names are keys), so they are sorted here.</summary>
    public static readonly IReadOnlyList<string> Columns = ["name", "record", "due", "state"];

    private List<TimerDto> Sort(List<TimerDto> timers, ListSort sort)
    {
        Func<TimerDto, string>? key = sort.Column?.ToLowerInvariant() switch
        {
            "name" => t => t.Name,
            "record" => t => l["RecordType." + t.RecordType].Value + " " + t.RecordId,
            "due" => t => t.DueAt,
            "state" => t => (t.Breached ? "0" : t.State == "Warning" ? "1" : "2") + t.DueAt,
            _ => null,
        };
        if (key is null)
        {
            return timers;
        }

        var comparer = StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, ignoreCase: true);
        return (sort.Descending ? timers.OrderByDescending(key, comparer) : timers.OrderBy(key, comparer)).ThenBy(t => t.Id).ToList();
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
