using System.Globalization;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Dashboard;
using Kefu.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Receivables;

/// <summary>
/// RPT-01 for finance and the managers of receivables: what is unpaid, what is overdue (AR-03/06)
/// with the oldest overdue invoices, and the aging buckets as a chart (AR-08), in the viewer's scope.
/// </summary>
internal sealed class ReceivablesWidget(ReceivablesUseCases receivables) : IDashboardWidget
{
    internal static readonly Role[] Viewers = [Role.FinanceClerk, Role.CsManager, Role.CsDirector, Role.CentreSupervisor, Role.Coordinator, Role.BranchGm, Role.Gm];

    public string Key => "receivables";

    public int Order => WidgetOrder.Finance + 10;

    public bool ShowsTo(DashboardViewer viewer) => viewer.HasAny(Viewers);

    public async Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var today = receivables.Today();
        var open = receivables.Invoices(viewer.Scope).AsNoTracking().Where(i => i.ReversedAt == null && i.AmountFen > i.PaidFen);
        var overdue = open.Where(i => (i.ExtendedTo ?? i.DueDate) < today);
        var unpaid = new Money(await open.SumAsync(i => (long?)(i.AmountFen - i.PaidFen), ct) ?? 0);
        var late = new Money(await overdue.SumAsync(i => (long?)(i.AmountFen - i.PaidFen), ct) ?? 0);
        var lateCount = await overdue.CountAsync(ct);
        var oldest = await overdue.OrderBy(i => i.ExtendedTo ?? i.DueDate).ThenBy(i => i.Id).Take(5)
            .Select(i => new { i.Id, i.Number, i.CustomerName, Open = i.AmountFen - i.PaidFen, Due = i.ExtendedTo ?? i.DueDate }).ToListAsync(ct);
        var aging = await receivables.AgingAsync(viewer.Scope, today, AgingGroup.Centre, ct);
        return new DashboardCard("Dashboard.Receivables.Title",
        [
            new("Dashboard.Receivables.Unpaid", unpaid.ToString(), "/receivables/invoices?open=true", Name: "receivables-unpaid"),
            new("Dashboard.Receivables.Overdue", late.ToString(), "/receivables/invoices?overdue=true", lateCount > 0 ? FigureTone.Danger : FigureTone.Normal, "receivables-overdue"),
            DashboardFigure.Count("Dashboard.Receivables.OverdueInvoices", lateCount, "/receivables/invoices?overdue=true", FigureTone.Danger, "receivables-overdue-count"),
        ],
        oldest.Select(i => new DashboardItem(
            $"{i.Number} · {i.CustomerName} · {new Money(i.Open)} · {Text.Get("Dashboard.Receivables.DueOn", i.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}",
            $"/receivables/invoices/{i.Id}")).ToArray(),
        new DashboardChart("Dashboard.Receivables.Age", aging.Buckets.Select(BucketLabel).ToArray(),
        [
            new("Dashboard.Receivables.Unpaid", aging.Totals.Select(t => (decimal?)t.Yuan).ToArray(), Format: ValueFormat.Money,
                Links: aging.Buckets.Select(_ => (string?)"/receivables/aging").ToArray()),
        ]),
        "Dashboard.Receivables.OldestOverdue", "/receivables/aging");
    }

    internal static string BucketLabel(Kefu.Core.Receivables.AgingBucket b) =>
        b.To is { } to ? Text.Get("Receivables.Bucket", b.From, to) : Text.Get("Receivables.BucketOver", b.From - 1);
}

/// <summary>CUS-06: the receivables section of the customer analysis sheet: unpaid, overdue, credit, recent invoices.</summary>
internal sealed class ReceivablesAnalysis(KefuDbContext db, ReceivablesUseCases receivables) : ICustomerAnalysisSection
{
    public AnalysisTopic Topic => AnalysisTopic.Receivables;

    public async Task<AnalysisSection> BuildAsync(ScopeViewer viewer, int customerId, CancellationToken ct)
    {
        var today = receivables.Today();
        var invoices = db.Set<Invoice>().AsNoTracking().Where(i => i.CustomerId == customerId && i.ReversedAt == null);
        var open = invoices.Where(i => i.AmountFen > i.PaidFen);
        var unpaid = new Money(await open.SumAsync(i => (long?)(i.AmountFen - i.PaidFen), ct) ?? 0);
        var overdue = new Money(await open.Where(i => (i.ExtendedTo ?? i.DueDate) < today).SumAsync(i => (long?)(i.AmountFen - i.PaidFen), ct) ?? 0);
        var payments = db.Set<Payment>().AsNoTracking().Where(p => p.CustomerId == customerId && p.ReversedAt == null);
        var received = await payments.SumAsync(p => (long?)p.AmountFen, ct) ?? 0;
        var allocated = await db.Set<PaymentAllocation>().AsNoTracking().Where(a => payments.Any(p => p.Id == a.PaymentId)).SumAsync(a => (long?)a.AmountFen, ct) ?? 0;
        var recent = await invoices.OrderByDescending(i => i.InvoiceDate).ThenByDescending(i => i.Id).Take(5).ToListAsync(ct);
        return new AnalysisSection(Topic, "Analysis.Receivables",
        [
            new("Analysis.Unpaid", unpaid.ToString()),
            new("Analysis.Overdue", overdue.ToString()),
            new("Analysis.Credit", new Money(received - allocated).ToString()),
        ],
        recent.Select(i => new AnalysisItem(i.RecordedAt,
            $"{i.Number} · {new Money(i.AmountFen)} · {Text.Get(i.PaidFen >= i.AmountFen ? "Receivables.Settled" : (i.ExtendedTo ?? i.DueDate) < today ? "Receivables.Overdue" : "Receivables.Outstanding")}",
            $"/receivables/invoices/{i.Id}")).ToArray(),
        $"/receivables/invoices?customerId={customerId}");
    }
}
