using Kefu.Core.Expenses;

namespace Kefu.Core.Tests.Expenses;

/// <summary>EXP-12: seed 000, 报销审核流程 2) and 注明, 考核规定 3).</summary>
public sealed class PaperFlowTests
{
    private static readonly string[] Chain = ["supervisor", "branch-gm", "auditor", "cs-manager", "finance"];

    [Theory]
    [InlineData(0, FormChainState.Pending, false)] // still with the supervisor
    [InlineData(1, FormChainState.Pending, false)] // on the GM's desk: not signed yet
    [InlineData(2, FormChainState.Pending, true)] // the GM approved: signed
    [InlineData(4, FormChainState.Pending, true)]
    [InlineData(0, FormChainState.Approved, true)] // paid
    [InlineData(2, FormChainState.Returned, false)] // returned forms are signed again on resubmission
    [InlineData(2, FormChainState.Rejected, false)]
    public void EXP_12_the_branch_gm_has_signed_a_form_once_its_chain_moved_past_the_gm(int currentIndex, FormChainState state, bool hasSignature) =>
        Assert.Equal(hasSignature, PaperFlow.SignedByBranchGm(Chain, currentIndex, state));

    [Fact]
    public void EXP_12_a_chain_without_the_gm_step_has_nothing_to_sign() =>
        Assert.True(PaperFlow.SignedByBranchGm(["supervisor", "auditor"], 0, FormChainState.Pending));

    [Fact]
    public void EXP_12_an_incomplete_batch_is_refused_naming_the_forms_without_the_gm_signature()
    {
        var check = PaperFlow.CheckForMailing([
            new("sh.eng1-0001", FormChainState.Pending, true),
            new("sh.eng1-0002", FormChainState.Pending, false),
            new("sh.eng2-0001", FormChainState.Returned, false),
            new("sh.eng2-0002", FormChainState.Rejected, false),
        ]);
        Assert.False(check.MayMail);
        Assert.False(check.Empty);
        Assert.Equal(["sh.eng1-0002", "sh.eng2-0001"], check.AwaitingSignature);
    }

    [Fact]
    public void EXP_12_a_batch_of_signed_forms_may_be_mailed_and_rejected_forms_need_no_signature()
    {
        var check = PaperFlow.CheckForMailing([
            new("sh.eng1-0001", FormChainState.Pending, true),
            new("sh.eng1-0002", FormChainState.Approved, true),
            new("sh.eng2-0001", FormChainState.Rejected, false),
        ]);
        Assert.True(check.MayMail);
        Assert.Empty(check.AwaitingSignature);
    }

    [Fact]
    public void EXP_12_a_batch_of_rejected_forms_only_has_nothing_to_mail()
    {
        var check = PaperFlow.CheckForMailing([new("sh.eng1-0001", FormChainState.Rejected, false)]);
        Assert.False(check.MayMail);
        Assert.True(check.Empty);
    }

    [Theory]
    [InlineData("2026-09-20", "2026-09-20", 0, false)] // on the batch day
    [InlineData("2026-09-20", "2026-09-18", 0, false)] // early
    [InlineData("2026-09-20", "2026-09-21", 0, true)] // a day after: 超出规定日期提报费用的，不予报销
    [InlineData("2026-09-20", "2026-09-22", 2, false)] // within the policy's grace
    [InlineData("2026-09-20", "2026-09-23", 2, true)]
    public void EXP_12_a_batch_mailed_after_its_day_is_late(string batchDate, string mailedOn, int grace, bool late) =>
        Assert.Equal(late, PaperFlow.IsLate(DateOnly.Parse(batchDate, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(mailedOn, System.Globalization.CultureInfo.InvariantCulture), grace));

    [Theory]
    [InlineData(false, false, true, false)] // in no batch: the deadline starts with the step
    [InlineData(true, false, true, true)] // in the post: it waits
    [InlineData(true, true, true, false)] // HQ has the paper
    [InlineData(true, false, false, false)] // the policy turned the rule off
    public void EXP_12_the_auditors_clock_waits_while_the_paper_is_in_the_post(bool inBatch, bool received, bool rule, bool held) =>
        Assert.Equal(held, PaperFlow.AuditorClockHeld(inBatch, received, new ExpensePolicy { PaperReceiptStartsAuditorClock = rule }));
}
