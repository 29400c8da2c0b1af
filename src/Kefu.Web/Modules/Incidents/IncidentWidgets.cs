using System.Globalization;
using Kefu.Core.Incidents;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Incidents;

/// <summary>RPT-01: the incidents and complaints I recorded that are still open, each with its nearest clock (EXC-02/05).</summary>
internal sealed class MyIncidentsWidget(KefuDbContext db) : IDashboardWidget
{
    internal static readonly Role[] Agents = [Role.CsSpecialist, Role.Coordinator];

    public string Key => "my-incidents";

    public int Order => WidgetOrder.MyWork + 20;

    public bool ShowsTo(DashboardViewer viewer) => viewer.HasAny(Agents);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var open = db.Set<Incident>().AsNoTracking().VisibleTo(viewer.Scope).Where(i => i.OwnerId == viewer.UserId && i.Status != IncidentStatus.Closed);
        var count = await open.CountAsync(ct);
        var complaints = await open.CountAsync(i => i.Type == IncidentType.CustomerComplaint, ct);
        var rows = await open.OrderBy(i => i.ReceivedAt).Take(5).Select(i => new
        {
            i.Id, i.Number, i.Summary,
            Due = db.Set<SlaTimer>().Where(t => t.RecordType == nameof(Incident) && t.RecordId == i.Id.ToString() && t.Status != TimerStatus.Stopped)
                .OrderBy(t => t.DueAt).Select(t => (DateTime?)t.DueAt).FirstOrDefault(),
        }).ToListAsync(ct);
        const string list = "/incidents?open=true&mine=true";
        return new DashboardCard("Dashboard.Incidents.Mine",
        [
            DashboardFigure.Count("Dashboard.Incidents.Open", count, list, FigureTone.Warning, "my-open-incidents"),
            DashboardFigure.Count("Dashboard.Incidents.OpenComplaints", complaints, $"{list}&type={IncidentType.CustomerComplaint}", FigureTone.Danger, "my-open-complaints"),
        ],
        rows.Select(r => new DashboardItem($"{r.Number} {r.Summary}", $"/incidents/{r.Id}", r.Due)).ToArray(), Link: list);
    }
}

/// <summary>RPT-01/RPT-02: the centre's (or branch's) queue of open incidents and the weekly volume over the last eight weeks.</summary>
internal sealed class TeamIncidentsWidget(KefuDbContext db, TimeProvider clock) : IDashboardWidget
{
    public const int Weeks = 8;

    public string Key => "team-incidents";

    public int Order => WidgetOrder.Team + 20;

    public bool ShowsTo(DashboardViewer viewer) => viewer.Scope.Scope is DataScope.Centre or DataScope.Branch && viewer.HasAny(IncidentsModule.Readers);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var scoped = db.Set<Incident>().AsNoTracking().VisibleTo(viewer.Scope);
        var open = await scoped.CountAsync(i => i.Status != IncidentStatus.Closed, ct);
        var openComplaints = await scoped.CountAsync(i => i.Status != IncidentStatus.Closed && i.Type == IncidentType.CustomerComplaint, ct);
        var today = CompanyTime.Today(clock);
        var month = CompanyTime.MonthText(today);
        var monthStart = CompanyTime.StartUtc(new DateOnly(today.Year, today.Month, 1));
        var thisMonth = await scoped.CountAsync(i => i.ReceivedAt >= monthStart, ct);

        var weeks = DashboardTime.LastWeeks(today, Weeks);
        var bounds = weeks.Append(weeks[^1].AddDays(7)).Select(CompanyTime.StartUtc).ToArray();
        var perWeek = await scoped.Where(i => i.ReceivedAt >= bounds[0])
            .GroupBy(Buckets.ByTime<Incident>(i => i.ReceivedAt, bounds))
            .Select(g => new { Week = g.Key, All = g.Count(), Complaints = g.Count(i => i.Type == IncidentType.CustomerComplaint) })
            .ToListAsync(ct);
        decimal? All(int w) => perWeek.Where(p => p.Week == w).Sum(p => p.All);
        decimal? Complaints(int w) => perWeek.Where(p => p.Week == w).Sum(p => p.Complaints);
        return new DashboardCard("Dashboard.Incidents.Team",
        [
            DashboardFigure.Count("Dashboard.Incidents.Open", open, "/incidents?open=true", FigureTone.Warning, "team-open-incidents"),
            DashboardFigure.Count("Dashboard.Incidents.OpenComplaints", openComplaints, $"/incidents?open=true&type={IncidentType.CustomerComplaint}", FigureTone.Danger, "team-open-complaints"),
            DashboardFigure.Count("Dashboard.Incidents.ThisMonth", thisMonth, $"/incidents?month={month}", name: "team-incidents-month"),
        ],
        Chart: new DashboardChart("Dashboard.WeekOf", weeks.Select(DashboardTime.WeekLabel).ToArray(),
        [
            new("Dashboard.Incidents.Received", Enumerable.Range(0, Weeks).Select(All).ToArray()),
            new("Dashboard.Incidents.Complaints", Enumerable.Range(0, Weeks).Select(Complaints).ToArray()),
        ]), Link: "/incidents?open=true");
    }
}

/// <summary>RPT-01/RPT-02: the month's incidents and complaints by branch (or by centre for a branch GM), each number a link to its list.</summary>
internal sealed class CompanyIncidentsWidget(KefuDbContext db, TimeProvider clock) : IDashboardWidget
{
    internal static readonly Role[] Managers = [Role.Gm, Role.Vp, Role.CsManager, Role.CsDirector, Role.QcManager, Role.BranchGm];

    public string Key => "company-incidents";

    public int Order => WidgetOrder.Company + 10;

    public bool ShowsTo(DashboardViewer viewer) => viewer.Scope.Scope >= DataScope.Branch && viewer.HasAny(Managers);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var today = CompanyTime.Today(clock);
        var month = CompanyTime.MonthText(today);
        var monthStart = CompanyTime.StartUtc(new DateOnly(today.Year, today.Month, 1));
        var scoped = db.Set<Incident>().AsNoTracking().VisibleTo(viewer.Scope);
        var received = scoped.Where(i => i.ReceivedAt >= monthStart);
        var total = await received.CountAsync(ct);
        var complaints = await received.CountAsync(i => i.Type == IncidentType.CustomerComplaint, ct);
        var open = await scoped.CountAsync(i => i.Status != IncidentStatus.Closed, ct);

        var units = await UnitFilter.BreakdownUnitsAsync(db, viewer.Scope, ct);
        var byUnit = await received.GroupBy(Buckets.ByPrefix<Incident>(i => i.OrgPath, units.Select(u => u.Path).ToArray()))
            .Select(g => new { Unit = g.Key, All = g.Count(), Complaints = g.Count(i => i.Type == IncidentType.CustomerComplaint) }).ToListAsync(ct);
        var english = LocalizationSetup.IsEnglish;
        string UnitLink(int index, bool complaintsOnly) =>
            $"/incidents?month={month}&unit={units[index].Id.ToString(CultureInfo.InvariantCulture)}" + (complaintsOnly ? $"&type={IncidentType.CustomerComplaint}" : "");
        var indexes = Enumerable.Range(0, units.Count).ToArray();
        return new DashboardCard(viewer.Scope.Scope == DataScope.Company ? "Dashboard.Incidents.ByBranch" : "Dashboard.Incidents.ByCentre",
        [
            DashboardFigure.Count("Dashboard.Incidents.ThisMonth", total, $"/incidents?month={month}", name: "company-incidents-month"),
            DashboardFigure.Count("Dashboard.Incidents.ComplaintsThisMonth", complaints, $"/incidents?month={month}&type={IncidentType.CustomerComplaint}", FigureTone.Warning, "company-complaints-month"),
            DashboardFigure.Count("Dashboard.Incidents.Open", open, "/incidents?open=true", name: "company-open-incidents"),
        ],
        Chart: new DashboardChart(viewer.Scope.Scope == DataScope.Company ? "Dashboard.Branch" : "Dashboard.Centre", units.Select(u => u.DisplayName(english)).ToArray(),
        [
            new("Dashboard.Incidents.Received", indexes.Select(i => (decimal?)byUnit.Where(b => b.Unit == i).Sum(b => b.All)).ToArray(), Links: indexes.Select(i => (string?)UnitLink(i, false)).ToArray()),
            new("Dashboard.Incidents.Complaints", indexes.Select(i => (decimal?)byUnit.Where(b => b.Unit == i).Sum(b => b.Complaints)).ToArray(), Links: indexes.Select(i => (string?)UnitLink(i, true)).ToArray()),
        ]), Link: $"/incidents?month={month}");
    }
}
