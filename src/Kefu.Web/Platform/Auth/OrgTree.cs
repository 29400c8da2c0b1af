using Kefu.Core.Organization;
using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Auth;

/// <summary>Reads of the org tree that scope and the pages share.</summary>
public static class OrgTree
{
    /// <summary>
    /// The centre and branch a path lies in. A person placed above the centres (a branch
    /// department, head office) is anchored at the nearest unit above them instead.
    /// </summary>
    public static async Task<(string CentrePath, string BranchPath)> AnchorsAsync(KefuDbContext db, string path, CancellationToken ct)
    {
        var ids = OrgPath.Ids(path);
        var units = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id))
                            .Select(u => new { u.Id, u.Kind, u.Path }).ToListAsync(ct);
        string? centre = null, branch = null;
        foreach (var unit in units.OrderBy(u => u.Path.Length))
        {
            if (unit.Kind == OrgUnitKind.Branch)
            {
                branch = unit.Path;
            }
            else if (unit.Kind == OrgUnitKind.Centre)
            {
                centre = unit.Path;
            }
        }

        branch ??= units.Where(u => u.Kind == OrgUnitKind.Company).Select(u => u.Path).FirstOrDefault() ?? OrgPath.Root;
        centre ??= path.Length > 0 ? path : branch;
        return (centre, branch);
    }

    /// <summary>The units a viewer may pick (their scope's subtree), indented by depth, for select lists.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> UnitOptionsAsync(KefuDbContext db, ScopeViewer viewer, bool english, bool activeOnly, CancellationToken ct)
    {
        var visible = viewer.VisiblePath ?? viewer.CentrePath;
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Path.StartsWith(visible) && (!activeOnly || u.IsActive))
            .OrderBy(u => u.Path).ToListAsync(ct);
        return units.Select(u => (u.Id, new string('\u3000', Math.Max(0, OrgPath.Ids(u.Path).Count - 1)) + u.DisplayName(english))).ToArray();
    }
}
