using Kefu.Core.Approvals;
using Kefu.Core.Organization;

namespace Kefu.Core.Tests.Approvals;

public sealed class ApprovalEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 28, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 9, 28);
    private static readonly ApprovalChain Chain = ApprovalChain.Expenses(auditorDays: 3, managerDays: 1, vpThresholdYuan: 2000m, financeDays: 7);

    /// <summary>The demo organisation's approvers of a 上海中心 claim.</summary>
    private static string? Approver(ApprovalStep step) => step.Role switch
    {
        Role.CentreSupervisor => "sh.sup",
        Role.BranchGm => "east.gm",
        Role.ExpenseAuditor => "auditor",
        Role.CsManager => "csmgr",
        Role.Vp => "vp",
        Role.FinanceClerk => "finance",
        _ => null,
    };

    private static string? ApproverOfKey(string key) => Approver(Chain.Steps.Single(s => s.Key == key));

    private static Dictionary<string, decimal> Amount(decimal yuan) => new() { ["amount"] = yuan };

    private static ApprovalState Walk(ApprovalState state, params string[] actors)
    {
        foreach (var actor in actors)
        {
            var result = ApprovalEngine.Act(state, ApprovalAction.Approve, state.CurrentStepKey!, actor, [], ApproverOfKey, Now, Today, null);
            Assert.True(result.Succeeded, $"{actor}: {result.Refusal}");
            state = result.State;
        }

        return state;
    }

    [Fact]
    public void EXP_05_claim_under_the_threshold_goes_supervisor_gm_auditor_manager_finance()
    {
        var state = ApprovalEngine.Submit(Chain, "sh.eng1", Amount(1999.99m), Approver, Now);
        Assert.Equal(["supervisor", "branch-gm", "auditor", "cs-manager", "finance"], state.StepKeys);
        Assert.Equal("sh.sup", state.CurrentApproverId);
        state = Walk(state, "sh.sup", "east.gm", "auditor", "csmgr", "finance");
        Assert.Equal(ApprovalStatus.Approved, state.Status);
        Assert.Equal(6, state.History.Count);
    }

    [Fact]
    public void EXP_05_a_form_above_the_vp_threshold_needs_the_vp_before_finance()
    {
        var state = ApprovalEngine.Submit(Chain, "sh.eng1", Amount(2000.01m), Approver, Now);
        Assert.Equal(["supervisor", "branch-gm", "auditor", "cs-manager", "vp", "finance"], state.StepKeys);
        state = Walk(state, "sh.sup", "east.gm", "auditor", "csmgr");
        Assert.Equal("vp", state.CurrentApproverId);
        // Exactly the threshold does not need the VP ("超过" is strictly above).
        Assert.DoesNotContain("vp", ApprovalEngine.Submit(Chain, "sh.eng1", Amount(2000m), Approver, Now).StepKeys);
    }

    [Fact]
    public void EXP_05_a_supervisors_own_form_starts_at_the_branch_gm()
    {
        var state = ApprovalEngine.Submit(Chain, "sh.sup", Amount(100m), Approver, Now);
        Assert.Equal("branch-gm", state.CurrentStepKey);
        Assert.Equal("east.gm", state.CurrentApproverId);
    }

    [Fact]
    public void APR_01_only_the_current_approver_may_act_and_acting_twice_is_refused()
    {
        var state = ApprovalEngine.Submit(Chain, "sh.eng1", Amount(100m), Approver, Now);
        Assert.Equal(ApprovalRefusal.NotTheApprover,
            ApprovalEngine.Act(state, ApprovalAction.Approve, "supervisor", "hz.sup", [], ApproverOfKey, Now, Today, null).Refusal);
        var once = ApprovalEngine.Act(state, ApprovalAction.Approve, "supervisor", "sh.sup", [], ApproverOfKey, Now, Today, null);
        Assert.True(once.Succeeded);
        // The same click again, on the step the page showed: stale.
        Assert.Equal(ApprovalRefusal.NotPending,
            ApprovalEngine.Act(once.State, ApprovalAction.Approve, "supervisor", "sh.sup", [], ApproverOfKey, Now, Today, null).Refusal);
    }

    [Fact]
    public void APR_01_reject_and_return_need_a_comment_and_return_goes_back_to_the_submitter()
    {
        var state = Walk(ApprovalEngine.Submit(Chain, "sh.eng1", Amount(100m), Approver, Now), "sh.sup");
        Assert.Equal(ApprovalRefusal.CommentRequired,
            ApprovalEngine.Act(state, ApprovalAction.Return, "branch-gm", "east.gm", [], ApproverOfKey, Now, Today, " ").Refusal);
        var returned = ApprovalEngine.Act(state, ApprovalAction.Return, "branch-gm", "east.gm", [], ApproverOfKey, Now, Today, "缺出差汇总表");
        Assert.Equal(ApprovalStatus.Returned, returned.State.Status);
        Assert.Equal("缺出差汇总表", returned.State.History[^1].Comment);

        var rejected = ApprovalEngine.Act(state, ApprovalAction.Reject, "branch-gm", "east.gm", [], ApproverOfKey, Now, Today, "虚假报销");
        Assert.Equal(ApprovalStatus.Rejected, rejected.State.Status);
    }

    [Fact]
    public void APR_01_a_deputy_acts_for_the_approver_within_the_dates_and_the_history_says_so()
    {
        var state = ApprovalEngine.Submit(Chain, "sh.eng1", Amount(100m), Approver, Now);
        Delegation[] away = [new("sh.sup", "sh.lead", new DateOnly(2026, 9, 27), new DateOnly(2026, 9, 30))];
        var acted = ApprovalEngine.Act(state, ApprovalAction.Approve, "supervisor", "sh.lead", away, ApproverOfKey, Now, Today, null);
        Assert.True(acted.Succeeded);
        Assert.Equal("sh.sup", acted.State.History[^1].OnBehalfOf);
        Assert.Equal(ApprovalRefusal.NotTheApprover,
            ApprovalEngine.Act(state, ApprovalAction.Approve, "supervisor", "sh.lead", away, ApproverOfKey, Now, new DateOnly(2026, 10, 1), null).Refusal);
    }

    [Fact]
    public void EXP_05_company_wide_steps_are_never_skipped_for_the_submitter()
    {
        // The HQ auditor claims: their own supervisor-level steps do not apply to them, but the audit
        // and finance steps stay (the web layer's resolver picks another holder of the role).
        var state = ApprovalEngine.Submit(Chain, "auditor", Amount(100m), Approver, Now);
        Assert.Contains("auditor", state.StepKeys);
        Assert.Contains("finance", state.StepKeys);
    }

    [Fact]
    public void APR_01_chains_are_validated()
    {
        Assert.NotEmpty(new ApprovalChain("x", "x", []).Validate());
        Assert.NotEmpty(new ApprovalChain("x", "x", [new("a", Role.Gm, ApproverLevel.Company), new("a", Role.Vp, ApproverLevel.Company)]).Validate());
        Assert.Empty(Chain.Validate());
    }
}
