using Kefu.Core.Organization;
using Kefu.Core.Requests;

namespace Kefu.Core.Tests.Requests;

/// <summary>APR-02: who replies to a memo (the receiving department's head) and who adds the leader's opinion (the sender's direct superior).</summary>
public sealed class MemoRoutingTests
{
    private static StaffMember P(string id, string number, params Role[] roles) => new(id, roles, number);

    private static readonly StaffMember Gm = P("gm", "E0001", Role.Gm);
    private static readonly StaffMember Vp = P("vp", "E0002", Role.Vp);
    private static readonly StaffMember[] Leaders = [Gm, Vp];

    [Fact]
    public void APR_02_the_head_of_a_department_is_its_most_senior_person()
    {
        // 客服部: the CS manager heads it, above the CS director and the expense auditor.
        var head = MemoRouting.HeadOf([P("auditor", "E0006", Role.ExpenseAuditor), P("csdir", "E0004", Role.CsDirector), P("csmgr", "E0003", Role.CsManager)]);
        Assert.Equal("csmgr", head!.Id);
        // Equals: the lower employee number; administrators never head a unit.
        Assert.Equal("a", MemoRouting.HeadOf([P("b", "E2", Role.Coordinator), P("a", "E1", Role.Coordinator)])!.Id);
        Assert.Null(MemoRouting.HeadOf([P("admin", "A0001", Role.SystemAdministrator), P("ro", "R1", Role.ReadOnlyAuditor)]));
    }

    [Fact]
    public void APR_02_a_centres_direct_superior_is_its_branch_gm()
    {
        UnitStaff[] above = [new(OrgUnitKind.Branch, [P("east.gm", "E0101", Role.BranchGm)]), new(OrgUnitKind.Company, [P("admin", "A0001", Role.SystemAdministrator)])];
        Assert.Equal("east.gm", MemoRouting.DirectSuperior(above, Leaders, "sh.sup"));
    }

    [Fact]
    public void APR_02_a_head_office_departments_direct_superior_is_the_vp_else_the_gm()
    {
        UnitStaff[] above = [new(OrgUnitKind.Company, [])];
        Assert.Equal("vp", MemoRouting.DirectSuperior(above, Leaders, "csmgr"));
        Assert.Equal("gm", MemoRouting.DirectSuperior(above, [Gm], "csmgr"));
        // The VP's own memo goes up to the GM; the GM has none above and the leader's step falls away.
        Assert.Equal("gm", MemoRouting.DirectSuperior(above, Leaders, "vp"));
        Assert.Equal("gm", MemoRouting.DirectSuperior(above, Leaders, "gm"));
        Assert.Null(MemoRouting.DirectSuperior(above, [], "csmgr"));
    }

    [Fact]
    public void APR_02_a_branch_without_a_head_on_duty_passes_the_memo_up_to_the_company()
    {
        UnitStaff[] above = [new(OrgUnitKind.Branch, [P("east.clerk", "E0150", Role.SystemAdministrator)]), new(OrgUnitKind.Company, [])];
        Assert.Equal("vp", MemoRouting.DirectSuperior(above, Leaders, "sh.sup"));
    }

    [Fact]
    public void APR_02_the_gm_is_copied_unless_they_write_it()
    {
        Assert.Equal("gm", MemoRouting.GeneralManager(Leaders, "csmgr"));
        Assert.Null(MemoRouting.GeneralManager(Leaders, "gm"));
    }
}
