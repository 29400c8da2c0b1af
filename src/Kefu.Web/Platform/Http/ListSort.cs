using System.Linq.Expressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// How a list is sorted, from its query string: <c>?sort=column&amp;dir=asc|desc</c> (UI.md, "List
/// pages": the sort lives in the address, like the filters and the page). <c>sort=-column</c>, the
/// staff list's older form, means descending. No column: the list's own default order.
/// </summary>
public sealed record ListSort(string? Column, bool Descending)
{
    public static readonly ListSort None = new(null, false);

    /// <summary>False when <paramref name="dir"/> is neither asc nor desc.</summary>
    public static bool TryParse(string? sort, string? dir, out ListSort result)
    {
        result = None;
        var column = string.IsNullOrWhiteSpace(sort) ? null : sort.Trim();
        var descending = false;
        if (column is not null && column.StartsWith('-'))
        {
            column = column[1..];
            descending = true;
        }

        if (dir is not null && !string.IsNullOrWhiteSpace(dir))
        {
            if (string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase))
            {
                descending = true;
            }
            else if (!string.Equals(dir, "asc", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        result = new ListSort(string.IsNullOrEmpty(column) ? null : column, descending);
        return true;
    }

    /// <summary>The sort a page was asked for; a bad direction reads as ascending (pages never fail on it).</summary>
    public static ListSort From(HttpRequest request) =>
        TryParse(request.Query["sort"], request.Query["dir"], out var sort) ? sort : new ListSort(request.Query["sort"].ToString() is { Length: > 0 } c ? c.TrimStart('-') : null, false);

    /// <summary>
    /// The API's reading: an unknown column or direction is a 400 problem naming the field
    /// (<c>sort</c> or <c>dir</c>) with the columns the list sorts on.
    /// </summary>
    public static ListSort ForApi<T>(string? sort, string? dir, SortMap<T> map, ProblemBuilder problems)
    {
        if (!TryParse(sort, dir, out var parsed))
        {
            problems.Add("dir", "List.BadSortDirection");
            return None;
        }

        if (parsed.Column is not null && !map.Knows(parsed.Column))
        {
            problems.Add("sort", "List.BadSortColumn", string.Join(", ", map.Columns));
            return None;
        }

        return parsed;
    }

    public bool Is(string column) => string.Equals(Column, column, StringComparison.OrdinalIgnoreCase);

    /// <summary>The address that sorts by <paramref name="column"/>: ascending first, descending when it already sorts ascending; back on page 1.</summary>
    public static string Url(HttpRequest request, string column)
    {
        var current = From(request);
        var values = request.Query.Where(q => q.Key is not ("sort" or "dir" or "page" or "handler"))
                            .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        values["sort"] = column;
        values["dir"] = current.Is(column) && !current.Descending ? "desc" : "asc";
        return QueryHelpers.AddQueryString(request.Path, values);
    }
}

/// <summary>
/// The columns a list sorts on (a whitelist: a column name maps to an expression the database can
/// order by), its default order when none is asked for, and a tie-breaker so pages never repeat or
/// skip a row between equal values.
/// </summary>
public sealed class SortMap<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<IQueryable<T>, IOrderedQueryable<T>> _default;
    private readonly Func<IOrderedQueryable<T>, IOrderedQueryable<T>> _tieBreak;

    public SortMap(Func<IQueryable<T>, IOrderedQueryable<T>> byDefault, Func<IOrderedQueryable<T>, IOrderedQueryable<T>> tieBreak)
    {
        _default = byDefault;
        _tieBreak = tieBreak;
    }

    public IReadOnlyCollection<string> Columns => _columns.Keys;

    public SortMap<T> Add<TKey>(string column, Expression<Func<T, TKey>> key)
    {
        _columns[column] = (query, descending) => descending ? query.OrderByDescending(key) : query.OrderBy(key);
        return this;
    }

    public bool Knows(string? column) => column is not null && _columns.ContainsKey(column);

    /// <summary>The query in the asked order; a column the list does not know is ignored (pages) — the API refuses it first.</summary>
    public IQueryable<T> Apply(IQueryable<T> query, ListSort? sort) =>
        sort?.Column is { } column && _columns.TryGetValue(column, out var order)
            ? _tieBreak(order(query, sort.Descending))
            : _default(query);
}

/// <summary>A sortable column header (the partial _SortHeader): the column's name in the query string and its label.</summary>
public sealed record SortHeader(string Column, string Label, string? Class = null);

/// <summary>
/// What an empty list says (the partial _EmptyState): what is missing, what to do next, and the
/// button that does it where there is one; with filters set, it offers to clear them too.
/// </summary>
public sealed record EmptyState(string Title, string Hint, string? ActionUrl = null, string? ActionLabel = null);
