using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Approvals;

/// <summary>RPT-01: approvals waiting for me (APR-01), mine or as a deputy, with each step's deadline.</summary>
internal sealed class ApprovalsWaitingWidget(KefuDbContext db, TimeProvider clock) : IDashboardWidget
{
    /// <summary>Who approves in the shipped chains; anyone else sees the card only when something waits for them.</summary>
    internal static readonly Role[] Approvers =
    [
        Role.TeamLeader, Role.CentreSupervisor, Role.BranchGm, Role.ExpenseAuditor, Role.CsManager, Role.CsDirector, Role.Vp, Role.Gm, Role.FinanceClerk,
    ];

    public string Key => "approvals-waiting";

    public int Order => WidgetOrder.MyWork + 5;

    public bool ShowsTo(DashboardViewer viewer) => true;

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var today = CompanyTime.Today(clock);
        var principals = db.Set<ApprovalDelegation>().AsNoTracking()
            .Where(d => d.DeputyId == viewer.UserId && d.From <= today && d.To >= today).Select(d => d.DelegatorId);
        var waiting = db.Set<ApprovalInstance>().AsNoTracking()
            .Where(i => i.Status == ApprovalStatus.Pending && i.CurrentApproverId != null && (i.CurrentApproverId == viewer.UserId || principals.Contains(i.CurrentApproverId)));
        var count = await waiting.CountAsync(ct);
        if (count == 0 && !viewer.HasAny(Approvers))
        {
            return null;
        }

        var now = viewer.Now.UtcDateTime;
        var late = await waiting.CountAsync(i => db.Set<SlaTimer>().Any(t => t.RecordType == ApprovalService.TimerRecordType && t.RecordId == i.Id.ToString()
            && t.Status == TimerStatus.Running && (t.BreachedAt != null || t.DueAt <= now)), ct);
        var rows = await waiting.OrderBy(i => i.SubmittedAt).Take(5).Select(i => new
        {
            i.Title, i.Link,
            Due = db.Set<SlaTimer>().Where(t => t.RecordType == ApprovalService.TimerRecordType && t.RecordId == i.Id.ToString() && t.Status != TimerStatus.Stopped)
                .OrderByDescending(t => t.Id).Select(t => (DateTime?)t.DueAt).FirstOrDefault(),
        }).ToListAsync(ct);
        return new DashboardCard("Dashboard.Approvals.Title",
        [
            DashboardFigure.Count("Dashboard.Approvals.Waiting", count, "/approvals", late > 0 ? FigureTone.Danger : FigureTone.Warning, "approvals-waiting"),
        ],
        rows.Select(r => new DashboardItem(Kefu.Web.Platform.Localization.LocalText.Show(r.Title), r.Link, r.Due)).ToArray(), Link: "/approvals");
    }
}
