namespace Kefu.Core.Receivables;

using Money = Kefu.Core.Money.Money;

/// <summary>An invoice that can take a payment: what is still open on it.</summary>
public sealed record OpenInvoice(int InvoiceId, DateOnly InvoiceDate, Money Open);

/// <summary>A part of a payment applied to an invoice; negative when it reverses an earlier one.</summary>
public sealed record AllocationLine(int InvoiceId, Money Amount);

/// <summary>Where a payment went: the lines, and what is left as the customer's unallocated credit.</summary>
public sealed record AllocationPlan(IReadOnlyList<AllocationLine> Lines, Money Unallocated)
{
    public Money Allocated => new(Lines.Sum(l => l.Amount.Fen));
}

/// <summary>An allocation the rules refuse: the field and the resource key of the reason.</summary>
public sealed record AllocationRefusal(string Field, string Reason);

/// <summary>
/// AR-06: one payment over several invoices, exact to the fen. Oldest invoice first unless the
/// person recording it says which invoices get how much; what is left is kept as unallocated
/// credit (an overpayment); nothing is deleted, a reversal is a negative entry.
/// </summary>
public static class PaymentAllocation
{
    /// <summary>
    /// Applies <paramref name="payment"/> to the open invoices, oldest (by invoice date, then id)
    /// first, each up to what is open on it.
    /// </summary>
    public static AllocationPlan OldestFirst(Money payment, IEnumerable<OpenInvoice> invoices)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        if (payment.Fen <= 0)
        {
            return new AllocationPlan([], payment.Fen < 0 ? Money.Zero : payment);
        }

        var left = payment.Fen;
        var lines = new List<AllocationLine>();
        foreach (var invoice in invoices.Where(i => i.Open.Fen > 0).OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceId))
        {
            if (left == 0)
            {
                break;
            }

            var part = Math.Min(left, invoice.Open.Fen);
            lines.Add(new AllocationLine(invoice.InvoiceId, new Money(part)));
            left -= part;
        }

        return new AllocationPlan(lines, new Money(left));
    }

    /// <summary>
    /// Applies the amounts the person chose. Each line must name an open invoice once, be positive,
    /// not exceed what is open on it, and together not exceed the payment; the rest is credit.
    /// </summary>
    public static (AllocationPlan? Plan, IReadOnlyList<AllocationRefusal> Refusals) AsTold(Money payment, IEnumerable<OpenInvoice> invoices, IReadOnlyList<AllocationLine> told)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(told);
        var open = invoices.ToDictionary(i => i.InvoiceId, i => i.Open.Fen);
        var refusals = new List<AllocationRefusal>();
        var seen = new HashSet<int>();
        long sum = 0;
        for (var i = 0; i < told.Count; i++)
        {
            var line = told[i];
            var field = $"allocations[{i}]";
            if (!open.TryGetValue(line.InvoiceId, out var openFen))
            {
                refusals.Add(new AllocationRefusal($"{field}.invoiceId", "Receivables.UnknownInvoice"));
                continue;
            }

            if (!seen.Add(line.InvoiceId))
            {
                refusals.Add(new AllocationRefusal($"{field}.invoiceId", "Receivables.InvoiceTwice"));
            }

            if (line.Amount.Fen <= 0)
            {
                refusals.Add(new AllocationRefusal($"{field}.amountYuan", "Receivables.AllocationNotPositive"));
            }
            else if (line.Amount.Fen > openFen)
            {
                refusals.Add(new AllocationRefusal($"{field}.amountYuan", "Receivables.AllocationOverInvoice"));
            }

            sum += Math.Max(0, line.Amount.Fen);
        }

        if (sum > payment.Fen)
        {
            refusals.Add(new AllocationRefusal("allocations", "Receivables.AllocationOverPayment"));
        }

        return refusals.Count > 0 ? (null, refusals) : (new AllocationPlan(told.ToArray(), new Money(payment.Fen - sum)), refusals);
    }

    /// <summary>The entries that undo earlier allocations: the same invoices, the amounts negated, so the sums come back to where they were.</summary>
    public static IReadOnlyList<AllocationLine> Reversal(IEnumerable<AllocationLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.GroupBy(l => l.InvoiceId).Select(g => new AllocationLine(g.Key, new Money(-g.Sum(l => l.Amount.Fen))))
            .Where(l => l.Amount.Fen != 0).ToArray();
    }
}
