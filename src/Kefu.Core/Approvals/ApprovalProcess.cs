namespace Kefu.Core.Approvals;

public enum ApprovalStatus
{
    /// <summary>Waiting for the current step's approver.</summary>
    Pending,
    Approved,
    Rejected,

    /// <summary>Sent back to the submitter for correction; a resubmission starts the chain again.</summary>
    Returned,
}

public enum ApprovalAction
{
    Submit,
    Approve,
    Reject,
    Return,
}

/// <summary>One line of the history (APR-01: the full history kept and shown).</summary>
public sealed record ApprovalEntry(string StepKey, ApprovalAction Action, string ActorId, string? OnBehalfOf, DateTimeOffset At, string? Comment);

/// <summary>A person standing in for another between two dates (APR-01: delegation while away).</summary>
public sealed record Delegation(string DelegatorId, string DeputyId, DateOnly From, DateOnly To)
{
    public bool Covers(DateOnly day) => day >= From && day <= To;
}

/// <summary>Why an action was refused; the web layer turns these into 403/409/400.</summary>
public enum ApprovalRefusal
{
    None,

    /// <summary>The actor is neither the step's approver nor their delegate today.</summary>
    NotTheApprover,

    /// <summary>The process is not waiting for this step any more (acted twice, or a stale page).</summary>
    NotPending,

    /// <summary>Reject and return need a reason.</summary>
    CommentRequired,
}

/// <summary>The outcome of an action: the new state, or why it was refused.</summary>
public sealed record ApprovalResult(ApprovalRefusal Refusal, ApprovalState State)
{
    public bool Succeeded => Refusal == ApprovalRefusal.None;
}

/// <summary>
/// Where an approval stands: which applicable step is current (by key), who must act, and the
/// history. Immutable: every action returns a new state, so the engine is easy to test and the
/// database row is simply the latest state.
/// </summary>
public sealed record ApprovalState(
    ApprovalStatus Status,
    IReadOnlyList<string> StepKeys,
    int CurrentIndex,
    string? CurrentApproverId,
    IReadOnlyList<ApprovalEntry> History)
{
    public string? CurrentStepKey => Status == ApprovalStatus.Pending && CurrentIndex < StepKeys.Count ? StepKeys[CurrentIndex] : null;
}

/// <summary>
/// APR-01: the approval engine, pure. The caller supplies the chain, the subject's facts and a
/// resolver from (step, subject) to the approver's person id; the org tree lives in the web layer.
/// A step whose approver would be the subject themself is skipped (a supervisor's own form
/// starts at the branch GM, EXP-05), as is a step whose condition does not hold.
/// </summary>
public static class ApprovalEngine
{
    public static ApprovalState Submit(
        ApprovalChain chain, string submitterId, IReadOnlyDictionary<string, decimal> facts,
        Func<ApprovalStep, string?> resolveApprover, DateTimeOffset at, string? comment = null)
    {
        var steps = new List<string>();
        var approvers = new List<string?>();
        foreach (var step in chain.Steps)
        {
            if (step.Condition is { } condition && !condition.Holds(facts))
            {
                continue;
            }

            var approver = resolveApprover(step);
            // The subject's own superior step falls away (a supervisor's own form starts at the GM);
            // company-wide steps are never skipped: the resolver finds someone other than the submitter.
            if (approver == submitterId && step.Level != ApproverLevel.Company)
            {
                continue;
            }

            steps.Add(step.Key);
            approvers.Add(approver);
        }

        var history = new List<ApprovalEntry> { new("submit", ApprovalAction.Submit, submitterId, null, at, comment) };
        return steps.Count == 0
            ? new ApprovalState(ApprovalStatus.Approved, steps, 0, null, history)
            : new ApprovalState(ApprovalStatus.Pending, steps, 0, approvers[0], history);
    }

    /// <summary>Whether <paramref name="actorId"/> may act now: the approver, or their deputy on that day.</summary>
    public static bool MayAct(ApprovalState state, string actorId, IEnumerable<Delegation> delegations, DateOnly today) =>
        state.Status == ApprovalStatus.Pending && state.CurrentApproverId is { } approver &&
        (approver == actorId || delegations.Any(d => d.DelegatorId == approver && d.DeputyId == actorId && d.Covers(today)));

    /// <summary>
    /// Approve, reject or return the current step. <paramref name="stepKey"/> is the step the actor
    /// saw; acting on another (stale page, second click) is refused.
    /// </summary>
    public static ApprovalResult Act(
        ApprovalState state, ApprovalAction action, string stepKey, string actorId, IEnumerable<Delegation> delegations,
        Func<string, string?> resolveApproverOfStep, DateTimeOffset at, DateOnly today, string? comment)
    {
        if (state.Status != ApprovalStatus.Pending || state.CurrentStepKey != stepKey)
        {
            return new ApprovalResult(ApprovalRefusal.NotPending, state);
        }

        if (!MayAct(state, actorId, delegations, today))
        {
            return new ApprovalResult(ApprovalRefusal.NotTheApprover, state);
        }

        if (action is ApprovalAction.Reject or ApprovalAction.Return && string.IsNullOrWhiteSpace(comment))
        {
            return new ApprovalResult(ApprovalRefusal.CommentRequired, state);
        }

        var onBehalf = actorId == state.CurrentApproverId ? null : state.CurrentApproverId;
        var history = state.History.Append(new ApprovalEntry(stepKey, action, actorId, onBehalf, at, comment)).ToArray();
        var next = action switch
        {
            ApprovalAction.Approve when state.CurrentIndex + 1 < state.StepKeys.Count =>
                state with { CurrentIndex = state.CurrentIndex + 1, CurrentApproverId = resolveApproverOfStep(state.StepKeys[state.CurrentIndex + 1]), History = history },
            ApprovalAction.Approve => state with { Status = ApprovalStatus.Approved, CurrentApproverId = null, History = history },
            ApprovalAction.Reject => state with { Status = ApprovalStatus.Rejected, CurrentApproverId = null, History = history },
            ApprovalAction.Return => state with { Status = ApprovalStatus.Returned, CurrentApproverId = null, History = history },
            ApprovalAction.Submit => throw new ArgumentException("Submit starts a process; it is not a step action.", nameof(action)),
        };
        return new ApprovalResult(ApprovalRefusal.None, next);
    }
}
