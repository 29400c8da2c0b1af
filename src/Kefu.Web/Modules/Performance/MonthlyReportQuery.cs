using Kefu.Core.Organization;
using Kefu.Core.Performance;
using Kefu.Web.Data;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Modules.Orders;
using Kefu.Web.Modules.Receivables;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Performance;

/// <summary>
/// The one place the monthly CS work report (PERF-08) reads its figures: orders, field jobs,
/// incidents, visits and callbacks, deadlines, satisfaction (the VIS-04 sources), expense claims,
/// invoices and the performance month, each for one centre's subtree and one month. Reads only;
/// each figure is one aggregate query, so a centre of any size costs a handful of round trips.
/// </summary>
public sealed class MonthlyReportQuery(KefuDbContext db, IEnumerable<ISatisfactionSource> satisfaction, TimeProvider clock)
{
    private const int TopPerformers = 5;

    public async Task<MonthlyReportFigures> GatherAsync(DateOnly month, OrgUnit centre, CancellationToken ct)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var text = CompanyTime.MonthText(month);
        var (start, end) = (CompanyTime.StartUtc(month), CompanyTime.StartUtc(month.AddMonths(1)));
        var now = clock.GetUtcNow().UtcDateTime;
        var path = centre.Path;

        // The centre as a viewer of its own subtree: the one data-scope query (ORG-03) narrows every source.
        var viewer = new ScopeViewer("", DataScope.Centre, path, path);

        var volumes = new ReportVolumes(
            await db.Set<Order>().AsNoTracking().VisibleTo(viewer).CountAsync(o => o.Status != OrderStatus.Draft && o.CreatedAt >= start && o.CreatedAt < end, ct),
            await db.Set<Order>().AsNoTracking().VisibleTo(viewer).CountAsync(o => o.ActualArrival >= start && o.ActualArrival < end, ct),
            await db.Set<ServiceJob>().AsNoTracking().VisibleTo(viewer).CountAsync(j => j.ReceivedAt >= start && j.ReceivedAt < end, ct),
            await db.Set<ServiceJob>().AsNoTracking().VisibleTo(viewer).CountAsync(j => j.State != Kefu.Core.Field.JobState.Cancelled && j.FinishedAt >= start && j.FinishedAt < end, ct),
            await db.Set<Incident>().AsNoTracking().VisibleTo(viewer).CountAsync(i => i.ReceivedAt >= start && i.ReceivedAt < end, ct),
            await db.Set<Visit>().AsNoTracking().VisibleTo(viewer).CountAsync(v => v.Status == VisitStatus.Done && v.DoneAt >= start && v.DoneAt < end, ct),
            await db.Set<ServiceCallback>().AsNoTracking().VisibleTo(viewer).CountAsync(c => c.Status == CallbackStatus.Done && c.CalledAt >= start && c.CalledAt < end, ct));

        var deadlines = await db.Set<SlaTimer>().AsNoTracking().VisibleTo(viewer).Where(t => t.DueAt >= start && t.DueAt < end)
            .Select(t => new DeadlineFact(t.RecordType, t.DueAt, t.BreachedAt)).ToListAsync(ct);
        var sla = MonthlyReportRules.Compliance(deadlines, start, end, now);

        var events = new List<SatisfactionEvent>();
        foreach (var source in satisfaction)
        {
            events.AddRange(await source.EventsAsync(viewer, start, end, ct));
        }

        var incidents = await db.Set<Incident>().AsNoTracking().VisibleTo(viewer).Where(i => i.ReceivedAt >= start && i.ReceivedAt < end)
            .GroupBy(i => i.Type).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(ct);
        var complaints = new ComplaintFigures(events.Count(e => e.Complaint),
            incidents.OrderBy(i => i.Type).Select(i => new CountByKind(i.Type.ToString(), i.Count)).ToArray());

        var submitted = db.Set<ExpenseClaim>().AsNoTracking().VisibleTo(viewer).Where(c => c.SubmittedAt >= start && c.SubmittedAt < end);
        var paid = db.Set<ExpenseClaim>().AsNoTracking().VisibleTo(viewer).Where(c => c.Status == ClaimStatus.Paid && c.PaidAt >= start && c.PaidAt < end);
        var claims = new ClaimFigures(await submitted.CountAsync(ct), await submitted.SumAsync(c => (long?)c.ClaimedFen, ct) ?? 0,
            await paid.CountAsync(ct), await paid.SumAsync(c => (long?)c.PayableFen, ct) ?? 0);

        // Receivables as they stand at the month's end, or today for the running month.
        var nextMonth = month.AddMonths(1);
        var today = CompanyTime.Today(clock);
        var asOf = today < nextMonth ? today : nextMonth.AddDays(-1);
        var invoices = db.Set<Invoice>().AsNoTracking().VisibleTo(viewer).Where(i => i.ReversedAt == null);
        var issued = invoices.Where(i => i.InvoiceDate >= month && i.InvoiceDate < nextMonth);
        var open = invoices.Where(i => i.InvoiceDate <= asOf && i.AmountFen > i.PaidFen);
        var receivables = new ReceivableFigures(await issued.CountAsync(ct), await issued.SumAsync(i => (long?)i.AmountFen, ct) ?? 0,
            await open.SumAsync(i => (long?)(i.AmountFen - i.PaidFen), ct) ?? 0,
            await open.Where(i => (i.ExtendedTo ?? i.DueDate) < asOf).SumAsync(i => (long?)(i.AmountFen - i.PaidFen), ct) ?? 0);

        var records = db.Set<PerformanceRecord>().AsNoTracking().Where(r => r.Month == text && r.UnitId == centre.Id);
        var ratings = await records.GroupBy(r => r.Rating).Select(g => new { Rating = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Rated(PerformanceRating rating) => ratings.Where(r => r.Rating == rating).Sum(r => r.Count);
        var top = await (from r in records
                         join u in db.Users.AsNoTracking() on r.PersonId equals u.Id
                         orderby r.Score descending, r.NetFen descending, u.DisplayName
                         select new TopPerformer(u.DisplayName, r.Score, r.NetFen)).Take(TopPerformers).ToListAsync(ct);
        var performance = ratings.Count == 0
            ? new PerformanceFigures(false, 0, 0, 0, 0, 0, 0, [])
            : new PerformanceFigures(true, ratings.Sum(r => r.Count), await records.SumAsync(r => r.RewardsFen, ct), await records.SumAsync(r => r.FinesFen, ct),
                Rated(PerformanceRating.A), Rated(PerformanceRating.B), Rated(PerformanceRating.C), top);

        return new MonthlyReportFigures(text, centre.Name, now, volumes, sla, SatisfactionFigure.Of(events.Where(e => e.Rating is not null).Select(e => e.Rating!.Value)),
            complaints, claims, receivables, performance);
    }
}
