using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Organization;

/// <summary>Filters of the staff list; all of them live in the query string.</summary>
public sealed record StaffFilter(string? Q = null, int? OrgUnitId = null, Role? Role = null, StaffStatus? Status = null, ListSort? Sort = null, int? Page = null, int? PageSize = null);

public sealed record StaffRow(
    string Id, string UserName, string DisplayName, string EmployeeNumber, string? Email, string? Phone,
    int OrgUnitId, string OrgUnitName, IReadOnlyList<Role> Roles, string? Skills, string? Grade, DateOnly? HireDate,
    StaffStatus Status, bool OnDuty, string? ConcurrencyStamp, string? NotOnDutyReason = null);

/// <summary>Reads of staff records (ORG-04), always through the caller's data scope (ORG-03).</summary>
public sealed class StaffQueries(KefuDbContext db, Training.Contracts.IOnDutyGate duty)
{
    public async Task<Paged<StaffRow>> ListAsync(ScopeViewer viewer, StaffFilter filter, bool english, CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(filter.Page, filter.PageSize);
        var query = Filtered(viewer, filter);
        var total = await query.CountAsync(ct);
        var users = await Sorted(query, filter.Sort).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<StaffRow>(await ToRowsAsync(users, english, ct), page, size, total);
    }

    public async Task<IReadOnlyList<StaffRow>> ExportAsync(ScopeViewer viewer, StaffFilter filter, bool english, CancellationToken ct)
    {
        var users = await Sorted(Filtered(viewer, filter), filter.Sort).Take(Paging.MaxExportRows).ToListAsync(ct);
        return await ToRowsAsync(users, english, ct);
    }

    public async Task<StaffRow?> GetAsync(ScopeViewer viewer, string id, bool english, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? null : (await ToRowsAsync([user], english, ct))[0];
    }

    private IQueryable<KefuUser> Filtered(ScopeViewer viewer, StaffFilter filter)
    {
        var query = db.Users.AsNoTracking().VisibleTo(viewer);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(u => u.DisplayName.Contains(q) || u.UserName!.Contains(q) || u.EmployeeNumber.Contains(q) || (u.PhoneNumber != null && u.PhoneNumber.Contains(q)));
        }

        if (filter.OrgUnitId is { } unitId)
        {
            // An unknown unit selects nobody (PostgreSQL refuses a NUL sentinel in text).
            var path = db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefault();
            query = path is null ? query.Where(_ => false) : query.Where(u => u.OrgPath.StartsWith(path));
        }

        if (filter.Role is { } role)
        {
            query = query.Holding(db, role);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(u => u.Status == status);
        }

        return query;
    }

    /// <summary>The columns the staff list sorts on (page and API); by employee number by default.</summary>
    public SortMap<KefuUser> Sorts() => new SortMap<KefuUser>(q => q.OrderBy(u => u.EmployeeNumber).ThenBy(u => u.Id), q => q.ThenBy(u => u.Id))
        .Add("number", u => u.EmployeeNumber).Add("name", u => u.DisplayName).Add("user", u => u.UserName).Add("hired", u => u.HireDate)
        .Add("unit", u => db.OrgUnits.Where(o => o.Id == u.OrgUnitId).Select(o => o.Name).FirstOrDefault())
        .Add("status", u => u.Status).Add("onDuty", u => u.OnDuty);

    private IQueryable<KefuUser> Sorted(IQueryable<KefuUser> query, ListSort? sort) => Sorts().Apply(query, sort);

    private async Task<IReadOnlyList<StaffRow>> ToRowsAsync(IReadOnlyList<KefuUser> users, bool english, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToArray();
        var unitIds = users.Select(u => u.OrgUnitId).Distinct().ToArray();
        var roleRows = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              where ids.Contains(ur.UserId)
                              select new { ur.UserId, r.Name }).ToListAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var rolesByUser = roleRows.ToLookup(r => r.UserId, r => KefuRoles.TryParse(r.Name, out var role) ? role : (Role?)null);
        // TRN-04: who is not on duty and why, in the reader's words.
        var reasons = await duty.ReasonsAsync(ids, ct);
        return users.Select(u => new StaffRow(
            u.Id, u.UserName!, u.DisplayName, u.EmployeeNumber, u.Email, u.PhoneNumber, u.OrgUnitId,
            units.TryGetValue(u.OrgUnitId, out var unit) ? unit.DisplayName(english) : "",
            rolesByUser[u.Id].OfType<Role>().Order().ToArray(), u.Skills, u.Grade, u.HireDate, u.Status, u.OnDuty, u.ConcurrencyStamp,
            reasons.TryGetValue(u.Id, out var reason) ? Platform.Localization.Text.Get(reason) : null)).ToArray();
    }
}
