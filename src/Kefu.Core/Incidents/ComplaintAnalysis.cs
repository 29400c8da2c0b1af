namespace Kefu.Core.Incidents;

/// <summary>EXC-10: one category's figures in one month: how many, and their share of the month, 0–100 to one decimal.</summary>
public sealed record CategoryMonth<TCategory>(int Year, int Month, TCategory Category, int Count, decimal SharePercent);

/// <summary>EXC-10: the monthly analysis by category for managers (投诉处理档案 analysis reports).</summary>
public static class ComplaintAnalysis
{
    /// <summary>
    /// EXC-10: counts per category per month and each category's share of that month's total (rounded
    /// half away from zero to one decimal, so a month's shares may add up to 99.9 or 100.1). Months
    /// in order; within a month the largest count first, then by category. Only months and categories
    /// that occur are listed. The dates are local dates on the branch calendar.
    /// </summary>
    public static IReadOnlyList<CategoryMonth<TCategory>> MonthlyByCategory<TCategory>(IEnumerable<(DateOnly Date, TCategory Category)> items)
        where TCategory : notnull =>
        items.GroupBy(i => (i.Date.Year, i.Date.Month))
            .OrderBy(m => m.Key.Year).ThenBy(m => m.Key.Month)
            .SelectMany(month =>
            {
                var total = month.Count();
                return month.GroupBy(i => i.Category)
                    .Select(c => new CategoryMonth<TCategory>(month.Key.Year, month.Key.Month, c.Key, c.Count(),
                        decimal.Round(100m * c.Count() / total, 1, MidpointRounding.AwayFromZero)))
                    .OrderByDescending(c => c.Count).ThenBy(c => c.Category);
            })
            .ToArray();
}
