using System.Security.Claims;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Platform.Auth;

/// <summary>
/// Every request is judged by the person's current state, not by what a cookie or bearer token
/// remembered when it was issued: a sign-in whose security stamp is stale (job rotation, role
/// change, password change) or whose person has left no longer counts, and the role claims are
/// the roles held now (ORG-05).
/// </summary>
public sealed class CurrentRolesTransformation(KefuDbContext db, IOptions<IdentityOptions> identity) : IClaimsTransformation
{
    /// <summary>Marks a principal whose roles were read from the database in this request.</summary>
    public const string Checked = "kefu:checked";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        // A customer's portal session is no staff member's: it has no roles to read and is never turned into one.
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } claims || principal.HasClaim(Checked, "1")
            || claims.AuthenticationType == AuthSetup.CustomerPortalScheme)
        {
            return principal;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = userId is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.SecurityStamp, u.Status }).SingleOrDefaultAsync();
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (user is null || user.Status == StaffStatus.Left || (stamp is not null && stamp != user.SecurityStamp))
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name).ToListAsync();
        var current = new ClaimsIdentity(claims.Claims.Where(c => c.Type != claims.RoleClaimType), claims.AuthenticationType, claims.NameClaimType, claims.RoleClaimType);
        current.AddClaims(roles.OfType<string>().Select(r => new Claim(claims.RoleClaimType, r)));
        current.AddClaim(new Claim(Checked, "1"));
        return new ClaimsPrincipal(current);
    }
}
