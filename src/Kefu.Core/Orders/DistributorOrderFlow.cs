namespace Kefu.Core.Orders;

/// <summary>Why a flow step may not be completed now (ORD-08).</summary>
public enum FlowStepRefusal
{
    None,

    /// <summary>The key is not a step of the flow.</summary>
    UnknownStep,

    /// <summary>The step is already done.</summary>
    AlreadyCompleted,

    /// <summary>An earlier step is not done yet; <see cref="FlowStepCheck.Expected"/> says which.</summary>
    OutOfOrder,

    /// <summary>The actor holds none of the step's owner role.</summary>
    NotTheOwner,
}

/// <summary>The outcome of checking a step completion: the refusal, if any, and the step that is due next.</summary>
public sealed record FlowStepCheck(FlowStepRefusal Refusal, FlowStep? Expected)
{
    public bool Allowed => Refusal == FlowStepRefusal.None;
}

/// <summary>
/// ORD-08: the distributor order flow as an ordered list of steps (default
/// <see cref="OrderPolicy.DefaultDistributorFlow"/>); steps complete strictly in order.
/// </summary>
public static class DistributorOrderFlow
{
    /// <summary>Problems that make a flow unusable, as messages; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<FlowStep> steps)
    {
        var problems = new List<string>();
        if (steps.Count == 0)
        {
            problems.Add("A flow needs at least one step.");
        }

        if (steps.Any(s => string.IsNullOrWhiteSpace(s.Key) || string.IsNullOrWhiteSpace(s.OwnerRole)))
        {
            problems.Add("Every step needs a key and an owner role.");
        }

        if (steps.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() != steps.Count)
        {
            problems.Add("Step keys must be unique.");
        }

        return problems;
    }

    /// <summary>ORD-08: the first step not yet completed, or null when the flow is finished.</summary>
    public static FlowStep? NextStep(IReadOnlyList<FlowStep> steps, IReadOnlyCollection<string> completedKeys) =>
        steps.FirstOrDefault(s => !completedKeys.Contains(s.Key, StringComparer.Ordinal));

    /// <summary>ORD-08: whether every step is done.</summary>
    public static bool IsFinished(IReadOnlyList<FlowStep> steps, IReadOnlyCollection<string> completedKeys) =>
        NextStep(steps, completedKeys) is null;

    /// <summary>
    /// ORD-08: whether <paramref name="stepKey"/> may be completed now by someone holding
    /// <paramref name="actorRoles"/> (role keys; null skips the role check): it must be a step of the
    /// flow, not done yet, the next one due, and the actor must hold its owner role.
    /// </summary>
    public static FlowStepCheck CheckCompletion(
        IReadOnlyList<FlowStep> steps, IReadOnlyCollection<string> completedKeys, string stepKey, IReadOnlyCollection<string>? actorRoles = null)
    {
        var next = NextStep(steps, completedKeys);
        var step = steps.FirstOrDefault(s => s.Key == stepKey);
        if (step is null)
        {
            return new(FlowStepRefusal.UnknownStep, next);
        }

        if (completedKeys.Contains(stepKey, StringComparer.Ordinal))
        {
            return new(FlowStepRefusal.AlreadyCompleted, next);
        }

        if (next is not null && next.Key != stepKey)
        {
            return new(FlowStepRefusal.OutOfOrder, next);
        }

        if (actorRoles is not null && !actorRoles.Contains(step.OwnerRole, StringComparer.Ordinal))
        {
            return new(FlowStepRefusal.NotTheOwner, next);
        }

        return new(FlowStepRefusal.None, next);
    }
}
