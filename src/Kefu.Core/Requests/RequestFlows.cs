using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Sla;

namespace Kefu.Core.Requests;

/// <summary>The three forms of seed 004 that travel between departments.</summary>
public enum RequestKind
{
    /// <summary>部门联络函 (APR-02).</summary>
    Memo,

    /// <summary>样品申请单 (APR-03).</summary>
    Sample,

    /// <summary>特殊政策申请 (APR-04).</summary>
    SpecialPolicy,
}

/// <summary>What the person completing a step must give besides the decision.</summary>
[Flags]
public enum StepNeeds
{
    None = 0,

    /// <summary>A written opinion (the receiving department's handling opinion, the leader's opinion).</summary>
    Opinion = 1,

    /// <summary>The carrier and the tracking number of the shipment (APR-03).</summary>
    Shipment = 2,
}

/// <summary>One step of a request's chain: the actions its approver may take and what completing it needs.</summary>
public sealed record StepRule(string Key, IReadOnlyList<ApprovalAction> Actions, StepNeeds Needs);

/// <summary>What a decision carries besides its action.</summary>
public sealed record StepInput(string? Comment, string? Carrier, string? TrackingNumber, DateOnly? ShippedOn);

/// <summary>Why a decision is refused, by field, with the rule it breaks and the message's key.</summary>
public sealed record StepViolation(string RuleId, string Field, string MessageKey, params object[] Args);

/// <summary>The step keys of the three chains (each chain's own, so a step's name is unambiguous in every inbox).</summary>
public static class RequestSteps
{
    public const string MemoReply = "memo-reply";
    public const string MemoLeader = "memo-leader";
    public const string MemoArchive = "memo-archive";
    public const string SampleApproval = "sample-approval";
    public const string SampleSlip = "sample-slip";
    public const string SampleShipping = "sample-shipping";
    public const string SampleFiling = "sample-filing";
    public const string PolicyApproval = "policy-approval";
    public const string PolicyCommerceFiling = "policy-commerce-filing";
    public const string PolicyFinanceFiling = "policy-finance-filing";
}

/// <summary>
/// APR-02..04 on the APR-01 engine: each form's chain (steps by role, deadlines in working days
/// from <see cref="RequestsPolicy"/>) and the transitions each step allows.
/// </summary>
public static class RequestFlows
{
    private static readonly ApprovalAction[] ApproveOnly = [ApprovalAction.Approve];
    private static readonly ApprovalAction[] Decide = [ApprovalAction.Approve, ApprovalAction.Reject, ApprovalAction.Return];

    /// <summary>The rule of REQUIREMENTS.md each form follows.</summary>
    public static string RuleOf(RequestKind kind) => kind switch
    {
        RequestKind.Memo => "APR-02",
        RequestKind.Sample => "APR-03",
        RequestKind.SpecialPolicy => "APR-04",
    };

    /// <summary>The chain key (and approval settings key) of a form.</summary>
    public static string ChainKey(RequestKind kind) => kind switch
    {
        RequestKind.Memo => "department-memo",
        RequestKind.Sample => "sample-request",
        RequestKind.SpecialPolicy => "special-policy-request",
    };

    /// <summary>
    /// The default chain of a form. APR-02: the sending department writes the memo (the submission);
    /// the receiving department replies with its handling opinion; the sending department's direct
    /// leader adds an opinion; administration archives it. The memo names the people of its first
    /// two steps (the head of the receiving department, the sender's direct superior:
    /// <see cref="MemoRouting"/>); their roles here are those who usually hold them at head office.
    /// APR-03: marketing director approves → commerce (business assistant) issues the outbound slip
    /// → logistics ships → finance files. APR-04: marketing director approves → filed with commerce,
    /// then with finance.
    /// </summary>
    public static ApprovalChain Chain(RequestKind kind, RequestsPolicy policy) => kind switch
    {
        RequestKind.Memo => new(ChainKey(kind), "部门联络函",
        [
            // Levels below the company: a step whose named person is the writer falls away (the GM's own memo has no leader above).
            new(RequestSteps.MemoReply, Role.CsManager, ApproverLevel.Centre, SlaTarget.WorkingDays(policy.MemoReplyDays)),
            new(RequestSteps.MemoLeader, Role.Vp, ApproverLevel.Branch, SlaTarget.WorkingDays(policy.MemoLeaderDays)),
            new(RequestSteps.MemoArchive, Role.AdminClerk, ApproverLevel.Company, SlaTarget.WorkingDays(policy.MemoArchiveDays)),
        ]),
        RequestKind.Sample => new(ChainKey(kind), "样品申请单",
        [
            new(RequestSteps.SampleApproval, Role.MarketingDirector, ApproverLevel.Company, SlaTarget.WorkingDays(policy.SampleApprovalDays)),
            new(RequestSteps.SampleSlip, Role.BusinessAssistant, ApproverLevel.Company, SlaTarget.WorkingDays(policy.SampleSlipDays)),
            new(RequestSteps.SampleShipping, Role.LogisticsClerk, ApproverLevel.Company, SlaTarget.WorkingDays(policy.SampleShippingDays)),
            new(RequestSteps.SampleFiling, Role.FinanceClerk, ApproverLevel.Company, SlaTarget.WorkingDays(policy.SampleFilingDays)),
        ]),
        RequestKind.SpecialPolicy => new(ChainKey(kind), "特殊政策申请",
        [
            new(RequestSteps.PolicyApproval, Role.MarketingDirector, ApproverLevel.Company, SlaTarget.WorkingDays(policy.PolicyApprovalDays)),
            new(RequestSteps.PolicyCommerceFiling, Role.BusinessAssistant, ApproverLevel.Company, SlaTarget.WorkingDays(policy.PolicyCommerceFilingDays)),
            new(RequestSteps.PolicyFinanceFiling, Role.FinanceClerk, ApproverLevel.Company, SlaTarget.WorkingDays(policy.PolicyFinanceFilingDays)),
        ]),
    };

    /// <summary>
    /// The transitions of each step. Only the deciding steps (the marketing director's) may reject;
    /// the receiving department and commerce may send a form back to its writer (something to
    /// clarify, no stock); the other steps record what was done and pass the form on.
    /// </summary>
    public static IReadOnlyList<StepRule> Steps(RequestKind kind) => kind switch
    {
        RequestKind.Memo =>
        [
            new(RequestSteps.MemoReply, [ApprovalAction.Approve, ApprovalAction.Return], StepNeeds.Opinion),
            new(RequestSteps.MemoLeader, ApproveOnly, StepNeeds.Opinion),
            new(RequestSteps.MemoArchive, ApproveOnly, StepNeeds.None),
        ],
        RequestKind.Sample =>
        [
            new(RequestSteps.SampleApproval, Decide, StepNeeds.None),
            new(RequestSteps.SampleSlip, [ApprovalAction.Approve, ApprovalAction.Return], StepNeeds.None),
            new(RequestSteps.SampleShipping, ApproveOnly, StepNeeds.Shipment),
            new(RequestSteps.SampleFiling, ApproveOnly, StepNeeds.None),
        ],
        RequestKind.SpecialPolicy =>
        [
            new(RequestSteps.PolicyApproval, Decide, StepNeeds.None),
            new(RequestSteps.PolicyCommerceFiling, ApproveOnly, StepNeeds.None),
            new(RequestSteps.PolicyFinanceFiling, ApproveOnly, StepNeeds.None),
        ],
    };

    public static StepRule? Step(RequestKind kind, string? key) => Steps(kind).SingleOrDefault(s => s.Key == key);

    /// <summary>
    /// Whether <paramref name="action"/> may be taken at <paramref name="stepKey"/> with what the
    /// decision carries. Empty when it may; the engine then checks who acts and when.
    /// </summary>
    public static IReadOnlyList<StepViolation> Check(RequestKind kind, string stepKey, ApprovalAction action, StepInput input, DateOnly today)
    {
        var rule = RuleOf(kind);
        var step = Step(kind, stepKey);
        if (step is null)
        {
            return [new(rule, "stepKey", "Requests.UnknownStep")];
        }

        if (!step.Actions.Contains(action))
        {
            return [new(rule, "action", "Requests.ActionNotAllowed")];
        }

        var problems = new List<StepViolation>();
        if (action == ApprovalAction.Approve && step.Needs.HasFlag(StepNeeds.Opinion) && string.IsNullOrWhiteSpace(input.Comment))
        {
            problems.Add(new(rule, "comment", "Requests.OpinionRequired"));
        }

        if (action == ApprovalAction.Approve && step.Needs.HasFlag(StepNeeds.Shipment))
        {
            if (string.IsNullOrWhiteSpace(input.Carrier))
            {
                problems.Add(new(rule, "carrier", "Requests.CarrierRequired"));
            }

            if (!TrackingNumberIsWellFormed(input.TrackingNumber))
            {
                problems.Add(new(rule, "trackingNumber", "Requests.BadTrackingNumber"));
            }

            if (input.ShippedOn is { } shipped && shipped > today)
            {
                problems.Add(new(rule, "shippedOn", "Requests.ShippedInFuture"));
            }
        }

        return problems;
    }

    /// <summary>APR-03: a carrier's waybill number as people type it: 6 to 40 letters and digits, dashes allowed between.</summary>
    public static bool TrackingNumberIsWellFormed(string? number)
    {
        var text = number?.Trim();
        return text is { Length: >= 6 and <= 40 } && char.IsAsciiLetterOrDigit(text[0]) && char.IsAsciiLetterOrDigit(text[^1])
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
    }

    /// <summary>The working-day deadline of each step of a chain, in order (for the step timeline).</summary>
    public static IReadOnlyDictionary<string, int> DeadlineDays(ApprovalChain chain) =>
        chain.Steps.Where(s => s.Deadline is { Unit: SlaUnit.WorkingDays }).ToDictionary(s => s.Key, s => s.Deadline!.Amount, StringComparer.Ordinal);
}
