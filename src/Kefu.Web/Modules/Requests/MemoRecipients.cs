using Kefu.Core.Organization;
using Kefu.Core.Requests;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Requests;

/// <summary>The people a memo reaches (APR-02): who replies, the writer's direct superior, the GM copied.</summary>
public sealed record MemoRoute(string? ReceivingHead, string? Superior, string? GeneralManager);

/// <summary>
/// APR-02 over the org tree: the head of the receiving department, the sending department's direct
/// superior and the GM, found among active staff on duty by <see cref="MemoRouting"/>.
/// </summary>
public sealed class MemoRecipients(KefuDbContext db)
{
    public async Task<MemoRoute> RouteAsync(RequestForm memo, CancellationToken ct)
    {
        var leaders = await StaffAsync(db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
            && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == nameof(Role.Vp) || r.Name == nameof(Role.Gm))))), ct);
        var companyLeaders = leaders.Select(s => s.Member).ToArray();
        return new MemoRoute(
            memo.ToUnitId is { } to ? await HeadAsync(to, memo.OwnerId, ct) : null,
            await SuperiorAsync(memo.OrgUnitId, memo.OwnerId, companyLeaders, ct),
            MemoRouting.GeneralManager(companyLeaders, memo.OwnerId));
    }

    /// <summary>The head of a unit (placed in it; else anywhere below it), never the writer.</summary>
    public async Task<string?> HeadAsync(int unitId, string writerId, CancellationToken ct)
    {
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
        {
            return null;
        }

        var staff = await StaffAsync(db.Users.Where(u => u.OrgPath.StartsWith(unit.Path) && u.Id != writerId), ct);
        return (MemoRouting.HeadOf(staff.Where(s => s.UnitId == unitId).Select(s => s.Member))
                ?? MemoRouting.HeadOf(staff.Select(s => s.Member)))?.Id;
    }

    /// <summary>The active staff on duty holding <paramref name="role"/>.</summary>
    public async Task<IReadOnlyList<string>> HoldersAsync(Role role, CancellationToken ct) =>
        await db.Users.AsNoTracking().ActiveHolding(db, role).Where(u => u.OnDuty).OrderBy(u => u.EmployeeNumber).Select(u => u.Id).ToListAsync(ct);

    private async Task<string?> SuperiorAsync(int fromUnitId, string writerId, IReadOnlyList<StaffMember> companyLeaders, CancellationToken ct)
    {
        var from = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == fromUnitId, ct);
        var ids = OrgPath.Ids(from.Path).Where(id => id != fromUnitId).ToArray();
        var units = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var staff = await StaffAsync(db.Users.Where(u => ids.Contains(u.OrgUnitId)), ct);
        var ancestors = units.OrderByDescending(u => u.Path.Length)
            .Select(u => new UnitStaff(u.Kind, staff.Where(s => s.UnitId == u.Id).Select(s => s.Member).ToArray())).ToArray();
        return MemoRouting.DirectSuperior(ancestors, companyLeaders, writerId);
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
