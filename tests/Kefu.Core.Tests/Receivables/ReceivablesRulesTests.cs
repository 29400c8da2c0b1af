using Kefu.Core.Receivables;
using Kefu.Core.Tests.Calendar;
namespace Kefu.Core.Tests.Receivables;

using Money = Kefu.Core.Money.Money;

public sealed class ReceivablesRulesTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static Money Y(decimal yuan) => Money.FromYuan(yuan);

    // ---------------- AR-03: the retail due date ----------------

    [Theory]
    [InlineData("2026-09-28", "2026-10-13")] // 09-29, 09-30, 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13
    [InlineData("2026-09-30", "2026-10-15")] // the whole National Day week (10-01..10-07) does not count
    [InlineData("2026-10-03", "2026-10-15")] // invoiced on a holiday: counting starts after it
    [InlineData("2026-10-09", "2026-10-19")] // 10-10 (make-up), 12, 13, 14, 15, 16, 19
    [InlineData("2026-09-21", "2026-10-08")] // 22, 23, 24, (25..27 Mid-Autumn off), 28, 29, 30, (National Day off), 10-08
    public void AR_03_retail_invoice_is_due_seven_working_days_later_on_the_centre_calendar_across_national_day(string invoiced, string due) =>
        Assert.Equal(D(due), DueDates.RetailDueDate(D(invoiced), ChinaCalendar.Compiled, new ReceivablesPolicy()));

    [Fact]
    public void AR_03_the_number_of_working_days_is_the_policys()
    {
        var policy = new ReceivablesPolicy { RetailDueWorkingDays = 5 };
        Assert.Equal(D("2026-10-13"), DueDates.RetailDueDate(D("2026-09-30"), ChinaCalendar.Compiled, policy));
        Assert.Equal(D("2026-09-30"), DueDates.RetailDueDate(D("2026-09-30"), ChinaCalendar.Compiled, policy with { RetailDueWorkingDays = 0 }));
    }

    [Fact]
    public void AR_02_monthly_invoice_is_due_after_the_customers_payment_cycle_or_the_policy_default()
    {
        var policy = new ReceivablesPolicy { DefaultPaymentCycleDays = 45 };
        Assert.Equal(D("2026-11-30"), DueDates.DueDate(InvoiceSettlement.Monthly, D("2026-10-31"), 30, ChinaCalendar.Compiled, policy));
        Assert.Equal(D("2026-12-15"), DueDates.DueDate(InvoiceSettlement.Monthly, D("2026-10-31"), null, ChinaCalendar.Compiled, policy));
        Assert.Equal(D("2026-10-13"), DueDates.DueDate(InvoiceSettlement.Retail, D("2026-09-28"), 30, ChinaCalendar.Compiled, policy));
    }

    // ---------------- AR-08: aging buckets ----------------

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 0)]
    [InlineData(31, 1)]
    [InlineData(60, 1)]
    [InlineData(61, 2)]
    [InlineData(90, 2)]
    [InlineData(91, 3)]
    [InlineData(400, 3)]
    public void AR_08_aging_bucket_edges_are_0_30_31_60_61_90_and_over_90(int days, int bucket) =>
        Assert.Equal(bucket, Aging.BucketOf(days, new ReceivablesPolicy()));

    [Theory]
    [InlineData(AgingBasis.InvoiceDate, new[] { 30, 60, 90 })]
    [InlineData(AgingBasis.DueDate, new[] { 30, 60, 90 })]
    [InlineData(AgingBasis.InvoiceDate, new[] { 0, 7, 15, 45, 180, 365 })]
    public void AR_08_bucketing_by_dates_for_the_database_gives_the_buckets_of_the_ages(AgingBasis basis, int[] edges)
    {
        var policy = new ReceivablesPolicy { AgingBasis = basis, AgingBucketEdges = edges };
        var asOf = D("2026-03-01"); // across the end of a short February
        var starts = Aging.BucketStartDates(asOf, policy);
        for (var offset = -40; offset <= 500; offset++)
        {
            var basisDate = asOf.AddDays(-offset);
            var age = Aging.AgeInDays(basisDate, basisDate, asOf, policy);
            Assert.Equal(Aging.BucketOf(age, policy), Aging.BucketOfDate(basisDate, starts));
        }
    }

    [Fact]
    public void AR_08_rows_from_database_sums_equal_the_report_over_the_items()
    {
        var asOf = D("2026-12-31");
        var policy = new ReceivablesPolicy();
        var random = new Random(8);
        var items = Enumerable.Range(0, 500)
            .Select(i => new AgingItem(((char)('a' + random.Next(6))).ToString(), asOf.AddDays(-random.Next(200)), asOf, new Money(random.Next(1, 1_000_000))))
            .ToArray();
        var starts = Aging.BucketStartDates(asOf, policy);
        var sums = items.GroupBy(i => (i.GroupKey, Bucket: Aging.BucketOfDate(i.InvoiceDate, starts)))
            .Select(g => (g.Key.GroupKey, g.Key.Bucket, g.Sum(i => i.Open.Fen), g.Count()));

        var expected = Aging.Report(items, asOf, policy);
        var actual = Aging.FromSums(sums, policy);

        Assert.Equal(expected.Select(r => (r.GroupKey, r.Total, r.Items)), actual.Select(r => (r.GroupKey, r.Total, r.Items)));
        Assert.Equal(expected.SelectMany(r => r.Buckets), actual.SelectMany(r => r.Buckets));
    }

    [Fact]
    public void AR_08_report_as_of_a_date_groups_open_amounts_by_bucket_and_leaves_out_later_and_settled_items()
    {
        var asOf = D("2026-12-31");
        var items = new[]
        {
            new AgingItem("a", asOf.AddDays(-30), asOf, Y(100m)),      // 30 days: first bucket
            new AgingItem("a", asOf.AddDays(-31), asOf, Y(0.01m)),     // 31 days: second
            new AgingItem("a", asOf.AddDays(-60), asOf, Y(1m)),
            new AgingItem("a", asOf.AddDays(-61), asOf, Y(2m)),
            new AgingItem("a", asOf.AddDays(-90), asOf, Y(3m)),
            new AgingItem("a", asOf.AddDays(-91), asOf, Y(4m)),
            new AgingItem("b", asOf.AddDays(1), asOf, Y(999m)),        // invoiced after the report date
            new AgingItem("b", asOf.AddDays(-5), asOf, Money.Zero),     // fully paid
            new AgingItem("b", asOf.AddDays(-5), asOf, Y(-5m)),         // a credit is not aged
            new AgingItem("c", asOf, asOf, Y(7.77m)),
        };

        var rows = Aging.Report(items, asOf, new ReceivablesPolicy());

        Assert.Equal(["a", "c"], rows.Select(r => r.GroupKey));
        Assert.Equal([Y(100m), Y(1.01m), Y(5m), Y(4m)], rows[0].Buckets);
        Assert.Equal(Y(110.01m), rows[0].Total);
        Assert.Equal(6, rows[0].Items);
        Assert.Equal([Y(7.77m), Money.Zero, Money.Zero, Money.Zero], rows[1].Buckets);
    }

    [Fact]
    public void AR_08_the_same_item_moves_bucket_as_the_report_date_moves()
    {
        var policy = new ReceivablesPolicy();
        var invoiced = D("2026-09-30");
        Assert.Equal(0, Aging.BucketOf(Aging.AgeInDays(invoiced, invoiced, D("2026-10-30"), policy), policy));
        Assert.Equal(1, Aging.BucketOf(Aging.AgeInDays(invoiced, invoiced, D("2026-10-31"), policy), policy));
        Assert.Equal(0, Aging.AgeInDays(invoiced, invoiced, D("2026-09-01"), policy));
    }

    [Fact]
    public void AR_08_buckets_and_basis_are_the_policys()
    {
        var policy = new ReceivablesPolicy { AgingBucketEdges = [15, 45], AgingBasis = AgingBasis.DueDate };
        Assert.Equal([new AgingBucket(0, 15), new AgingBucket(16, 45), new AgingBucket(46, null)], Aging.Buckets(policy));
        // 40 days since the invoice but only 10 past the due date.
        Assert.Equal(0, Aging.BucketOf(Aging.AgeInDays(D("2026-11-01"), D("2026-12-01"), D("2026-12-11"), policy), policy));
        Assert.Empty(policy.Validate());
        Assert.Contains((policy with { AgingBucketEdges = [30, 30] }).Validate(), p => p.Field == "agingBucketEdges");
        Assert.Contains((policy with { AgingBucketEdges = [] }).Validate(), p => p.Field == "agingBucketEdges");
    }

    // ---------------- AR-06: one payment over several invoices ----------------

    [Fact]
    public void AR_06_one_payment_over_three_invoices_oldest_first_exact_to_the_fen_with_the_remainder_as_credit()
    {
        var invoices = new[]
        {
            new OpenInvoice(3, D("2026-10-20"), Y(300.03m)),
            new OpenInvoice(1, D("2026-10-01"), Y(100.01m)),
            new OpenInvoice(2, D("2026-10-10"), Y(200.02m)),
        };

        var plan = PaymentAllocation.OldestFirst(Y(650.10m), invoices);

        Assert.Equal([new AllocationLine(1, Y(100.01m)), new AllocationLine(2, Y(200.02m)), new AllocationLine(3, Y(300.03m))], plan.Lines);
        Assert.Equal(Y(50.04m), plan.Unallocated);
        Assert.Equal(Y(650.10m), plan.Allocated + plan.Unallocated);
    }

    [Fact]
    public void AR_06_a_partial_payment_leaves_the_newest_invoice_partly_open()
    {
        var invoices = new[] { new OpenInvoice(1, D("2026-10-01"), Y(100m)), new OpenInvoice(2, D("2026-10-01"), Y(100m)), new OpenInvoice(3, D("2026-10-02"), Y(100m)) };

        var plan = PaymentAllocation.OldestFirst(Y(150.01m), invoices);

        Assert.Equal([new AllocationLine(1, Y(100m)), new AllocationLine(2, Y(50.01m))], plan.Lines);
        Assert.Equal(Money.Zero, plan.Unallocated);
    }

    [Fact]
    public void AR_06_a_payment_with_nothing_open_is_all_credit_and_settled_invoices_take_nothing()
    {
        var plan = PaymentAllocation.OldestFirst(Y(10m), [new OpenInvoice(1, D("2026-10-01"), Money.Zero)]);
        Assert.Empty(plan.Lines);
        Assert.Equal(Y(10m), plan.Unallocated);
    }

    [Fact]
    public void AR_06_allocation_as_told_is_checked_line_by_line_and_keeps_the_remainder()
    {
        var invoices = new[] { new OpenInvoice(1, D("2026-10-01"), Y(100m)), new OpenInvoice(2, D("2026-10-05"), Y(80m)) };

        var (plan, refusals) = PaymentAllocation.AsTold(Y(100m), invoices, [new AllocationLine(2, Y(80m)), new AllocationLine(1, Y(0.5m))]);

        Assert.Empty(refusals);
        Assert.Equal(Y(19.5m), plan!.Unallocated);

        var (none, why) = PaymentAllocation.AsTold(Y(100m), invoices,
            [new AllocationLine(2, Y(80.01m)), new AllocationLine(9, Y(1m)), new AllocationLine(1, Money.Zero), new AllocationLine(1, Y(50m))]);
        Assert.Null(none);
        Assert.Contains(new AllocationRefusal("allocations[0].amountYuan", "Receivables.AllocationOverInvoice"), why);
        Assert.Contains(new AllocationRefusal("allocations[1].invoiceId", "Receivables.UnknownInvoice"), why);
        Assert.Contains(new AllocationRefusal("allocations[2].amountYuan", "Receivables.AllocationNotPositive"), why);
        Assert.Contains(new AllocationRefusal("allocations[3].invoiceId", "Receivables.InvoiceTwice"), why);

        var (_, over) = PaymentAllocation.AsTold(Y(100m), invoices, [new AllocationLine(1, Y(100m)), new AllocationLine(2, Y(0.01m))]);
        Assert.Equal([new AllocationRefusal("allocations", "Receivables.AllocationOverPayment")], over);
    }

    [Fact]
    public void AR_06_a_reversal_is_the_negative_of_what_was_allocated_so_the_invoices_are_open_again()
    {
        var lines = new[] { new AllocationLine(1, Y(100.01m)), new AllocationLine(2, Y(0.99m)), new AllocationLine(1, Y(-0.01m)) };

        var reversal = PaymentAllocation.Reversal(lines);

        Assert.Equal([new AllocationLine(1, Y(-100m)), new AllocationLine(2, Y(-0.99m))], reversal);
        Assert.Equal(0, lines.Concat(reversal).Sum(l => l.Amount.Fen));
    }

    [Fact]
    public void AR_policy_defaults_are_the_seeds_values_and_out_of_range_values_are_refused()
    {
        var policy = new ReceivablesPolicy();
        Assert.Equal(7, policy.RetailDueWorkingDays);
        Assert.Equal([30, 60, 90], policy.AgingBucketEdges);
        Assert.Empty(policy.Validate());
        Assert.Equal(["retailDueWorkingDays", "dueWarningPercent", "omissionFineYuan"],
            (policy with { RetailDueWorkingDays = -1, DueWarningPercent = 100, OmissionFineYuan = 0.001m }).Validate().Select(p => p.Field));
    }

    [Fact]
    public void AR_05_an_extension_goes_to_the_department_manager_then_the_gm_office()
    {
        var chain = ExtensionChain.Default;
        Assert.Empty(chain.Validate());
        Assert.Equal([Kefu.Core.Organization.Role.CsManager, Kefu.Core.Organization.Role.Gm], chain.Steps.Select(s => s.Role));
    }
}
