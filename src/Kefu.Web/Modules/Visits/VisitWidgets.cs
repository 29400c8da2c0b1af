using System.Globalization;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Visits;

/// <summary>
/// RPT-01: return visits (VIS-01/02) due before the end of the next working day and those overdue;
/// supervision callbacks (VIS-03) waiting. A specialist sees their own visits, a coordinator or
/// leader their scope's, and callers the callbacks of their scope.
/// </summary>
internal sealed class VisitsDueWidget(KefuDbContext db, CalendarService calendars) : IDashboardWidget
{
    public string Key => "visits-due";

    public int Order => WidgetOrder.MyWork + 40;

    public bool ShowsTo(DashboardViewer viewer) =>
        viewer.Scope.Scope != DataScope.Company && (viewer.HasAny(VisitsModule.Visitors) || viewer.HasAny(VisitsModule.Callers));

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var mine = viewer.Roles.Contains(Role.CsSpecialist);
        var calendar = await calendars.ForOrgPathAsync(db, viewer.Scope.CentrePath, ct);
        var today = DateOnly.FromDateTime(calendar.ToCalendarTime(viewer.Now).DateTime);
        var horizon = calendar.NextWorkingDay(today);
        var yesterday = today.AddDays(-1);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var prefix = mine ? "/visits?mine=true&" : "/visits?";

        var figures = new List<DashboardFigure>();
        IReadOnlyList<DashboardItem> items = [];
        if (viewer.HasAny(VisitsModule.Visitors))
        {
            var visits = db.Set<Visit>().AsNoTracking().VisibleTo(viewer.Scope).Where(v => v.Status == VisitStatus.Due);
            visits = mine ? visits.Where(v => v.OwnerId == viewer.UserId) : visits;
            var dueSoon = await visits.CountAsync(v => v.DueOn <= horizon, ct);
            var overdue = await visits.CountAsync(v => v.DueOn <= yesterday, ct);
            figures.Add(DashboardFigure.Count("Dashboard.Visits.DueSoon", dueSoon, $"{prefix}dueBy={Day(horizon)}", FigureTone.Warning, "visits-due"));
            figures.Add(DashboardFigure.Count("Dashboard.Visits.Overdue", overdue, $"{prefix}dueBy={Day(yesterday)}", FigureTone.Danger, "visits-overdue"));
            var rows = await (from v in visits.Where(v => v.DueOn <= horizon)
                              join c in db.Set<Customer>() on v.CustomerId equals c.Id
                              orderby v.DueOn, v.Id
                              select new { c.Id, c.Number, c.Name, v.DueOn }).Take(5).ToListAsync(ct);
            // A visit is due on a day: it is late once that day is over.
            items = rows.Select(r => new DashboardItem($"{r.Number} {r.Name}", $"/customers/{r.Id}", CompanyTime.StartUtc(r.DueOn!.Value.AddDays(1)))).ToArray();
        }

        if (viewer.HasAny(VisitsModule.Callers))
        {
            var callbacks = db.Set<ServiceCallback>().AsNoTracking().VisibleTo(viewer.Scope).Where(c => c.Status == CallbackStatus.Pending);
            var pending = await callbacks.CountAsync(ct);
            var late = await callbacks.CountAsync(c => c.DueAt <= viewer.Now.UtcDateTime, ct);
            // Every pending callback is due by the next working day (VIS-03): the list is the figure.
            figures.Add(DashboardFigure.Count("Dashboard.Callbacks.Pending", pending, "/callbacks", late > 0 ? FigureTone.Danger : FigureTone.Warning, "callbacks-pending"));
        }

        return figures.Count == 0 ? null : new DashboardCard(mine ? "Dashboard.Visits.Mine" : "Dashboard.Visits.Team", figures, items);
    }
}

/// <summary>RPT-01/RPT-02: the satisfaction trend (VIS-04) of the viewer's scope over the last months, with this month's shares.</summary>
internal sealed class SatisfactionWidget(SatisfactionReport report, TimeProvider clock) : IDashboardWidget
{
    public const int Months = 8;

    public string Key => "satisfaction";

    public int Order => WidgetOrder.Company + 40;

    public bool ShowsTo(DashboardViewer viewer) => viewer.Scope.Scope >= DataScope.Centre && viewer.HasAny(VisitsModule.StatisticsReaders);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var today = CompanyTime.Today(clock);
        var by = viewer.Scope.Scope == DataScope.Company ? SatisfactionGrouping.Branch : SatisfactionGrouping.Centre;
        var month = await report.MonthAsync(viewer.Scope, today, by, ct);
        var trend = month.Trend.TakeLast(Months).ToArray();
        var link = $"/satisfaction?month={month.Month}&by={by}";
        string Share(decimal share) => share.ToString("0.0", CultureInfo.InvariantCulture) + "%";
        var trendLinks = trend.Select(t => (string?)$"/satisfaction?month={t.Month}&by={by}").ToArray();
        return new DashboardCard("Dashboard.Satisfaction.Title",
        [
            new("Dashboard.Satisfaction.SatisfiedShare", month.Total.Rated == 0 ? "—" : Share(month.Total.SatisfiedOrBetterShare), link, Name: "satisfied-share"),
            DashboardFigure.Count("Dashboard.Satisfaction.Rated", month.Total.Rated, link, name: "rated"),
            DashboardFigure.Count("Dashboard.Satisfaction.Complaints", month.Total.Complaints, link, FigureTone.Warning, "satisfaction-complaints"),
        ],
        Chart: new DashboardChart("Dashboard.Month", trend.Select(t => t.Month).ToArray(),
        [
            new("Dashboard.Satisfaction.SatisfiedShare", trend.Select(t => t.SatisfiedOrBetterShare).ToArray(), "line", ValueFormat.Percent, trendLinks),
            new("Dashboard.Satisfaction.VeryShare", trend.Select(t => t.VerySatisfiedShare).ToArray(), "line", ValueFormat.Percent, trendLinks),
            new("Dashboard.Satisfaction.Rated", trend.Select(t => (decimal?)t.Rated).ToArray(), "bar", ValueFormat.Count, trendLinks),
        ]), Link: link);
    }
}
