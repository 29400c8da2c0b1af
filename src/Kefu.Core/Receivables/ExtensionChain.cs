using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Sla;

namespace Kefu.Core.Receivables;

/// <summary>AR-05: the default chain of a request to extend the payment period (申请延长回款期).</summary>
public static class ExtensionChain
{
    /// <summary>Department manager → GM office (seed 002 "報以部門經理及總經辦進行處理"); an administrator may edit it.</summary>
    public static ApprovalChain Default { get; } = new("receivable-extension", "申请延长回款期",
    [
        new("dept-manager", Role.CsManager, ApproverLevel.Company, SlaTarget.WorkingDays(2)),
        new("gm-office", Role.Gm, ApproverLevel.Company, SlaTarget.WorkingDays(2)),
    ]);
}
