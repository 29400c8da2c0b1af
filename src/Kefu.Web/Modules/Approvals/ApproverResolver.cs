using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Approvals;

/// <summary>
/// APR-01: a step's role resolved through the org tree relative to the subject: the holder in the
/// subject's centre, in its branch, or anywhere in the company. Only active staff on duty count.
/// </summary>
public sealed class ApproverResolver(KefuDbContext db)
{
    /// <param name="subjectOrgPath">Where the subject sits in the org tree.</param>
    /// <param name="submitterId">Never chosen for a company-wide step: nobody approves their own request.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Func<ApprovalStep, string?>> ForSubjectAsync(string subjectOrgPath, string? submitterId, CancellationToken ct)
    {
        var (centre, branch) = await OrgTree.AnchorsAsync(db, subjectOrgPath, ct);
        var holders = await (from u in db.Users.AsNoTracking()
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where u.Status == StaffStatus.Active && u.OnDuty
                             orderby u.EmployeeNumber
                             select new { u.Id, u.OrgPath, Role = r.Name }).ToListAsync(ct);
        return step =>
        {
            var role = KefuRoles.Name(step.Role);
            var candidates = holders.Where(h => h.Role == role);
            var anchor = step.Level switch
            {
                ApproverLevel.Centre => centre,
                ApproverLevel.Branch => branch,
                ApproverLevel.Company => OrgPath.Root,
            };
            // The holder placed at that level (the centre's supervisor sits in the centre, the GM in the branch);
            // for the company, any holder (HQ staff sit in departments).
            return (step.Level == ApproverLevel.Company
                    ? candidates.FirstOrDefault(h => h.Id != submitterId)
                    : candidates.FirstOrDefault(h => h.OrgPath == anchor) ?? candidates.FirstOrDefault(h => OrgPath.IsWithin(h.OrgPath, anchor)))?.Id;
        };
    }
}
