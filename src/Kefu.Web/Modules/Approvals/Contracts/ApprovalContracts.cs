using Kefu.Core.Approvals;

namespace Kefu.Web.Modules.Approvals.Contracts;

/// <summary>What a module asks for when a subject (a claim, a handover form…) goes into its chain.</summary>
public sealed record SubmitApproval(
    ApprovalChain Chain,
    string SubjectType,
    string SubjectId,
    string Title,
    string SubmitterId,
    string SubjectOrgPath,
    IReadOnlyDictionary<string, decimal> Facts,
    string? Link = null,
    string? Comment = null);

/// <summary>An approver's decision on the step they saw.</summary>
public sealed record ApprovalDecision(long InstanceId, string StepKey, ApprovalAction Action, string? Comment);

/// <summary>The result of submitting or acting.</summary>
public abstract record ApprovalOutcome
{
    public sealed record Done(long InstanceId, ApprovalStatus Status, string? CurrentStepKey) : ApprovalOutcome;

    /// <summary>The engine refused (not the approver → 403, not pending → 409, comment required → 400).</summary>
    public sealed record Refused(ApprovalRefusal Refusal) : ApprovalOutcome;

    /// <summary>Nobody holds the role a step needs for this subject: the administrator must fix the org or the chain.</summary>
    public sealed record NoApprover(string StepKey, string Role) : ApprovalOutcome;

    /// <summary>The step cannot be acted on before this instant (EXP-07's finance window).</summary>
    public sealed record NotOpenYet(DateTimeOffset OpensAt) : ApprovalOutcome;

    public sealed record NotFound : ApprovalOutcome;
}

/// <summary>
/// A module's say in its subjects' approvals: when a step may start (EXP-07 holds forms for
/// finance until the 10th) and what happens when the chain moves. Registered per subject type.
/// </summary>
public interface IApprovalSubjectHandler
{
    string SubjectType { get; }

    /// <summary>The earliest instant the step may be acted on and its deadline starts; <paramref name="now"/> when it may start at once.</summary>
    Task<DateTimeOffset> StepOpensAtAsync(string subjectId, string stepKey, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Whether the step's deadline waits for something outside the chain when the step begins (EXP-12:
    /// the auditor's clock waits for the paper to reach HQ). The approver may still act; the module
    /// starts the deadline later with <c>ApprovalService.RestartStepClockAsync</c>. Most steps never wait.
    /// </summary>
    Task<bool> StepClockHeldAsync(string subjectId, string stepKey, CancellationToken ct) => Task.FromResult(false);

    /// <summary>Called in the same unit of work after every submission and decision.</summary>
    Task OnChangedAsync(string subjectId, ApprovalStatus status, string? currentStepKey, ApprovalDecision? decision, string actorId, CancellationToken ct);

    /// <summary>
    /// The people the subject itself names for some steps, by step key, instead of the org tree's
    /// holder of the step's role: a memo goes to the head of the department it is addressed to and
    /// to the writer's direct superior (APR-02). A step named with null has nobody to act on it.
    /// Most subjects name nobody.
    /// </summary>
    Task<IReadOnlyDictionary<string, string?>> NamedApproversAsync(string subjectId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());
}
