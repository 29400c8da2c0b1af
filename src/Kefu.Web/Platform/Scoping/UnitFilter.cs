using System.Linq.Expressions;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Scoping;

/// <summary>
/// "Only this branch or centre" for a list (a dashboard's figure per branch links here). It narrows
/// within the viewer's scope; it never widens it, as <see cref="ScopeQueryExtensions.VisibleTo{T}"/> runs too.
/// </summary>
public static class UnitFilter
{
    private static readonly System.Reflection.MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    public static async Task<OrgUnit?> FindAsync(KefuDbContext db, int? unitId, CancellationToken ct) =>
        unitId is { } id ? await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) : null;

    /// <summary>Records of the unit's subtree; an unknown unit selects nothing.</summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> query, int? unitId, OrgUnit? unit)
        where T : class, IScopedRecord
    {
        if (unitId is null)
        {
            return query;
        }

        var record = Expression.Parameter(typeof(T), "r");
        var path = new PathHolder(unit?.Path ?? "\u0000none");
        var body = Expression.Call(Expression.Property(record, nameof(IScopedRecord.OrgPath)), StartsWith,
            Expression.Property(Expression.Constant(path), nameof(PathHolder.Value)));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, record));
    }

    /// <summary>The unit's display name for the list's filter chip.</summary>
    public static string Label(OrgUnit? unit, bool english) => unit?.DisplayName(english) ?? "—";

    /// <summary>The branches (company-wide viewer) or centres (branch viewer) a viewer's figures are split by.</summary>
    public static async Task<IReadOnlyList<OrgUnit>> BreakdownUnitsAsync(KefuDbContext db, ScopeViewer viewer, CancellationToken ct)
    {
        var kind = viewer.Scope == DataScope.Company ? OrgUnitKind.Branch : OrgUnitKind.Centre;
        var visible = viewer.VisiblePath ?? "\u0000none";
        return await db.OrgUnits.AsNoTracking().Where(u => u.Kind == kind && u.IsActive && u.Path.StartsWith(visible))
            .OrderBy(u => u.Path).ToListAsync(ct);
    }

    private sealed record PathHolder(string Value);
}
