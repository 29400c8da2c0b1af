using Kefu.Core.Organization;

namespace Kefu.Core.Tests.Organization;

public sealed class JobRotationRulesTests
{
    private static IReadOnlyList<RotationProblem> Check(string? successorId, bool active = true, bool onDuty = true, int openItems = 3) =>
        JobRotationRules.SuccessorMustBeAnotherActivePerson("person", successorId, active, onDuty, openItems);

    [Fact]
    public void ORG_05_ActiveOnDutySuccessor_IsAccepted() => Assert.Empty(Check("successor"));

    [Fact]
    public void ORG_05_NoSuccessor_WhileOwningOpenItems_IsRefused() =>
        Assert.Equal([new RotationProblem("successorId", "Rotation.SuccessorRequired")], Check(null));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ORG_05_NoSuccessor_WithNothingOwned_IsAccepted(string? successorId) =>
        Assert.Empty(Check(successorId, active: false, onDuty: false, openItems: 0));

    [Fact]
    public void ORG_05_SuccessorIsThePersonThemself_IsRefused() =>
        Assert.Equal([new RotationProblem("successorId", "Rotation.SuccessorIsSelf")], Check("person"));

    [Fact]
    public void ORG_05_InactiveSuccessor_IsRefused() =>
        Assert.Equal([new RotationProblem("successorId", "Rotation.SuccessorInactive")], Check("successor", active: false));

    [Fact]
    public void ORG_05_SuccessorNotOnDuty_IsRefused() =>
        Assert.Equal([new RotationProblem("successorId", "Rotation.SuccessorNotOnDuty")], Check("successor", onDuty: false));

    [Fact]
    public void ORG_05_SuccessorChecks_ReportOneProblemAtATime() =>
        Assert.Single(Check("successor", active: false, onDuty: false));

    [Fact]
    public void ORG_05_NamedSuccessor_IsCheckedEvenWithNothingOwned() =>
        Assert.Equal("Rotation.SuccessorInactive", Assert.Single(Check("successor", active: false, openItems: 0)).Code);
}
