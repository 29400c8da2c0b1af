using Kefu.Core.Money;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses;

public sealed record AmountRow(string Key, decimal Claimed, decimal Payable, int Forms);

public sealed record OverdueRow(string Title, string Step, string DueAt, string? Link);

public sealed record ExpenseReport(
    string From, string To, IReadOnlyList<AmountRow> ByCentre, IReadOnlyList<AmountRow> ByPerson, IReadOnlyList<AmountRow> ByCategory,
    IReadOnlyList<AmountRow> ByMonth, decimal NonCustomerService, decimal Paid, decimal Pending, IReadOnlyList<OverdueRow> OverdueReviews);

/// <summary>EXP-11: expenses by centre, person, category and month; non-CS; overdue reviews; paid vs pending — in the caller's scope.</summary>
public sealed class ExpenseReports(KefuDbContext db, TimeProvider clock)
{
    public async Task<ExpenseReport> BuildAsync(ScopeViewer viewer, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var claims = await db.Set<ExpenseClaim>().AsNoTracking().VisibleTo(viewer)
            .Where(c => c.Status != ClaimStatus.Draft && c.SubmittedAt >= fromUtc && c.SubmittedAt < toUtc)
            .Select(c => new { c.Id, c.ClaimantId, c.CentreId, c.Status, c.ClaimedFen, c.PayableFen, c.SubmittedAt }).ToListAsync(ct);
        var ids = claims.Select(c => c.Id).ToArray();
        var lines = await db.Set<ExpenseLine>().AsNoTracking().Where(l => ids.Contains(l.ClaimId))
            .Select(l => new { l.ClaimId, l.Category, l.AmountFen, l.NonCustomerService }).ToListAsync(ct);
        var centreIds = claims.Select(c => c.CentreId).Distinct().ToArray();
        var centres = await db.OrgUnits.AsNoTracking().Where(u => centreIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var personIds = claims.Select(c => c.ClaimantId).Distinct().ToArray();
        var people = await db.Users.AsNoTracking().Where(u => personIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        AmountRow Row(string key, IEnumerable<(long Claimed, long Payable)> items)
        {
            var list = items.ToList();
            return new AmountRow(key, new Money(list.Sum(i => i.Claimed)).Yuan, new Money(list.Sum(i => i.Payable)).Yuan, list.Count);
        }

        var byCentre = claims.GroupBy(c => c.CentreId).Select(g => Row(centres.GetValueOrDefault(g.Key, "?"), g.Select(c => (c.ClaimedFen, c.PayableFen))))
            .OrderByDescending(r => r.Claimed).ToArray();
        var byPerson = claims.GroupBy(c => c.ClaimantId).Select(g => Row(people.GetValueOrDefault(g.Key, "?"), g.Select(c => (c.ClaimedFen, c.PayableFen))))
            .OrderByDescending(r => r.Claimed).ToArray();
        var byCategory = lines.GroupBy(l => l.Category.ToString()).Select(g => Row(g.Key, g.Select(l => (l.AmountFen, l.AmountFen))))
            .OrderByDescending(r => r.Claimed).ToArray();
        var byMonth = claims.GroupBy(c => DateTime.SpecifyKind(c.SubmittedAt!.Value, DateTimeKind.Utc).AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key).Select(g => Row(g.Key, g.Select(c => (c.ClaimedFen, c.PayableFen)))).ToArray();

        var now = clock.GetUtcNow().UtcDateTime;
        var instanceIds = (await db.Set<ApprovalInstance>().AsNoTracking().VisibleTo(viewer)
            .Where(i => i.SubjectType == ClaimUseCases.SubjectType && i.Status == Kefu.Core.Approvals.ApprovalStatus.Pending)
            .Select(i => new { i.Id, i.Title, i.Link }).ToListAsync(ct)).ToDictionary(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var keys = instanceIds.Keys.ToArray();
        var overdue = await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == ApprovalService.TimerRecordType && keys.Contains(t.RecordId) && t.Status == TimerStatus.Running && t.DueAt <= now)
            .OrderBy(t => t.DueAt).ToListAsync(ct);
        return new ExpenseReport(
            from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            byCentre, byPerson, byCategory, byMonth,
            new Money(lines.Where(l => l.NonCustomerService).Sum(l => l.AmountFen)).Yuan,
            new Money(claims.Where(c => c.Status == ClaimStatus.Paid).Sum(c => c.PayableFen)).Yuan,
            new Money(claims.Where(c => c.Status == ClaimStatus.InReview).Sum(c => c.PayableFen)).Yuan,
            overdue.Select(t => new OverdueRow(Kefu.Web.Platform.Localization.LocalText.Show(instanceIds[t.RecordId].Title), ApprovalService.StepKeyOf(t) ?? "", ExpensesModule.Time(t.DueAt)!, instanceIds[t.RecordId].Link)).ToArray());
    }

    /// <summary>The default period: the current month in the company's zone.</summary>
    public (DateOnly From, DateOnly To) ThisMonth()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var first = new DateOnly(today.Year, today.Month, 1);
        return (first, first.AddMonths(1).AddDays(-1));
    }

    internal static bool SeesReports(ScopeViewer viewer) => viewer.Scope >= DataScope.Centre;
}
