namespace Kefu.Core.Organization;

/// <summary>
/// The data scope each role grants (ORG-03). The defaults follow the seeds: a technician sees
/// their own jobs, a supervisor their centre, a branch GM their branch, head-office roles the
/// company. An administrator may change the table; a person's scope is the widest of their roles.
/// </summary>
public sealed record ScopePolicy(IReadOnlyDictionary<Role, DataScope> ScopeByRole)
{
    public static ScopePolicy Default { get; } = new(new Dictionary<Role, DataScope>
    {
        [Role.FieldEngineer] = DataScope.Own,
        [Role.CsSpecialist] = DataScope.Own,
        [Role.Coordinator] = DataScope.Centre,
        [Role.TeamLeader] = DataScope.Centre,
        [Role.CentreSupervisor] = DataScope.Centre,
        [Role.BranchGm] = DataScope.Branch,
        [Role.ExpenseAuditor] = DataScope.Company,
        [Role.CsManager] = DataScope.Company,
        [Role.CsDirector] = DataScope.Company,
        [Role.QcManager] = DataScope.Company,
        [Role.FinanceClerk] = DataScope.Company,
        [Role.Vp] = DataScope.Company,
        [Role.Gm] = DataScope.Company,
        [Role.MarketingDirector] = DataScope.Company,
        [Role.BusinessAssistant] = DataScope.Company,
        [Role.AdminClerk] = DataScope.Company,
        [Role.ReadOnlyAuditor] = DataScope.Company,
        [Role.SystemAdministrator] = DataScope.Company,
        [Role.LogisticsClerk] = DataScope.Company,
    });

    /// <summary>The widest scope among the roles; no role at all sees only their own records.</summary>
    public DataScope ScopeFor(IEnumerable<Role> roles) =>
        roles.Select(r => ScopeByRole.TryGetValue(r, out var s) ? s : DataScope.Own)
             .DefaultIfEmpty(DataScope.Own)
             .Max();
}
