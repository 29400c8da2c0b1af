using Kefu.Core.Organization;
using Kefu.Core.Requests;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Visits;

/// <summary>VIS-02 over the org tree: who a visit flagged "report to superior" goes to (<see cref="VisitReporting"/>), among active staff on duty.</summary>
public sealed class VisitReports(KefuDbContext db)
{
    public const string ReportedEvent = "VisitReported";

    public async Task<string?> SuperiorOfAsync(string visitorId, CancellationToken ct)
    {
        var visitor = await db.Users.AsNoTracking().SingleAsync(u => u.Id == visitorId, ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == visitor.OrgUnitId, ct);
        var ids = OrgPath.Ids(unit.Path).ToArray();
        var units = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var staff = await StaffAsync(db.Users.Where(u => ids.Contains(u.OrgUnitId)), ct);
        var leaders = await StaffAsync(db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
            && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == nameof(Role.Vp) || r.Name == nameof(Role.Gm))))), ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == visitorId select r.Name).ToListAsync(ct);
        var me = new StaffMember(visitorId, roles.Select(r => KefuRoles.TryParse(r, out var role) ? role : (Role?)null).OfType<Role>().ToArray(), visitor.EmployeeNumber);
        var ancestors = units.Where(u => u.Id != unit.Id).OrderByDescending(u => u.Path.Length)
            .Select(u => new UnitStaff(u.Kind, staff.Where(s => s.UnitId == u.Id).Select(s => s.Member).ToArray())).ToArray();
        return VisitReporting.Superior(me, staff.Where(s => s.UnitId == unit.Id).Select(s => s.Member).ToArray(), ancestors, leaders.Select(l => l.Member).ToArray());
    }

    private async Task<IReadOnlyList<(int UnitId, StaffMember Member)>> StaffAsync(IQueryable<KefuUser> users, CancellationToken ct)
    {
        var rows = await (from u in users.AsNoTracking()
                          where u.Status == StaffStatus.Active && u.OnDuty
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          select new { u.Id, u.OrgUnitId, u.EmployeeNumber, Role = r.Name }).ToListAsync(ct);
        return rows.GroupBy(r => r.Id).Select(g => (g.First().OrgUnitId, new StaffMember(g.Key,
            g.Select(r => KefuRoles.TryParse(r.Role, out var role) ? role : (Role?)null).OfType<Role>().ToArray(), g.First().EmployeeNumber))).ToArray();
    }
}
