using Kefu.Core.Organization;

namespace Kefu.Web.Platform.Auth;

/// <summary>Identity role names are the <see cref="Role"/> names; the policies group them by what they may do.</summary>
public static class KefuRoles
{
    public static string Name(Role role) => role.ToString();

    public static IEnumerable<Role> All => Enum.GetValues<Role>();

    public static bool TryParse(string? name, out Role role) => Enum.TryParse(name, ignoreCase: false, out role) && Enum.IsDefined(role);
}

/// <summary>Authorization policy names. The role lists live in <see cref="AuthSetup"/>.</summary>
public static class Policies
{
    /// <summary>System administration: org tree, staff, roles, tokens, settings.</summary>
    public const string Administer = "Administer";

    /// <summary>Managing staff records and job rotation (administrator, admin clerk).</summary>
    public const string ManageStaff = "ManageStaff";

    /// <summary>Reading staff records of one's scope (leaders and administrators).</summary>
    public const string ReadStaff = "ReadStaff";

    /// <summary>Reading the audit log.</summary>
    public const string ReadAudit = "ReadAudit";

    /// <summary>Reading customers of one's scope.</summary>
    public const string ReadCustomers = "ReadCustomers";

    internal static readonly Role[] StaffReaders =
    [
        Role.CentreSupervisor, Role.TeamLeader, Role.Coordinator, Role.BranchGm, Role.CsManager, Role.CsDirector,
        Role.QcManager, Role.Vp, Role.Gm, Role.AdminClerk, Role.ReadOnlyAuditor, Role.SystemAdministrator,
    ];

    internal static readonly Role[] StaffManagers = [Role.SystemAdministrator, Role.AdminClerk];

    internal static readonly Role[] AuditReaders = [Role.SystemAdministrator, Role.ReadOnlyAuditor, Role.Gm];

    internal static readonly Role[] CustomerReaders =
    [
        Role.CsSpecialist, Role.Coordinator, Role.TeamLeader, Role.CentreSupervisor, Role.BranchGm, Role.CsManager,
        Role.CsDirector, Role.QcManager, Role.FinanceClerk, Role.Vp, Role.Gm, Role.MarketingDirector,
        Role.BusinessAssistant, Role.ReadOnlyAuditor, Role.SystemAdministrator,
    ];
}

/// <summary>Who holds a role, as part of a query (one SQL statement, no loading of role lists).</summary>
public static class RoleHolders
{
    public static IQueryable<Data.KefuUser> Holding(this IQueryable<Data.KefuUser> users, Data.KefuDbContext db, Role role)
    {
        var name = KefuRoles.Name(role);
        return users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == name)));
    }

    /// <summary>Active staff holding <paramref name="role"/>.</summary>
    public static IQueryable<Data.KefuUser> ActiveHolding(this IQueryable<Data.KefuUser> users, Data.KefuDbContext db, Role role) =>
        users.Holding(db, role).Where(u => u.Status == StaffStatus.Active);
}
