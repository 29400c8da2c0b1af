using Kefu.Core.Organization;

namespace Kefu.Core.Tests.Organization;

public sealed class ScopePolicyTests
{
    [Theory]
    [InlineData(Role.FieldEngineer, DataScope.Own)]
    [InlineData(Role.CsSpecialist, DataScope.Own)]
    [InlineData(Role.Coordinator, DataScope.Centre)]
    [InlineData(Role.TeamLeader, DataScope.Centre)]
    [InlineData(Role.CentreSupervisor, DataScope.Centre)]
    [InlineData(Role.BranchGm, DataScope.Branch)]
    [InlineData(Role.Gm, DataScope.Company)]
    [InlineData(Role.SystemAdministrator, DataScope.Company)]
    [InlineData(Role.ReadOnlyAuditor, DataScope.Company)]
    public void ORG_03_ScopeFor_SingleRole_IsTheRolesDefault(Role role, DataScope expected) =>
        Assert.Equal(expected, ScopePolicy.Default.ScopeFor([role]));

    [Fact]
    public void ORG_03_DefaultPolicy_CoversEveryRole() =>
        Assert.All(Enum.GetValues<Role>(), r => Assert.True(ScopePolicy.Default.ScopeByRole.ContainsKey(r), $"{r} has no default scope"));

    [Fact]
    public void ORG_03_ScopeFor_SeveralRoles_IsTheWidest()
    {
        Assert.Equal(DataScope.Branch, ScopePolicy.Default.ScopeFor([Role.FieldEngineer, Role.BranchGm, Role.CentreSupervisor]));
        Assert.Equal(DataScope.Company, ScopePolicy.Default.ScopeFor([Role.CentreSupervisor, Role.AdminClerk]));
        Assert.Equal(DataScope.Centre, ScopePolicy.Default.ScopeFor([Role.CsSpecialist, Role.Coordinator]));
    }

    [Fact]
    public void ORG_03_ScopeFor_NoRole_IsOwnOnly() =>
        Assert.Equal(DataScope.Own, ScopePolicy.Default.ScopeFor([]));

    [Fact]
    public void ORG_03_ScopeFor_RoleMissingFromAdminEditedTable_FallsBackToOwn()
    {
        var policy = new ScopePolicy(new Dictionary<Role, DataScope> { [Role.CentreSupervisor] = DataScope.Branch });

        Assert.Equal(DataScope.Own, policy.ScopeFor([Role.Gm]));
        Assert.Equal(DataScope.Branch, policy.ScopeFor([Role.Gm, Role.CentreSupervisor]));
    }
}
