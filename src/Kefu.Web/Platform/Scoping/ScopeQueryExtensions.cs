using System.Linq.Expressions;
using Kefu.Core.Organization;

namespace Kefu.Web.Platform.Scoping;

/// <summary>The one place where data scope (ORG-03) becomes a query.</summary>
public static class ScopeQueryExtensions
{
    private static readonly System.Reflection.MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, ScopeViewer viewer)
        where T : class, IScopedRecord
    {
        var visible = viewer.VisiblePath;
        if (visible == OrgPath.Root)
        {
            return query;
        }

        // r => r.<Owner> == userId [|| r.OrgPath.StartsWith(visible)], with both values as parameters.
        var record = Expression.Parameter(typeof(T), "r");
        Expression owned = Expression.Equal(
            Expression.Property(record, T.OwnerProperty),
            Parameter(viewer.UserId));
        if (visible is not null)
        {
            owned = Expression.OrElse(owned, Expression.Call(Expression.Property(record, nameof(IScopedRecord.OrgPath)), StartsWith, Parameter(visible)));
        }

        return query.Where(Expression.Lambda<Func<T, bool>>(owned, record));
    }

    /// <summary>A captured value, so EF sends it as a SQL parameter and caches one plan.</summary>
    private static MemberExpression Parameter(string value) =>
        Expression.Property(Expression.Constant(new Holder(value)), nameof(Holder.Value));

    private sealed record Holder(string Value);
}
