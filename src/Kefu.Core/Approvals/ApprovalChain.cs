using Kefu.Core.Organization;
using Kefu.Core.Sla;

namespace Kefu.Core.Approvals;

/// <summary>Where an approver is looked for, relative to the subject (the claimant, the customer's centre…).</summary>
public enum ApproverLevel
{
    /// <summary>In the subject's centre (the centre supervisor).</summary>
    Centre,

    /// <summary>In the subject's branch (the branch GM).</summary>
    Branch,

    /// <summary>Anywhere in the company (HQ's expense auditor, the CS manager, the VP, finance).</summary>
    Company,
}

public enum ConditionOperator
{
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    Equal,
}

/// <summary>A step applies only when a fact of the subject meets it, e.g. amount &gt; the VP threshold (EXP-05).</summary>
public sealed record StepCondition(string Fact, ConditionOperator Operator, decimal Value)
{
    public bool Holds(IReadOnlyDictionary<string, decimal> facts) =>
        facts.TryGetValue(Fact, out var actual) && Operator switch
        {
            ConditionOperator.GreaterThan => actual > Value,
            ConditionOperator.GreaterThanOrEqual => actual >= Value,
            ConditionOperator.LessThan => actual < Value,
            ConditionOperator.Equal => actual == Value,
        };
}

/// <summary>One step of a chain: who (a role at a level relative to the subject), by when, and when it applies.</summary>
public sealed record ApprovalStep(string Key, Role Role, ApproverLevel Level, SlaTarget? Deadline = null, StepCondition? Condition = null);

/// <summary>
/// APR-01: an approval chain as data. Every chain in Kefu (EXP-05, ORD-03, EXC-07, FLD-09, AR-05,
/// APR-03, APR-04) is one of these, editable by an administrator; no chain is code.
/// </summary>
public sealed record ApprovalChain(string Key, string Name, IReadOnlyList<ApprovalStep> Steps)
{
    /// <summary>Problems that make the chain unusable, as (field, message).</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var problems = new List<(string, string)>();
        if (Steps.Count == 0)
        {
            problems.Add(("steps", "A chain needs at least one step."));
        }

        if (Steps.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() != Steps.Count)
        {
            problems.Add(("steps", "Step keys must be unique."));
        }

        if (Steps.Any(s => s.Deadline is { Amount: <= 0 }))
        {
            problems.Add(("steps", "A deadline must be positive."));
        }

        return problems;
    }

    /// <summary>
    /// EXP-05 as the seed describes it: supervisor (first review) → branch GM (second review) → HQ
    /// expense auditor (3 WD) → CS manager (1 WD) → VP when one form exceeds the threshold → finance
    /// (pays within 7 WD). The numbers come from the expense policy.
    /// </summary>
    public static ApprovalChain Expenses(int auditorDays, int managerDays, decimal vpThresholdYuan, int financeDays) => new(
        "expense-claim", "费用报销",
        [
            new("supervisor", Role.CentreSupervisor, ApproverLevel.Centre, SlaTarget.WorkingDays(2)),
            new("branch-gm", Role.BranchGm, ApproverLevel.Branch, SlaTarget.WorkingDays(2)),
            new("auditor", Role.ExpenseAuditor, ApproverLevel.Company, SlaTarget.WorkingDays(auditorDays)),
            new("cs-manager", Role.CsManager, ApproverLevel.Company, SlaTarget.WorkingDays(managerDays)),
            new("vp", Role.Vp, ApproverLevel.Company, SlaTarget.WorkingDays(2), new StepCondition("amount", ConditionOperator.GreaterThan, vpThresholdYuan)),
            new("finance", Role.FinanceClerk, ApproverLevel.Company, SlaTarget.WorkingDays(financeDays)),
        ]);
}
