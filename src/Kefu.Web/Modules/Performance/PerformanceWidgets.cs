using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Dashboard;
using Microsoft.EntityFrameworkCore;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Performance;

/// <summary>
/// RPT-01 for managers: last month's performance in their scope — people rated, rewards and fines,
/// months still to lock — with the top of the ranking and the net per unit as a chart.
/// </summary>
internal sealed class PerformanceWidget(PerformanceUseCases uc, KefuDbContext db) : IDashboardWidget
{
    public string Key => "performance";

    public int Order => WidgetOrder.Company + 20;

    public bool ShowsTo(DashboardViewer viewer) => viewer.HasAny(PerformanceUseCases.Reviewers) || viewer.HasAny([Role.BranchGm, Role.Gm]);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var month = CompanyTime.MonthText(uc.ThisMonth().AddMonths(-1));
        var records = uc.Records(viewer.Scope).AsNoTracking().Where(r => r.Month == month);
        var people = await records.CountAsync(ct);
        var rewards = new Money(await records.SumAsync(r => (long?)r.RewardsFen, ct) ?? 0);
        var fines = new Money(await records.SumAsync(r => (long?)r.FinesFen, ct) ?? 0);
        var open = await uc.Months(viewer.Scope).AsNoTracking().CountAsync(m => m.Month == month && m.Status == PerformanceMonthStatus.Open, ct);
        var top = await records.OrderBy(r => r.Rank).ThenByDescending(r => r.Score).ThenBy(r => r.PersonId).Take(5)
            .Join(db.Users.AsNoTracking(), r => r.PersonId, u => u.Id, (r, u) => new { u.DisplayName, r.Score, r.Rank, r.Rating, r.NetFen }).ToListAsync(ct);
        var perUnit = await records.GroupBy(r => r.UnitId).Select(g => new { Unit = g.Key, Net = g.Sum(r => r.NetFen), Score = g.Sum(r => r.Score) }).ToListAsync(ct);
        var unitIds = perUnit.Select(u => u.Unit).ToArray();
        var names = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var link = $"/performance/ranking?month={month}";
        return new DashboardCard("Dashboard.Performance.Title",
        [
            DashboardFigure.Count("Dashboard.Performance.People", people, link, name: "performance-people"),
            new("Dashboard.Performance.Rewards", rewards.ToString(), $"/performance/ledger?month={month}&sign=reward", Name: "performance-rewards"),
            new("Dashboard.Performance.Fines", (-fines).ToString(), $"/performance/ledger?month={month}&sign=fine", fines.Fen < 0 ? FigureTone.Warning : FigureTone.Normal, "performance-fines"),
            DashboardFigure.Count("Dashboard.Performance.OpenMonths", open, link, FigureTone.Warning, "performance-open-months"),
        ],
        top.Select(t => new DashboardItem($"{t.Rank}. {t.DisplayName} · {t.Score} · {t.Rating} · {new Money(t.NetFen)}", link)).ToArray(),
        perUnit.Count == 0 ? null : new DashboardChart("Dashboard.Performance.Unit", perUnit.Select(u => names.GetValueOrDefault(u.Unit, "")).ToArray(),
        [
            new("Dashboard.Performance.Score", perUnit.Select(u => (decimal?)u.Score).ToArray()),
            new("Dashboard.Performance.Net", perUnit.Select(u => (decimal?)(u.Net / 100m)).ToArray(), "line", ValueFormat.Money),
        ]),
        "Dashboard.Performance.Top", link);
    }
}
