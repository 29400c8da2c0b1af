using Kefu.Core.Organization;
using Kefu.Core.Requests;

namespace Kefu.Core.Visits;

/// <summary>
/// VIS-02 (seed 004: 接受客户提出的意见，汇报给上级，并跟踪处理): a visit flagged "report to superior"
/// goes to the visitor's superior on the org line. In the visitor's own unit that is its leader
/// (a team leader or above who outranks the visitor); when the visitor leads the unit, or nobody
/// there does, it is the head of the nearest unit above (a centre's branch GM), then the company's
/// VP or GM — the same line memos follow (APR-02).
/// </summary>
public static class VisitReporting
{
    public const string RuleId = "VIS-02";

    /// <summary>The visitor's superior, or null when there is nobody above them (the GM).</summary>
    /// <param name="visitor">The person who made the visit.</param>
    /// <param name="ownUnit">The people placed in the visitor's unit.</param>
    /// <param name="ancestors">The units above the visitor's unit, nearest first, the company last.</param>
    /// <param name="companyLeaders">Active holders of VP or GM, wherever they are placed.</param>
    public static string? Superior(StaffMember visitor, IReadOnlyList<StaffMember> ownUnit, IReadOnlyList<UnitStaff> ancestors, IReadOnlyList<StaffMember> companyLeaders)
    {
        var rank = MemoRouting.RankOf(visitor.Roles) ?? int.MaxValue;
        var leaders = MemoRouting.RankOf([Role.TeamLeader])!.Value;
        var head = MemoRouting.HeadOf(ownUnit.Where(s => s.Id != visitor.Id && MemoRouting.RankOf(s.Roles) is { } r && r < rank && r <= leaders));
        if (head is not null)
        {
            return head.Id;
        }

        var above = MemoRouting.DirectSuperior(ancestors, companyLeaders, visitor.Id);
        return above == visitor.Id ? null : above;
    }
}
