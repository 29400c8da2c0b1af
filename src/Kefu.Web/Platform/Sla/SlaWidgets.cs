using System.Globalization;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Sla;

/// <summary>RPT-01: my deadlines running out before the end of the next working day, and those breached (SLA-01).</summary>
internal sealed class MyDeadlinesWidget(KefuDbContext db, CalendarService calendars, TimeProvider clock) : IDashboardWidget
{
    public string Key => "my-deadlines";

    public int Order => WidgetOrder.MyWork + 10;

    /// <summary>Anyone may own a deadline; company-wide readers without own work see their company figures instead.</summary>
    public bool ShowsTo(DashboardViewer viewer) => viewer.Scope.Scope != DataScope.Company || viewer.Roles.Contains(Role.FinanceClerk) || viewer.Roles.Contains(Role.ExpenseAuditor);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var cutoff = await DashboardTime.DueSoonCutoffUtcAsync(calendars, db, viewer.Scope.CentrePath, viewer.Now, ct);
        var due = SlaApi.DeadlineQuery(db, viewer.Scope, "due", team: false, clock, cutoff);
        var breached = SlaApi.DeadlineQuery(db, viewer.Scope, "breached", team: false, clock);
        var dueCount = await due.CountAsync(ct);
        var breachedCount = await breached.CountAsync(ct);
        // What needs me first: the breached ones, then what runs out soonest.
        var items = (await breached.Take(5).Select(t => new { t.Name, t.Link, t.DueAt }).ToListAsync(ct))
            .Concat(await due.Take(5).Select(t => new { t.Name, t.Link, t.DueAt }).ToListAsync(ct)).ToList();
        return new DashboardCard("Dashboard.Deadlines.Mine",
        [
            DashboardFigure.Count("Dashboard.Deadlines.DueSoon", dueCount, "/deadlines?state=due&scope=mine", FigureTone.Warning, "my-due-soon"),
            DashboardFigure.Count("Dashboard.Deadlines.Breached", breachedCount, "/deadlines?state=breached&scope=mine", FigureTone.Danger, "my-breached"),
        ],
        items.OrderBy(i => i.DueAt).Take(6).Select(i => new DashboardItem(Localization.LocalText.Show(i.Name), i.Link, i.DueAt)).ToArray(), Link: "/deadlines?state=due&scope=mine");
    }
}

/// <summary>
/// RPT-01/RPT-02: the centre's (or branch's) breaches today and this week, what runs out soon, and
/// eight weeks of deadlines with the share met on time.
/// </summary>
internal sealed class TeamSlaWidget(KefuDbContext db, CalendarService calendars, TimeProvider clock) : IDashboardWidget
{
    public const int Weeks = 8;

    public string Key => "team-sla";

    public int Order => WidgetOrder.Team + 10;

    public bool ShowsTo(DashboardViewer viewer) => viewer.Scope.Scope is DataScope.Centre or DataScope.Branch;

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var today = CompanyTime.Today(clock);
        var monday = DashboardTime.WeekStart(today);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cutoff = await DashboardTime.DueSoonCutoffUtcAsync(calendars, db, viewer.Scope.CentrePath, viewer.Now, ct);
        var breachedToday = await SlaApi.DeadlineQuery(db, viewer.Scope, "breached", team: true, clock, breachedSince: CompanyTime.StartUtc(today)).CountAsync(ct);
        var breachedWeek = await SlaApi.DeadlineQuery(db, viewer.Scope, "breached", team: true, clock, breachedSince: CompanyTime.StartUtc(monday)).CountAsync(ct);
        var dueSoon = await SlaApi.DeadlineQuery(db, viewer.Scope, "due", team: true, clock, cutoff).CountAsync(ct);

        var weeks = DashboardTime.LastWeeks(today, Weeks);
        var bounds = weeks.Append(weeks[^1].AddDays(7)).Select(CompanyTime.StartUtc).ToArray();
        var chart = await SlaCompliance.ByBucketAsync(db, viewer.Scope, clock, Buckets.ByTime<SlaTimer>(t => t.DueAt, bounds), bounds[0], bounds[^1], ct);
        return new DashboardCard("Dashboard.Sla.Team",
        [
            DashboardFigure.Count("Dashboard.Sla.BreachedToday", breachedToday, $"/deadlines?state=breached&scope=team&since={Day(today)}", FigureTone.Danger, "team-breached-today"),
            DashboardFigure.Count("Dashboard.Sla.BreachedThisWeek", breachedWeek, $"/deadlines?state=breached&scope=team&since={Day(monday)}", FigureTone.Danger, "team-breached-week"),
            DashboardFigure.Count("Dashboard.Deadlines.DueSoon", dueSoon, "/deadlines?state=due&scope=team", FigureTone.Warning, "team-due-soon"),
        ],
        Chart: new DashboardChart("Dashboard.WeekOf", weeks.Select(DashboardTime.WeekLabel).ToArray(),
        [
            new("Dashboard.Sla.Due", Enumerable.Range(0, Weeks).Select(w => (decimal?)chart.Total(w)).ToArray()),
            new("Dashboard.Sla.MetShare", Enumerable.Range(0, Weeks).Select(chart.MetShare).ToArray(), "line", ValueFormat.Percent),
        ]), Link: "/deadlines?state=breached&scope=team");
    }
}

/// <summary>RPT-01/RPT-02: the month's SLA compliance by branch (or centre for a branch GM).</summary>
internal sealed class CompanySlaWidget(KefuDbContext db, TimeProvider clock) : IDashboardWidget
{
    internal static readonly Role[] Managers = [Role.Gm, Role.Vp, Role.CsManager, Role.CsDirector, Role.QcManager, Role.BranchGm];

    public string Key => "company-sla";

    public int Order => WidgetOrder.Company + 20;

    public bool ShowsTo(DashboardViewer viewer) => viewer.Scope.Scope >= DataScope.Branch && viewer.HasAny(Managers);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var today = CompanyTime.Today(clock);
        var from = CompanyTime.StartUtc(new DateOnly(today.Year, today.Month, 1));
        var to = CompanyTime.StartUtc(new DateOnly(today.Year, today.Month, 1).AddMonths(1));
        var units = await UnitFilter.BreakdownUnitsAsync(db, viewer.Scope, ct);
        var byUnit = await SlaCompliance.ByBucketAsync(db, viewer.Scope, clock, Buckets.ByPrefix<SlaTimer>(t => t.OrgPath, units.Select(u => u.Path).ToArray()), from, to, ct);
        var all = await SlaCompliance.ByBucketAsync(db, viewer.Scope, clock, Buckets.ByPrefix<SlaTimer>(t => t.OrgPath, ["/"]), from, to, ct);
        var breachedOpen = await SlaApi.DeadlineQuery(db, viewer.Scope, "breached", team: true, clock).CountAsync(ct);
        var english = LocalizationSetup.IsEnglish;
        var indexes = Enumerable.Range(0, units.Count).ToArray();
        return new DashboardCard("Dashboard.Sla.Company",
        [
            new("Dashboard.Sla.MetShareMonth", all.MetShare(0) is { } share ? share.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—", "/deadlines?state=all&scope=team", Name: "company-sla-share"),
            DashboardFigure.Count("Dashboard.Sla.BreachedOpen", breachedOpen, "/deadlines?state=breached&scope=team", FigureTone.Danger, "company-breached"),
        ],
        Chart: new DashboardChart(viewer.Scope.Scope == DataScope.Company ? "Dashboard.Branch" : "Dashboard.Centre", units.Select(u => u.DisplayName(english)).ToArray(),
        [
            new("Dashboard.Sla.Due", indexes.Select(i => (decimal?)byUnit.Total(i)).ToArray()),
            new("Dashboard.Sla.MetShare", indexes.Select(byUnit.MetShare).ToArray(), "line", ValueFormat.Percent),
        ]), Link: "/deadlines?state=breached&scope=team");
    }
}

/// <summary>
/// SLA compliance (RPT-02) in one grouped query: of the deadlines whose due time fell in a bucket and
/// has come (or that were stopped), the share not breached.
/// </summary>
internal static class SlaCompliance
{
    public sealed record Figures(IReadOnlyDictionary<int, (int Total, int Breached)> Buckets)
    {
        public int Total(int bucket) => Buckets.TryGetValue(bucket, out var f) ? f.Total : 0;

        /// <summary>0–100 with one decimal; null for a bucket without deadlines, so a chart shows a gap rather than 0 %.</summary>
        public decimal? MetShare(int bucket) => Buckets.TryGetValue(bucket, out var f) && f.Total > 0
            ? decimal.Round(100m * (f.Total - f.Breached) / f.Total, 1, MidpointRounding.AwayFromZero)
            : null;
    }

    public static async Task<Figures> ByBucketAsync(KefuDbContext db, ScopeViewer viewer, TimeProvider clock,
        System.Linq.Expressions.Expression<Func<SlaTimer, int>> bucket, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<SlaTimer>().AsNoTracking().VisibleTo(viewer)
            .Where(t => t.DueAt >= fromUtc && t.DueAt < toUtc && (t.Status == TimerStatus.Stopped || t.DueAt <= now || t.BreachedAt != null))
            .GroupBy(bucket)
            .Select(g => new { g.Key, Total = g.Count(), Breached = g.Count(t => t.BreachedAt != null || (t.Status == TimerStatus.Running && t.DueAt <= now)) })
            .ToListAsync(ct);
        return new Figures(rows.Where(r => r.Key >= 0).ToDictionary(r => r.Key, r => (r.Total, r.Breached)));
    }
}
