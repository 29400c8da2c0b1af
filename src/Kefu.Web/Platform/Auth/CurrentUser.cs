using System.Security.Claims;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Auth;

/// <summary>
/// The signed-in person of this request and where they stand in the org tree. Read from the
/// database once per request, so a job rotation or a role change takes effect at once.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor, KefuDbContext db)
{
    private ScopeViewer? _viewer;
    private KefuUser? _user;

    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public bool IsInRole(Role role) => Principal.IsInRole(KefuRoles.Name(role));

    public async Task<KefuUser> GetUserAsync(CancellationToken ct = default)
    {
        if (_user is not null)
        {
            return _user;
        }

        var id = UserId ?? throw new InvalidOperationException("No signed-in user.");
        _user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id, ct);
        return _user;
    }

    public async Task<IReadOnlyList<Role>> GetRolesAsync(CancellationToken ct = default)
    {
        var id = UserId ?? throw new InvalidOperationException("No signed-in user.");
        // The roles were read from the database at the start of this request (CurrentRolesTransformation): no second query.
        var names = Principal.HasClaim(CurrentRolesTransformation.Checked, "1")
            ? Principal.FindAll(((ClaimsIdentity)Principal.Identity!).RoleClaimType).Select(c => (string?)c.Value).ToList()
            : await (from ur in db.UserRoles
                     join r in db.Roles on ur.RoleId equals r.Id
                     where ur.UserId == id
                     select r.Name).ToListAsync(ct);
        return names.Select(n => KefuRoles.TryParse(n, out var role) ? role : (Role?)null)
                    .OfType<Role>().Order().ToArray();
    }

    /// <summary>The caller's data scope (ORG-03): their roles' widest scope anchored at their centre or branch.</summary>
    public async Task<ScopeViewer> GetViewerAsync(CancellationToken ct = default)
    {
        if (_viewer is not null)
        {
            return _viewer;
        }

        var user = await GetUserAsync(ct);
        var roles = await GetRolesAsync(ct);
        var (centre, branch) = await OrgTree.AnchorsAsync(db, user.OrgPath, ct);
        _viewer = new ScopeViewer(user.Id, ScopePolicy.Default.ScopeFor(roles), centre, branch);
        return _viewer;
    }
}
