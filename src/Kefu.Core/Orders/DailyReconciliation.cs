namespace Kefu.Core.Orders;

/// <summary>An order as the daily count sees it: whose it is and the local date it was accepted.</summary>
public sealed record DailyOrder(string CustomerId, DateOnly AcceptedOn);

/// <summary>A customer whose count of the day's orders differs from what they said they sent; Difference = Counted − Stated.</summary>
public sealed record CountMismatch(string CustomerId, int Counted, int Stated)
{
    /// <summary>Negative: orders missing here (漏单); positive: more here than the customer sent.</summary>
    public int Difference => Counted - Stated;
}

/// <summary>
/// Seed 001 §2.3 (与客户核对当日订单数量，防止漏单; the catalogue gives it no ID of its own): the day's orders are checked against the count each customer states, so
/// that no order is lost to a machine or a person (防止漏单).
/// </summary>
public static class DailyReconciliation
{
    /// <summary>
    /// The customers whose stated count for <paramref name="day"/> differs from the orders received
    /// that day, by customer id. A stated customer with no orders is a mismatch (every order lost);
    /// a customer who stated nothing is not checked (see <see cref="Unstated"/>).
    /// </summary>
    public static IReadOnlyList<CountMismatch> Mismatches(DateOnly day, IEnumerable<DailyOrder> orders, IReadOnlyDictionary<string, int> statedCounts)
    {
        var counted = CountsOn(day, orders);
        return statedCounts
            .Select(s => new CountMismatch(s.Key, counted.GetValueOrDefault(s.Key), s.Value))
            .Where(m => m.Counted != m.Stated)
            .OrderBy(m => m.CustomerId, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The customers with orders on <paramref name="day"/> who have not stated a count yet, by id.</summary>
    public static IReadOnlyList<string> Unstated(DateOnly day, IEnumerable<DailyOrder> orders, IReadOnlyDictionary<string, int> statedCounts) =>
        CountsOn(day, orders).Keys.Where(c => !statedCounts.ContainsKey(c)).Order(StringComparer.Ordinal).ToArray();

    private static Dictionary<string, int> CountsOn(DateOnly day, IEnumerable<DailyOrder> orders) =>
        orders.Where(o => o.AcceptedOn == day)
            .GroupBy(o => o.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
