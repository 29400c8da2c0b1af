using Kefu.Core.Field;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field;

/// <summary>RPT-01 for the technician: my open jobs, the nearest clock first, and what I finished today.</summary>
internal sealed class MyJobsWidget(KefuDbContext db) : IDashboardWidget
{
    public string Key => "my-jobs";

    public int Order => WidgetOrder.MyWork + 5;

    public bool ShowsTo(DashboardViewer viewer) => viewer.Roles.Contains(Role.FieldEngineer);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var mine = db.Set<ServiceJob>().AsNoTracking().Where(j => j.OwnerId == viewer.UserId);
        var open = await mine.Where(j => j.State == JobState.Assigned || j.State == JobState.SetOut || j.State == JobState.Arrived)
            .OrderByDescending(j => j.Priority).ThenBy(j => j.AssignedAt).Select(j => new { j.Id, j.Number, j.CustomerName, j.Problem }).Take(20).ToListAsync(ct);
        var since = Platform.CompanyTime.StartUtc(DateOnly.FromDateTime(Platform.CompanyTime.ToLocal(viewer.Now.UtcDateTime)));
        var finished = await mine.CountAsync(j => j.FinishedAt >= since, ct);
        var keys = open.SelectMany(j => Enum.GetValues<JobDeadlineKind>().Select(k => $"{j.Id}/{k}")).ToArray();
        var due = (await db.Set<SlaTimer>().AsNoTracking().Where(t => t.RecordType == JobUseCases.RecordType && t.Status == TimerStatus.Running && keys.Contains(t.RecordId))
                .Select(t => new { t.RecordId, t.DueAt }).ToListAsync(ct))
            .GroupBy(t => t.RecordId.Split('/')[0]).ToDictionary(g => g.Key, g => g.Min(t => t.DueAt));
        var items = open.Select(j => new DashboardItem($"{j.Number} {j.CustomerName} · {j.Problem}", $"/field/jobs/{j.Id}",
            due.TryGetValue(j.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), out var at) ? at : null)).Take(5).ToArray();
        return new DashboardCard("Dashboard.Jobs.Mine",
        [
            DashboardFigure.Count("Dashboard.Jobs.Open", open.Count, "/field/jobs?state=Open", FigureTone.Warning, "jobs-open"),
            DashboardFigure.Count("Dashboard.Jobs.FinishedToday", finished, "/field/jobs?state=Finished", FigureTone.Normal, "jobs-finished"),
        ], items, Link: "/field/jobs");
    }
}

/// <summary>RPT-01 for the coordinator and leaders: the board's counts — open, waiting for a technician, late — each a link.</summary>
internal sealed class BoardCountsWidget(KefuDbContext db) : IDashboardWidget
{
    public string Key => "dispatch-board";

    public int Order => WidgetOrder.Team + 5;

    public bool ShowsTo(DashboardViewer viewer) => viewer.HasAny(FieldModule.Dispatchers) && viewer.Scope.Scope != DataScope.Own;

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var jobs = db.Set<ServiceJob>().AsNoTracking().VisibleTo(viewer.Scope);
        var open = await jobs.CountAsync(j => j.State == JobState.New || j.State == JobState.Assigned || j.State == JobState.SetOut || j.State == JobState.Arrived, ct);
        var unassigned = await jobs.CountAsync(j => j.State == JobState.New, ct);
        var visible = viewer.Scope.VisiblePath ?? viewer.Scope.CentrePath;
        var now = viewer.Now.UtcDateTime;
        var late = await db.Set<SlaTimer>().AsNoTracking()
            .CountAsync(t => t.RecordType == JobUseCases.RecordType && t.Status == TimerStatus.Running && t.DueAt <= now && t.OrgPath.StartsWith(visible), ct);
        return new DashboardCard("Dashboard.Jobs.Board",
        [
            DashboardFigure.Count("Board.Open", open, "/field/jobs?state=Open", FigureTone.Normal, "board-open"),
            DashboardFigure.Count("Board.Unassigned", unassigned, "/field/board", FigureTone.Warning, "board-unassigned"),
            DashboardFigure.Count("Board.Breached", late, "/field/board", FigureTone.Danger, "board-late"),
        ], Link: "/field/board");
    }
}

/// <summary>CUS-06: the customer's service card — open and finished jobs, what was charged, the latest jobs.</summary>
internal sealed class ServiceAnalysis(KefuDbContext db) : Customers.ICustomerAnalysisSection
{
    public Customers.AnalysisTopic Topic => Customers.AnalysisTopic.Service;

    public async Task<Customers.AnalysisSection> BuildAsync(ScopeViewer viewer, int customerId, CancellationToken ct)
    {
        var jobs = db.Set<ServiceJob>().AsNoTracking().Where(j => j.CustomerId == customerId);
        var open = await jobs.CountAsync(j => j.State == JobState.New || j.State == JobState.Assigned || j.State == JobState.SetOut || j.State == JobState.Arrived, ct);
        var done = await jobs.CountAsync(j => j.FinishedAt != null, ct);
        var charged = await jobs.Where(j => j.Charged == true).SumAsync(j => (long?)j.ChargeFen, ct) ?? 0;
        var recent = await jobs.OrderByDescending(j => j.ReceivedAt).Take(5).ToListAsync(ct);
        var name = await db.Set<Customers.Customer>().AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        return new Customers.AnalysisSection(Topic, "Analysis.Service",
            [
                new("Analysis.JobsOpen", open.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Analysis.JobsDone", done.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Analysis.ChargedYuan", "¥" + (charged / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)),
            ],
            recent.Select(j => new Customers.AnalysisItem(j.ReceivedAt,
                $"{j.Number} · {Platform.Localization.Text.Get("JobState." + j.State)} · {j.Problem}", $"/field/jobs/{j.Id}")).ToArray(),
            $"/field/jobs?q={Uri.EscapeDataString(name)}");
    }
}
