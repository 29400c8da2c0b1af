using Kefu.Core.Incidents;
using Kefu.Core.Organization;

namespace Kefu.Core.Tests.Incidents;

public sealed class MajorComplaintTests
{
    [Fact]
    public void EXC_11_an_open_incident_may_be_flagged_major_once()
    {
        Assert.Empty(MajorComplaints.RefusalsToFlag(major: false, closed: false));
        Assert.Equal([MajorComplaintRefusal.AlreadyMajor], MajorComplaints.RefusalsToFlag(major: true, closed: false));
        Assert.Equal([MajorComplaintRefusal.IncidentClosed], MajorComplaints.RefusalsToFlag(major: false, closed: true));
    }

    [Fact]
    public void EXC_11_only_a_major_complaint_takes_follow_ups_and_each_says_what_was_done()
    {
        Assert.Empty(MajorComplaints.RefusalsToFollowUp(major: true, closed: false, "已约见客户，商定赔付方案"));
        Assert.Equal([MajorComplaintRefusal.NotMajor], MajorComplaints.RefusalsToFollowUp(major: false, closed: false, "跟进"));
        Assert.Equal([MajorComplaintRefusal.FollowUpMissing], MajorComplaints.RefusalsToFollowUp(major: true, closed: false, " "));
        Assert.Equal([MajorComplaintRefusal.IncidentClosed], MajorComplaints.RefusalsToFollowUp(major: true, closed: true, "跟进"));
    }

    [Fact]
    public void EXC_11_the_regional_manager_is_the_branch_gm_and_follows_up()
    {
        Assert.Equal(Role.BranchGm, MajorComplaints.RegionalManager);
        Assert.Contains(MajorComplaints.RegionalManager, MajorComplaints.FollowUpRoles);
        Assert.DoesNotContain(Role.CsSpecialist, MajorComplaints.FollowUpRoles);
    }

    [Theory]
    [InlineData(120_000L, false, true)]
    [InlineData(120_000L, true, false)]
    [InlineData(null, false, false)]
    [InlineData(0L, false, false)]
    public void EXC_11_a_complaint_that_needs_compensation_fits_the_seeds_definition(long? damageFen, bool compensatedOnSpot, bool fits) =>
        Assert.Equal(fits, MajorComplaints.SeedDefinitionFits(damageFen, compensatedOnSpot));
}
