using Kefu.Core.Organization;

namespace Kefu.Web.Platform.Scoping;

/// <summary>The one place where data scope (ORG-03) becomes a query.</summary>
public static class ScopeQueryExtensions
{
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, ScopeViewer viewer)
        where T : class, IScopedRecord
    {
        var visible = viewer.VisiblePath;
        var userId = viewer.UserId;
        if (visible == OrgPath.Root)
        {
            return query;
        }

        if (visible is null)
        {
            return query.Where(r => r.OwnerId == userId);
        }

        return query.Where(r => r.OwnerId == userId || r.OrgPath.StartsWith(visible));
    }
}
