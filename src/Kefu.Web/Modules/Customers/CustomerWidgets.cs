using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers;

/// <summary>
/// RPT-01: first contacts due (CUS-05). A specialist sees the customers assigned to them and not
/// contacted yet, soonest deadline first; a centre or branch leader sees the count of their scope.
/// </summary>
internal sealed class FirstContactsWidget(KefuDbContext db) : IDashboardWidget
{
    public string Key => "first-contacts";

    public int Order => WidgetOrder.MyWork + 30;

    public bool ShowsTo(DashboardViewer viewer) =>
        viewer.Roles.Contains(Role.CsSpecialist) || (viewer.Scope.Scope is DataScope.Centre or DataScope.Branch && viewer.HasAny(CustomersModule.Managers));

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var mine = viewer.Roles.Contains(Role.CsSpecialist);
        var query = db.Set<Customer>().AsNoTracking().VisibleTo(viewer.Scope).Where(CustomersModule.AwaitingFirstContact);
        query = mine ? query.Where(c => c.OwnerId == viewer.UserId) : query;
        var count = await query.CountAsync(ct);
        var list = mine ? "/customers?mine=true&uncontacted=true" : "/customers?uncontacted=true";
        var now = viewer.Now.UtcDateTime;
        var overdue = await TimersOf(query).CountAsync(t => t.DueAt <= now, ct);
        var items = mine
            ? await (from c in query
                     join t in TimersOf(query) on c.Id.ToString() equals t.RecordId into timers
                     from t in timers.DefaultIfEmpty()
                     orderby t == null ? DateTime.MaxValue : t.DueAt, c.Id
                     select new { c.Id, c.Number, c.Name, Due = t == null ? (DateTime?)null : t.DueAt }).Take(5).ToListAsync(ct)
            : [];
        return new DashboardCard(mine ? "Dashboard.FirstContacts.Mine" : "Dashboard.FirstContacts.Team",
        [
            // Red once any of them is past its week: the clocks are in the list beneath.
            DashboardFigure.Count("Dashboard.FirstContacts.Pending", count, list, overdue > 0 ? FigureTone.Danger : FigureTone.Warning, "first-contacts"),
        ],
        items.Select(i => new DashboardItem($"{i.Number} {i.Name}", $"/customers/{i.Id}", i.Due)).ToArray(), Link: list);
    }

    /// <summary>The CUS-05 timers still open for those customers.</summary>
    private IQueryable<SlaTimer> TimersOf(IQueryable<Customer> customers) =>
        db.Set<SlaTimer>().AsNoTracking().Where(t => t.RecordType == nameof(Customer) && t.Rule == CustomerUseCases.FirstContactRule && t.Status != TimerStatus.Stopped
            && customers.Any(c => c.Id.ToString() == t.RecordId));
}
