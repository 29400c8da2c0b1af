using Kefu.Core.Organization;

namespace Kefu.Core.Requests;

/// <summary>A person as memo routing sees them: their roles and employee number (the tie-breaker).</summary>
public sealed record StaffMember(string Id, IReadOnlyCollection<Role> Roles, string EmployeeNumber);

/// <summary>A unit above the sending department and the people placed in it.</summary>
public sealed record UnitStaff(OrgUnitKind Kind, IReadOnlyList<StaffMember> Staff);

/// <summary>
/// APR-02: who a memo goes to. The receiving department replies through its head; the sending
/// department's direct superior (copied when it is written, with the GM) adds the leader's opinion.
/// Kefu has no "head of department" post, so the head is the person placed in the unit whose role
/// ranks highest in <see cref="Seniority"/>, the lowest employee number among equals.
/// </summary>
public static class MemoRouting
{
    /// <summary>Roles in the order they head a unit; roles not listed (administrators, auditors) never do.</summary>
    public static IReadOnlyList<Role> Seniority => Order;

    private static readonly Role[] Order =
    [
        Role.Gm, Role.Vp, Role.BranchGm, Role.CsManager, Role.CsDirector, Role.MarketingDirector, Role.QcManager, Role.CentreSupervisor,
        Role.TeamLeader, Role.ExpenseAuditor, Role.FinanceClerk, Role.BusinessAssistant, Role.AdminClerk, Role.LogisticsClerk, Role.Coordinator,
        Role.CsSpecialist, Role.FieldEngineer,
    ];

    /// <summary>The rank of a person's most senior role (0 is the GM); null when no role of theirs heads a unit.</summary>
    public static int? RankOf(IEnumerable<Role> roles)
    {
        var ranks = roles.Select(r => Array.IndexOf(Order, r)).Where(i => i >= 0).ToArray();
        return ranks.Length == 0 ? null : ranks.Min();
    }

    /// <summary>The head of a unit among the people placed in it; null when nobody can head it.</summary>
    public static StaffMember? HeadOf(IEnumerable<StaffMember> staff) =>
        staff.Select(s => (Member: s, Rank: RankOf(s.Roles)))
             .Where(s => s.Rank is not null)
             .OrderBy(s => s.Rank).ThenBy(s => s.Member.EmployeeNumber, StringComparer.Ordinal)
             .Select(s => s.Member).FirstOrDefault();

    /// <summary>
    /// The sending department's direct superior: the head of the nearest unit above it (a centre's
    /// branch GM); above the branches, the company's VP, else the GM. The GM has no superior: the
    /// writer is returned, and the engine lets a step that falls to the writer fall away.
    /// </summary>
    /// <param name="ancestors">The units above the sending department, nearest first, the company last.</param>
    /// <param name="companyLeaders">Active holders of <see cref="Role.Vp"/> or <see cref="Role.Gm"/>, wherever they are placed.</param>
    /// <param name="writerId">Who writes the memo; never their own superior unless they are the GM.</param>
    public static string? DirectSuperior(IReadOnlyList<UnitStaff> ancestors, IReadOnlyList<StaffMember> companyLeaders, string writerId)
    {
        if (companyLeaders.Any(l => l.Id == writerId && l.Roles.Contains(Role.Gm)))
        {
            return writerId;
        }

        foreach (var unit in ancestors)
        {
            if (unit.Kind == OrgUnitKind.Company)
            {
                break;
            }

            if (HeadOf(unit.Staff.Where(s => s.Id != writerId)) is { } head)
            {
                return head.Id;
            }
        }

        return Leader(companyLeaders, Role.Vp, writerId) ?? Leader(companyLeaders, Role.Gm, writerId);
    }

    /// <summary>The GM copied on every memo (APR-02); null when there is none or the GM writes it.</summary>
    public static string? GeneralManager(IReadOnlyList<StaffMember> companyLeaders, string writerId) => Leader(companyLeaders, Role.Gm, writerId);

    private static string? Leader(IEnumerable<StaffMember> leaders, Role role, string writerId) =>
        leaders.Where(l => l.Roles.Contains(role) && l.Id != writerId).OrderBy(l => l.EmployeeNumber, StringComparer.Ordinal).Select(l => l.Id).FirstOrDefault();
}
