using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Sla;

namespace Kefu.Core.Incidents;

/// <summary>
/// EXC-07: QC investigates and decides; the project and department managers write the
/// corrective-action plan (整改方案); the CS director and the VP approve it; it goes to the customer
/// (seed 001 §4 3.1.9 "工程经理审核后发客服部主任回报副总经理审核,然后发给客户").
/// </summary>
public static class CorrectiveActionPlan
{
    /// <summary>The chain's key in the approval catalogue.</summary>
    public const string ChainKey = "corrective-action-plan";

    /// <summary>EXC-07: who writes the plan (role keys); the project manager's review is part of writing it, not a chain step.</summary>
    public static IReadOnlyList<string> Authors { get; } = [IncidentRoleKeys.ProjectManager, IncidentRoleKeys.DepartmentManager];

    /// <summary>
    /// EXC-07's default approval chain: CS director (step "cs-director") then VP (step "vp"), both
    /// company-wide, each within <see cref="IncidentPolicy.CorrectivePlanStepDays"/> working days.
    /// </summary>
    public static ApprovalChain DefaultChain(IncidentPolicy policy) => new(
        ChainKey, "整改方案审批",
        [
            new("cs-director", Role.CsDirector, ApproverLevel.Company, SlaTarget.WorkingDays(policy.CorrectivePlanStepDays)),
            new("vp", Role.Vp, ApproverLevel.Company, SlaTarget.WorkingDays(policy.CorrectivePlanStepDays)),
        ]);
}
