using System.Linq.Expressions;

namespace Kefu.Web.Platform.Dashboard;

/// <summary>
/// Group keys for one grouped SQL query per chart: the index of the time range or of the org
/// subtree a row falls in (-1 for none), as a CASE expression both databases understand.
/// </summary>
public static class Buckets
{
    /// <summary>r => value &lt; bounds[1] ? 0 : value &lt; bounds[2] ? 1 : … (rows before bounds[0] or from the last bound on: -1).</summary>
    public static Expression<Func<T, int>> ByTime<T>(Expression<Func<T, DateTime>> value, IReadOnlyList<DateTime> bounds)
    {
        var row = value.Parameters[0];
        Expression result = Expression.Constant(-1);
        for (var i = bounds.Count - 2; i >= 0; i--)
        {
            result = Expression.Condition(Expression.LessThan(value.Body, Captured(bounds[i + 1])), Expression.Constant(i), result);
        }

        result = Expression.Condition(Expression.LessThan(value.Body, Captured(bounds[0])), Expression.Constant(-1), result);
        return Expression.Lambda<Func<T, int>>(result, row);
    }

    /// <summary>r => path.StartsWith(prefixes[0]) ? 0 : path.StartsWith(prefixes[1]) ? 1 : … : -1.</summary>
    public static Expression<Func<T, int>> ByPrefix<T>(Expression<Func<T, string>> path, IReadOnlyList<string> prefixes)
    {
        var row = path.Parameters[0];
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression result = Expression.Constant(-1);
        for (var i = prefixes.Count - 1; i >= 0; i--)
        {
            result = Expression.Condition(Expression.Call(path.Body, startsWith, Captured(prefixes[i])), Expression.Constant(i), result);
        }

        return Expression.Lambda<Func<T, int>>(result, row);
    }

    /// <summary>A captured value, so EF sends it as a parameter.</summary>
    private static MemberExpression Captured<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Holder<TValue>(value)), nameof(Holder<TValue>.Value));

    private sealed record Holder<TValue>(TValue Value);
}
