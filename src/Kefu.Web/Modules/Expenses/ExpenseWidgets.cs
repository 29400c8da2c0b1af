using System.Globalization;
using Kefu.Core.Expenses;
using Kefu.Core.Money;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses;

/// <summary>RPT-01: my claim forms returned for correction, and those still in review.</summary>
internal sealed class MyClaimsWidget(KefuDbContext db) : IDashboardWidget
{
    public string Key => "my-claims";

    public int Order => WidgetOrder.MyWork + 50;

    public bool ShowsTo(DashboardViewer viewer) => viewer.HasAny(ExpensesModule.Claimants);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var mine = db.Set<ExpenseClaim>().AsNoTracking().VisibleTo(viewer.Scope).Where(c => c.ClaimantId == viewer.UserId);
        var returned = await mine.CountAsync(c => c.Status == ClaimStatus.Returned, ct);
        var inReview = await mine.CountAsync(c => c.Status == ClaimStatus.InReview, ct);
        // Leaders claim too, but rarely: their card appears when something of theirs is under way.
        if (returned + inReview == 0 && viewer.Scope.Scope != DataScope.Own)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == viewer.UserId).Select(u => u.UserName).SingleAsync(ct);
        var rows = await mine.Where(c => c.Status == ClaimStatus.Returned).OrderByDescending(c => c.Id).Take(5)
            .Select(c => new { c.Id, c.Number, c.ClaimedFen }).ToListAsync(ct);
        return new DashboardCard("Dashboard.Claims.Mine",
        [
            DashboardFigure.Count("Dashboard.Claims.Returned", returned, "/expenses?status=Returned&mine=true", FigureTone.Danger, "my-claims-returned"),
            DashboardFigure.Count("Dashboard.Claims.InReview", inReview, "/expenses?status=InReview&mine=true", name: "my-claims-review"),
        ],
        rows.Select(r => new DashboardItem($"{user}-{r.Number:D4} {new Money(r.ClaimedFen)}", $"/expenses/{r.Id}")).ToArray(), Link: "/expenses?mine=true");
    }
}

/// <summary>RPT-01 finance: forms approved and waiting for payment, the finance window (EXP-07), the centres' batches (EXP-06).</summary>
internal sealed class FinanceWidget(KefuDbContext db, ClaimQueries queries, ClaimBatches batches, PolicyStore policies, TimeProvider clock) : IDashboardWidget
{
    internal static readonly Role[] Finance = [Role.FinanceClerk, Role.ExpenseAuditor];

    public string Key => "finance";

    public int Order => WidgetOrder.Finance;

    public bool ShowsTo(DashboardViewer viewer) => viewer.HasAny(Finance);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var atPayment = queries.AtPayment(db.Set<ExpenseClaim>().AsNoTracking().VisibleTo(viewer.Scope));
        var count = await atPayment.CountAsync(ct);
        var amount = new Money(await atPayment.SumAsync(c => (long?)c.PayableFen, ct) ?? 0);
        var policy = await policies.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct);
        var today = CompanyTime.Today(clock);
        var closed = ExpenseRules.FinanceWindowIsClosed(today, policy);
        var window = closed
            ? Text.Get("Dashboard.Finance.WindowOpensOn", ExpenseRules.FinanceAcceptsOn(today, policy).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : Text.Get("Dashboard.Finance.WindowOpen");
        var visible = batches.Visible(viewer.Scope);
        var waiting = await batches.Waiting(visible).CountAsync(ct);
        var received = await batches.Received(visible).CountAsync(ct);
        const string list = "/expenses?stage=payment";
        return new DashboardCard("Dashboard.Finance.Title",
        [
            DashboardFigure.Count("Dashboard.Finance.AtPayment", count, list, FigureTone.Warning, "finance-at-payment"),
            new("Dashboard.Finance.AtPaymentAmount", amount.ToString(), list, Name: "finance-at-payment-amount"),
            new("Dashboard.Finance.Window", window, list, closed ? FigureTone.Warning : FigureTone.Normal, "finance-window"),
            DashboardFigure.Count("Dashboard.Finance.BatchesWaiting", waiting, $"/expenses/batches?state={ClaimBatches.WaitingState}", FigureTone.Warning, "batches-waiting"),
            DashboardFigure.Count("Dashboard.Finance.BatchesReceived", received, $"/expenses/batches?state={ClaimBatches.ReceivedState}", name: "batches-received"),
        ], Link: list);
    }
}

/// <summary>RPT-01/RPT-02: the month's expenses by branch (or centre for a branch GM), claimed and payable.</summary>
internal sealed class CompanyExpensesWidget(KefuDbContext db, ExpenseReports reports) : IDashboardWidget
{
    internal static readonly Role[] Managers = [Role.Gm, Role.Vp, Role.CsManager, Role.CsDirector, Role.BranchGm];

    public string Key => "company-expenses";

    public int Order => WidgetOrder.Company + 50;

    public bool ShowsTo(DashboardViewer viewer) => viewer.Scope.Scope >= DataScope.Branch && viewer.HasAny(Managers);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var (from, to) = reports.ThisMonth();
        var (fromUtc, toUtc) = (CompanyTime.StartUtc(from), CompanyTime.StartUtc(to.AddDays(1)));
        var claims = db.Set<ExpenseClaim>().AsNoTracking().VisibleTo(viewer.Scope)
            .Where(c => c.Status != ClaimStatus.Draft && c.SubmittedAt >= fromUtc && c.SubmittedAt < toUtc);
        var units = await UnitFilter.BreakdownUnitsAsync(db, viewer.Scope, ct);
        var byUnit = await claims.GroupBy(Buckets.ByPrefix<ExpenseClaim>(c => c.OrgPath, units.Select(u => u.Path).ToArray()))
            .Select(g => new { Unit = g.Key, Claimed = g.Sum(c => c.ClaimedFen), Payable = g.Sum(c => c.PayableFen), Forms = g.Count() }).ToListAsync(ct);
        var claimed = new Money(byUnit.Sum(b => b.Claimed));
        var payable = new Money(byUnit.Sum(b => b.Payable));
        var link = $"/expenses/reports?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var english = LocalizationSetup.IsEnglish;
        var indexes = Enumerable.Range(0, units.Count).ToArray();
        return new DashboardCard(viewer.Scope.Scope == DataScope.Company ? "Dashboard.Expenses.ByBranch" : "Dashboard.Expenses.ByCentre",
        [
            new("Dashboard.Expenses.Claimed", claimed.ToString(), link, Name: "company-expenses-claimed"),
            new("Dashboard.Expenses.Payable", payable.ToString(), link, Name: "company-expenses-payable"),
            DashboardFigure.Count("Dashboard.Expenses.Forms", byUnit.Sum(b => b.Forms), link, name: "company-expenses-forms"),
        ],
        Chart: new DashboardChart(viewer.Scope.Scope == DataScope.Company ? "Dashboard.Branch" : "Dashboard.Centre", units.Select(u => u.DisplayName(english)).ToArray(),
        [
            new("Dashboard.Expenses.Claimed", indexes.Select(i => (decimal?)new Money(byUnit.Where(b => b.Unit == i).Sum(b => b.Claimed)).Yuan).ToArray(), Format: ValueFormat.Money),
            new("Dashboard.Expenses.Payable", indexes.Select(i => (decimal?)new Money(byUnit.Where(b => b.Unit == i).Sum(b => b.Payable)).Yuan).ToArray(), Format: ValueFormat.Money),
        ]), Link: link);
    }
}
