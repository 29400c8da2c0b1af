using Kefu.Core.Organization;

namespace Kefu.Core.Incidents;

/// <summary>Why flagging an incident major, or a follow-up on it, is refused (EXC-11).</summary>
public enum MajorComplaintRefusal
{
    /// <summary>The incident is already flagged major.</summary>
    AlreadyMajor,

    /// <summary>A closed incident is not flagged or followed up any more.</summary>
    IncidentClosed,

    /// <summary>Only a major complaint is followed up by the regional manager.</summary>
    NotMajor,

    /// <summary>A follow-up says what was done; it was empty.</summary>
    FollowUpMissing,
}

/// <summary>
/// EXC-11 (seed 003, 区域经理客服助理: "对于发生的重大投诉事件(需要赔付处理的投诉事件),应亲自跟踪处理,
/// 并将处理结果及时上报客服部"): a complaint can be flagged major when it is recorded or later; the
/// regional manager of the incident's region is told and follows it up personally, each step on the
/// incident's timeline.
/// </summary>
public static class MajorComplaints
{
    public const string RuleId = "EXC-11";

    /// <summary>
    /// The regional manager. Kefu's org tree has no region level and no regional-manager role: the
    /// branch (分公司, e.g. 华东) is the region, so its branch GM is the one who tracks the major
    /// complaints of the centres below it.
    /// </summary>
    public static Role RegionalManager => Role.BranchGm;

    /// <summary>
    /// Who records follow-ups: the regional manager, and the CS manager, to whom the seed has the
    /// result reported and who keeps the complaint file of every region (seed 003 客服部职责:
    /// "对各区域业主投诉处理情况进行跟踪、回访,建立业主投诉处理档案").
    /// </summary>
    public static IReadOnlyList<Role> FollowUpRoles { get; } = [Role.BranchGm, Role.CsManager];

    /// <summary>Every reason the incident may not be flagged major now; empty means it may.</summary>
    public static IReadOnlyList<MajorComplaintRefusal> RefusalsToFlag(bool major, bool closed)
    {
        var refusals = new List<MajorComplaintRefusal>();
        if (major)
        {
            refusals.Add(MajorComplaintRefusal.AlreadyMajor);
        }

        if (closed)
        {
            refusals.Add(MajorComplaintRefusal.IncidentClosed);
        }

        return refusals;
    }

    /// <summary>Every reason a follow-up may not be recorded now; empty means it may.</summary>
    public static IReadOnlyList<MajorComplaintRefusal> RefusalsToFollowUp(bool major, bool closed, string? text)
    {
        var refusals = new List<MajorComplaintRefusal>();
        if (!major)
        {
            refusals.Add(MajorComplaintRefusal.NotMajor);
        }

        if (closed)
        {
            refusals.Add(MajorComplaintRefusal.IncidentClosed);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            refusals.Add(MajorComplaintRefusal.FollowUpMissing);
        }

        return refusals;
    }

    /// <summary>
    /// Whether the seed's definition of a major complaint fits: a complaint that needs compensation
    /// (需要赔付处理), i.e. damage claimed that was not settled on the spot. Kefu suggests the flag;
    /// people decide.
    /// </summary>
    public static bool SeedDefinitionFits(long? damageFen, bool compensatedOnSpot) => damageFen is > 0 && !compensatedOnSpot;
}
