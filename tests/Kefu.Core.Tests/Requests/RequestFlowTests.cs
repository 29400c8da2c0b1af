using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Requests;
using Kefu.Core.Sla;
using Kefu.Core.Tests.Calendar;

namespace Kefu.Core.Tests.Requests;

/// <summary>APR-02..04: the chains on the APR-01 engine, each step's deadline in working days and the transitions each step allows.</summary>
public sealed class RequestFlowTests
{
    private static readonly DateTimeOffset Now = ChinaCalendar.At("2026-09-28T09:00:00");
    private static readonly DateOnly Today = new(2026, 9, 28);
    private static readonly RequestsPolicy Policy = new();

    /// <summary>The demo's head-office people by role; a memo names its first two steps' people itself.</summary>
    private static string? Holder(ApprovalStep step) => step.Key switch
    {
        RequestSteps.MemoReply => "finance",
        RequestSteps.MemoLeader => "vp",
        _ => step.Role switch
        {
            Role.MarketingDirector => "mkt",
            Role.BusinessAssistant => "bizasst",
            Role.LogisticsClerk => "logistics",
            Role.FinanceClerk => "finance",
            Role.AdminClerk => "adminclerk",
            _ => null,
        },
    };

    private static ApprovalState Walk(RequestKind kind, string writer, params string[] actors)
    {
        var chain = RequestFlows.Chain(kind, Policy);
        var state = ApprovalEngine.Submit(chain, writer, new Dictionary<string, decimal>(), Holder, Now);
        foreach (var actor in actors)
        {
            var result = ApprovalEngine.Act(state, ApprovalAction.Approve, state.CurrentStepKey!, actor, [],
                key => Holder(chain.Steps.Single(s => s.Key == key)), Now, Today, null);
            Assert.True(result.Succeeded, $"{actor}: {result.Refusal}");
            state = result.State;
        }

        return state;
    }

    [Fact]
    public void APR_02_memo_goes_receiving_department_then_direct_leader_then_administration()
    {
        var state = Walk(RequestKind.Memo, "csmgr");
        Assert.Equal([RequestSteps.MemoReply, RequestSteps.MemoLeader, RequestSteps.MemoArchive], state.StepKeys);
        Assert.Equal("finance", state.CurrentApproverId);
        Assert.Equal(ApprovalStatus.Approved, Walk(RequestKind.Memo, "csmgr", "finance", "vp", "adminclerk").Status);
    }

    [Fact]
    public void APR_02_the_gms_own_memo_has_no_leader_step_above_them()
    {
        // The GM's direct superior is the GM (MemoRouting): a step that falls to the writer falls away.
        var chain = RequestFlows.Chain(RequestKind.Memo, Policy);
        var state = ApprovalEngine.Submit(chain, "gm", new Dictionary<string, decimal>(), s => s.Key == RequestSteps.MemoLeader ? "gm" : Holder(s), Now);
        Assert.Equal([RequestSteps.MemoReply, RequestSteps.MemoArchive], state.StepKeys);
    }

    [Fact]
    public void APR_03_sample_goes_marketing_director_commerce_logistics_finance()
    {
        var state = Walk(RequestKind.Sample, "sh.cs", "mkt", "bizasst");
        Assert.Equal([RequestSteps.SampleApproval, RequestSteps.SampleSlip, RequestSteps.SampleShipping, RequestSteps.SampleFiling], state.StepKeys);
        Assert.Equal("logistics", state.CurrentApproverId);
        Assert.Equal(ApprovalStatus.Approved, Walk(RequestKind.Sample, "sh.cs", "mkt", "bizasst", "logistics", "finance").Status);
    }

    [Fact]
    public void APR_04_special_policy_goes_marketing_director_then_is_filed_with_commerce_and_finance()
    {
        var chain = RequestFlows.Chain(RequestKind.SpecialPolicy, Policy);
        Assert.Equal([Role.MarketingDirector, Role.BusinessAssistant, Role.FinanceClerk], chain.Steps.Select(s => s.Role));
        Assert.Equal(ApprovalStatus.Approved, Walk(RequestKind.SpecialPolicy, "sh.cs", "mkt", "bizasst", "finance").Status);
        Assert.Empty(chain.Validate());
    }

    [Theory]
    [InlineData(RequestKind.Memo)]
    [InlineData(RequestKind.Sample)]
    [InlineData(RequestKind.SpecialPolicy)]
    public void APR_02_03_04_every_step_has_a_deadline_in_working_days_from_the_policy(RequestKind kind)
    {
        var chain = RequestFlows.Chain(kind, new RequestsPolicy
        {
            MemoReplyDays = 4, MemoLeaderDays = 5, MemoArchiveDays = 6, SampleApprovalDays = 7, SampleSlipDays = 8, SampleShippingDays = 9,
            SampleFilingDays = 10, PolicyApprovalDays = 11, PolicyCommerceFilingDays = 12, PolicyFinanceFilingDays = 13,
        });
        Assert.All(chain.Steps, s => Assert.Equal(SlaUnit.WorkingDays, s.Deadline!.Unit));
        int[] expected = kind switch
        {
            RequestKind.Memo => [4, 5, 6],
            RequestKind.Sample => [7, 8, 9, 10],
            _ => [11, 12, 13],
        };
        Assert.Equal(expected, chain.Steps.Select(s => s.Deadline!.Amount));
        Assert.Equal(chain.Steps.Select(s => s.Key), RequestFlows.Steps(kind).Select(s => s.Key));
    }

    [Fact]
    public void APR_02_a_reply_due_in_three_working_days_skips_the_national_day_holiday()
    {
        var calendar = ChinaCalendar.Compiled;
        var reply = RequestFlows.Chain(RequestKind.Memo, Policy).Steps[0].Deadline!;
        Assert.Equal(3, reply.Amount);
        // Sent on Monday morning: three whole working days, due at the close of Wednesday.
        var monday = SlaClock.DueAt(Now, reply, TimeSpan.Zero, calendar);
        Assert.Equal(new DateOnly(2026, 9, 30), DateOnly.FromDateTime(monday.ToOffset(TimeSpan.FromHours(8)).DateTime));
        // Sent on Wednesday morning: 1–7 October are holidays, so the third working day is Friday 9 October.
        var wednesday = SlaClock.DueAt(ChinaCalendar.At("2026-09-30T09:00:00"), reply, TimeSpan.Zero, calendar);
        Assert.Equal(new DateOnly(2026, 10, 9), DateOnly.FromDateTime(wednesday.ToOffset(TimeSpan.FromHours(8)).DateTime));
    }

    [Theory]
    [InlineData(RequestKind.Memo, RequestSteps.MemoReply, ApprovalAction.Reject)]
    [InlineData(RequestKind.Memo, RequestSteps.MemoLeader, ApprovalAction.Return)]
    [InlineData(RequestKind.Memo, RequestSteps.MemoArchive, ApprovalAction.Reject)]
    [InlineData(RequestKind.Sample, RequestSteps.SampleShipping, ApprovalAction.Return)]
    [InlineData(RequestKind.Sample, RequestSteps.SampleFiling, ApprovalAction.Reject)]
    [InlineData(RequestKind.Sample, RequestSteps.SampleSlip, ApprovalAction.Reject)]
    [InlineData(RequestKind.SpecialPolicy, RequestSteps.PolicyCommerceFiling, ApprovalAction.Reject)]
    [InlineData(RequestKind.SpecialPolicy, RequestSteps.PolicyFinanceFiling, ApprovalAction.Return)]
    public void APR_01_a_step_refuses_the_transitions_it_does_not_allow(RequestKind kind, string step, ApprovalAction action)
    {
        var violation = Assert.Single(RequestFlows.Check(kind, step, action, new StepInput("理由", null, null, null), Today));
        Assert.Equal(("action", "Requests.ActionNotAllowed"), (violation.Field, violation.MessageKey));
    }

    [Theory]
    [InlineData(RequestKind.Memo, RequestSteps.MemoReply, ApprovalAction.Return)]
    [InlineData(RequestKind.Sample, RequestSteps.SampleApproval, ApprovalAction.Reject)]
    [InlineData(RequestKind.Sample, RequestSteps.SampleApproval, ApprovalAction.Return)]
    [InlineData(RequestKind.Sample, RequestSteps.SampleSlip, ApprovalAction.Return)]
    [InlineData(RequestKind.SpecialPolicy, RequestSteps.PolicyApproval, ApprovalAction.Reject)]
    public void APR_01_the_deciding_steps_may_send_back_or_refuse(RequestKind kind, string step, ApprovalAction action) =>
        Assert.Empty(RequestFlows.Check(kind, step, action, new StepInput("理由", null, null, null), Today));

    [Fact]
    public void APR_01_a_step_of_another_chain_is_unknown() =>
        Assert.Equal("stepKey", Assert.Single(RequestFlows.Check(RequestKind.SpecialPolicy, RequestSteps.SampleSlip, ApprovalAction.Approve, new(null, null, null, null), Today)).Field);

    [Fact]
    public void APR_02_the_reply_and_the_leaders_step_need_an_opinion()
    {
        foreach (var step in new[] { RequestSteps.MemoReply, RequestSteps.MemoLeader })
        {
            var violation = Assert.Single(RequestFlows.Check(RequestKind.Memo, step, ApprovalAction.Approve, new StepInput("  ", null, null, null), Today));
            Assert.Equal(("APR-02", "comment"), (violation.RuleId, violation.Field));
            Assert.Empty(RequestFlows.Check(RequestKind.Memo, step, ApprovalAction.Approve, new StepInput("同意", null, null, null), Today));
        }

        Assert.Empty(RequestFlows.Check(RequestKind.Memo, RequestSteps.MemoArchive, ApprovalAction.Approve, new StepInput(null, null, null, null), Today));
    }

    [Fact]
    public void APR_03_logistics_ships_with_the_carrier_and_a_tracking_number_not_after_today()
    {
        var missing = RequestFlows.Check(RequestKind.Sample, RequestSteps.SampleShipping, ApprovalAction.Approve, new StepInput(null, null, null, Today.AddDays(1)), Today);
        Assert.Equal(["carrier", "trackingNumber", "shippedOn"], missing.Select(v => v.Field));
        Assert.All(missing, v => Assert.Equal("APR-03", v.RuleId));
        Assert.Empty(RequestFlows.Check(RequestKind.Sample, RequestSteps.SampleShipping, ApprovalAction.Approve, new StepInput(null, "顺丰速运", "SF1234567890", Today), Today));
    }

    [Theory]
    [InlineData("SF1234567890", true)]
    [InlineData("YT-8800-1234", true)]
    [InlineData("12345", false)]
    [InlineData("-SF123456", false)]
    [InlineData("SF 123456", false)]
    [InlineData("顺丰123456", false)]
    [InlineData(null, false)]
    public void APR_03_tracking_numbers_are_letters_and_digits(string? number, bool expected) =>
        Assert.Equal(expected, RequestFlows.TrackingNumberIsWellFormed(number));

    [Fact]
    public void APR_02_03_04_policy_deadlines_are_one_to_thirty_working_days()
    {
        Assert.Empty(new RequestsPolicy().FieldsOutOfRange());
        Assert.Equal(["memoReplyDays", "sampleFilingDays"], new RequestsPolicy { MemoReplyDays = 0, SampleFilingDays = 31, PolicyApprovalDays = 30 }.FieldsOutOfRange());
    }
}
