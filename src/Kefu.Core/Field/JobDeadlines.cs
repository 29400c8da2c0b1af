using Kefu.Core.Sla;

namespace Kefu.Core.Field;

/// <summary>A deadline a job runs: which rule, what it measures, its target, and the action that stops it.</summary>
public sealed record JobDeadline(string Rule, JobDeadlineKind Kind, SlaTarget Target, JobAction StoppedBy);

public enum JobDeadlineKind
{
    /// <summary>FLD-02: the mobile technician sets out.</summary>
    SetOut,

    /// <summary>FLD-03: the resident technician answers the call.</summary>
    Respond,

    /// <summary>FLD-03: the resident technician is on site.</summary>
    OnSite,

    /// <summary>FLD-08: one stage of an out-of-warranty repair.</summary>
    Stage,
}

/// <summary>FLD-02/03/08: the clocks a job starts, by service mode and event.</summary>
public static class JobDeadlines
{
    public const string MobileRule = "FLD-02";
    public const string ResidentRule = "FLD-03";
    public const string StageRule = "FLD-08";

    /// <summary>Clocks started when the repair call is received (FLD-03: resident service answers and arrives counted from the call).</summary>
    public static IReadOnlyList<JobDeadline> OnReceived(ServiceMode mode, FieldPolicy policy) => mode switch
    {
        ServiceMode.Resident =>
        [
            new(ResidentRule, JobDeadlineKind.Respond, policy.ResidentRespondTarget, JobAction.Accept),
            new(ResidentRule, JobDeadlineKind.OnSite, policy.ResidentOnSiteTarget, JobAction.Arrive),
        ],
        _ => [],
    };

    /// <summary>Clocks started when a technician is assigned (FLD-02: mobile service sets out counted from the assignment; again after a hand-over).</summary>
    public static IReadOnlyList<JobDeadline> OnAssigned(ServiceMode mode, FieldPolicy policy) => mode switch
    {
        ServiceMode.Mobile => [new(MobileRule, JobDeadlineKind.SetOut, policy.SetOutTarget, JobAction.SetOut)],
        _ => [],
    };

    /// <summary>FLD-08: the clock of one stage of an out-of-warranty repair; the next stage (or finishing) stops it.</summary>
    public static JobDeadline ForStage(RepairStage stage, FieldPolicy policy) =>
        new(StageRule, JobDeadlineKind.Stage, policy.StageTarget(stage), JobAction.Finish);

    /// <summary>Which kinds an action stops. Arriving also stops the set-out clock (a technician who arrives has set out).</summary>
    public static IReadOnlyList<JobDeadlineKind> StoppedBy(JobAction action) => action switch
    {
        JobAction.Accept => [JobDeadlineKind.Respond],
        JobAction.SetOut => [JobDeadlineKind.SetOut, JobDeadlineKind.Respond],
        JobAction.Arrive => [JobDeadlineKind.SetOut, JobDeadlineKind.Respond, JobDeadlineKind.OnSite],
        JobAction.Finish or JobAction.Cancel => [JobDeadlineKind.SetOut, JobDeadlineKind.Respond, JobDeadlineKind.OnSite, JobDeadlineKind.Stage],
        _ => [],
    };
}
