using Kefu.Core.Organization;
using Kefu.Core.Requests;
using Kefu.Core.Visits;

namespace Kefu.Core.Tests.Visits;

public sealed class VisitReportingTests
{
    private static StaffMember Person(string id, string number, params Role[] roles) => new(id, roles, number);

    private static readonly StaffMember Gm = Person("gm", "E0001", Role.Gm);
    private static readonly StaffMember BranchGm = Person("bgm", "E0010", Role.BranchGm);
    private static readonly StaffMember Supervisor = Person("sup", "E0100", Role.CentreSupervisor);
    private static readonly StaffMember Specialist = Person("cs", "E0200", Role.CsSpecialist);
    private static readonly StaffMember Coordinator = Person("co", "E0150", Role.Coordinator);

    private static UnitStaff[] Above => [new(OrgUnitKind.Branch, [BranchGm]), new(OrgUnitKind.Company, [Gm])];

    [Fact]
    public void VIS_02_a_specialists_visit_goes_to_the_leader_of_their_centre_not_to_a_colleague()
    {
        Assert.Equal("sup", VisitReporting.Superior(Specialist, [Specialist, Coordinator, Supervisor], Above, [Gm]));
    }

    [Fact]
    public void VIS_02_the_centres_leader_reports_to_the_head_of_the_unit_above()
    {
        Assert.Equal("bgm", VisitReporting.Superior(Supervisor, [Specialist, Supervisor], Above, [Gm]));
        // Nobody leads the centre: the line goes up.
        Assert.Equal("bgm", VisitReporting.Superior(Specialist, [Specialist, Coordinator], Above, [Gm]));
    }

    [Fact]
    public void VIS_02_the_gm_has_nobody_to_report_to()
    {
        Assert.Null(VisitReporting.Superior(Gm, [Gm], [], [Gm]));
    }
}
