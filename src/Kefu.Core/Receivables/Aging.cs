namespace Kefu.Core.Receivables;

using Money = Kefu.Core.Money.Money;

/// <summary>An open item for the aging report: who it is grouped under, its dates and what is still owed as of the report date.</summary>
public sealed record AgingItem(string GroupKey, DateOnly InvoiceDate, DateOnly DueDate, Money Open);

/// <summary>One group's open amounts per bucket (same order as <see cref="Aging.Buckets"/>).</summary>
public sealed record AgingRow(string GroupKey, IReadOnlyList<Money> Buckets, Money Total, int Items);

/// <summary>A bucket's bounds in days, both included; <c>To</c> is null for the last one ("over 90").</summary>
public sealed record AgingBucket(int From, int? To);

/// <summary>AR-08: the aging report (0–30, 31–60, 61–90, over 90 days by default) as of any date.</summary>
public static class Aging
{
    /// <summary>The buckets the policy's edges make: [0, e1], [e1+1, e2], …, [eN+1, ∞).</summary>
    public static IReadOnlyList<AgingBucket> Buckets(ReceivablesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var buckets = new List<AgingBucket>();
        var from = 0;
        foreach (var edge in policy.AgingBucketEdges)
        {
            buckets.Add(new AgingBucket(from, edge));
            from = edge + 1;
        }

        buckets.Add(new AgingBucket(from, null));
        return buckets;
    }

    /// <summary>Days old as of <paramref name="asOf"/>, counted from the policy's basis; never negative.</summary>
    public static int AgeInDays(DateOnly invoiceDate, DateOnly dueDate, DateOnly asOf, ReceivablesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var from = policy.AgingBasis == AgingBasis.DueDate ? dueDate : invoiceDate;
        return Math.Max(0, asOf.DayNumber - from.DayNumber);
    }

    /// <summary>AR-08: the index of the bucket an age falls in (30 → 0–30, 31 → 31–60, 91 → over 90).</summary>
    public static int BucketOf(int ageInDays, ReceivablesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var edges = policy.AgingBucketEdges;
        for (var i = 0; i < edges.Count; i++)
        {
            if (ageInDays <= edges[i])
            {
                return i;
            }
        }

        return edges.Count;
    }

    /// <summary>
    /// AR-08: the bucket edges as dates, for a database to bucket by comparing dates: an item whose
    /// basis date (invoice or due date) is on or after <c>result[i]</c> and before <c>result[i-1]</c> is in
    /// bucket i (age ≤ edge ⇔ basis ≥ asOf − edge); one before the last date is in the last bucket.
    /// </summary>
    public static IReadOnlyList<DateOnly> BucketStartDates(DateOnly asOf, ReceivablesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.AgingBucketEdges.Select(edge => asOf.AddDays(-edge)).ToArray();
    }

    /// <summary>The bucket of a basis date as of a date: the same answer as <see cref="BucketOf"/> on its age, by dates.</summary>
    public static int BucketOfDate(DateOnly basis, IReadOnlyList<DateOnly> bucketStartDates)
    {
        ArgumentNullException.ThrowIfNull(bucketStartDates);
        for (var i = 0; i < bucketStartDates.Count; i++)
        {
            if (basis >= bucketStartDates[i])
            {
                return i;
            }
        }

        return bucketStartDates.Count;
    }

    /// <summary>
    /// AR-08: the report's rows from sums a database made per group and bucket (open amounts over
    /// zero only), ordered by group as <see cref="Report"/> orders them.
    /// </summary>
    public static IReadOnlyList<AgingRow> FromSums(IEnumerable<(string GroupKey, int Bucket, long OpenFen, int Items)> sums, ReceivablesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(policy);
        var count = policy.AgingBucketEdges.Count + 1;
        var groups = new SortedDictionary<string, (long[] Fen, int Items)>(StringComparer.Ordinal);
        foreach (var (key, bucket, fen, items) in sums)
        {
            if (!groups.TryGetValue(key, out var group))
            {
                group = (new long[count], 0);
            }

            group.Fen[Math.Clamp(bucket, 0, count - 1)] += fen;
            groups[key] = (group.Fen, group.Items + items);
        }

        return groups.Select(g => new AgingRow(g.Key, g.Value.Fen.Select(f => new Money(f)).ToArray(), new Money(g.Value.Fen.Sum()), g.Value.Items)).ToArray();
    }

    /// <summary>
    /// AR-08: open amounts per group and bucket as of a date. Items invoiced after the date and items
    /// with nothing open are left out; credits (negative open amounts) are not aged.
    /// </summary>
    public static IReadOnlyList<AgingRow> Report(IEnumerable<AgingItem> items, DateOnly asOf, ReceivablesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(items);
        var count = policy.AgingBucketEdges.Count + 1;
        var groups = new SortedDictionary<string, (long[] Fen, int Items)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.InvoiceDate > asOf || item.Open.Fen <= 0)
            {
                continue;
            }

            if (!groups.TryGetValue(item.GroupKey, out var group))
            {
                group = (new long[count], 0);
            }

            group.Fen[BucketOf(AgeInDays(item.InvoiceDate, item.DueDate, asOf, policy), policy)] += item.Open.Fen;
            groups[item.GroupKey] = (group.Fen, group.Items + 1);
        }

        return groups.Select(g => new AgingRow(g.Key, g.Value.Fen.Select(f => new Money(f)).ToArray(), new Money(g.Value.Fen.Sum()), g.Value.Items)).ToArray();
    }
}
