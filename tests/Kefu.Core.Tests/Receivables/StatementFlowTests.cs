using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Core.Sla;

namespace Kefu.Core.Tests.Receivables;

public sealed class StatementFlowTests
{
    private static readonly StatementAction[] HappyPath =
        [StatementAction.Approve, StatementAction.Check, StatementAction.Send, StatementAction.Confirm, StatementAction.RecordInvoice, StatementAction.Deliver, StatementAction.WriteOff];

    [Fact]
    public void AR_02_06_the_month_end_steps_run_in_their_order_from_summary_to_write_off()
    {
        var status = StatementStatus.Summarised;
        var seen = new List<StatementStatus> { status };
        foreach (var action in HappyPath)
        {
            status = StatementFlow.StepsInOrder(status, action) ?? throw new Xunit.Sdk.XunitException($"{action} refused at {status}");
            seen.Add(status);
        }

        Assert.Equal(
            [StatementStatus.Summarised, StatementStatus.Reviewed, StatementStatus.Checked, StatementStatus.Sent, StatementStatus.Confirmed,
             StatementStatus.Invoiced, StatementStatus.Delivered, StatementStatus.WrittenOff], seen);
    }

    [Fact]
    public void AR_02_06_no_step_can_be_skipped_or_taken_out_of_order()
    {
        // Every step is allowed from exactly the status before it (sending again is the one repeat).
        var order = new[] { StatementStatus.Summarised, StatementStatus.Reviewed, StatementStatus.Checked, StatementStatus.Sent, StatementStatus.Confirmed, StatementStatus.Invoiced, StatementStatus.Delivered };
        for (var i = 0; i < HappyPath.Length; i++)
        {
            foreach (var status in Enum.GetValues<StatementStatus>())
            {
                var allowed = StatementFlow.StepsInOrder(status, HappyPath[i]) is not null;
                var expected = status == order[i] || (HappyPath[i] == StatementAction.Send && status == StatementStatus.Sent);
                Assert.True(allowed == expected, $"{HappyPath[i]} from {status}: allowed={allowed}");
            }
        }

        Assert.Null(StatementFlow.StepsInOrder(StatementStatus.Summarised, StatementAction.Send));
        Assert.Null(StatementFlow.StepsInOrder(StatementStatus.Checked, StatementAction.Confirm));
        Assert.Null(StatementFlow.StepsInOrder(StatementStatus.Sent, StatementAction.RecordInvoice));
    }

    [Fact]
    public void AR_02_the_manager_or_finance_returns_and_the_customer_disputes_back_to_the_builder_who_resubmits_to_review()
    {
        Assert.Equal(StatementStatus.Returned, StatementFlow.StepsInOrder(StatementStatus.Summarised, StatementAction.Return));
        Assert.Equal(StatementStatus.Returned, StatementFlow.StepsInOrder(StatementStatus.Reviewed, StatementAction.Return));
        Assert.Equal(StatementStatus.Returned, StatementFlow.StepsInOrder(StatementStatus.Sent, StatementAction.Dispute));
        Assert.Equal(StatementStatus.Summarised, StatementFlow.StepsInOrder(StatementStatus.Returned, StatementAction.Resubmit));
        Assert.Null(StatementFlow.StepsInOrder(StatementStatus.Confirmed, StatementAction.Dispute));
        Assert.Null(StatementFlow.StepsInOrder(StatementStatus.Checked, StatementAction.Return));
    }

    [Theory]
    [InlineData(true, StatementBuilder.CustomerService)]
    [InlineData(false, StatementBuilder.Finance)]
    public void AR_06_key_monthly_accounts_are_stated_by_cs_and_the_others_by_finance(bool monthly, StatementBuilder builder) =>
        Assert.Equal(builder, StatementFlow.BuilderFor(monthly));

    [Fact]
    public void AR_06_finance_writes_off_only_a_delivered_statement_paid_to_the_fen()
    {
        Assert.True(StatementFlow.WriteOffAllowed(StatementStatus.Delivered, 0));
        Assert.False(StatementFlow.WriteOffAllowed(StatementStatus.Delivered, 1));
        Assert.False(StatementFlow.WriteOffAllowed(StatementStatus.Invoiced, 0));
        Assert.False(StatementFlow.WriteOffAllowed(StatementStatus.WrittenOff, 0));
    }

    [Fact]
    public void AR_06_a_statement_is_withdrawn_never_deleted_and_not_while_a_live_invoice_stands_on_it()
    {
        Assert.True(StatementFlow.WithdrawAllowed(StatementStatus.Sent, liveInvoice: false));
        Assert.True(StatementFlow.WithdrawAllowed(StatementStatus.Invoiced, liveInvoice: false));
        Assert.False(StatementFlow.WithdrawAllowed(StatementStatus.Invoiced, liveInvoice: true));
        Assert.False(StatementFlow.WithdrawAllowed(StatementStatus.WrittenOff, liveInvoice: false));
        Assert.False(StatementFlow.WithdrawAllowed(StatementStatus.Withdrawn, liveInvoice: false));
    }

    [Fact]
    public void AR_02_the_total_is_the_exact_sum_of_the_lines_in_fen_and_the_month_is_its_calendar_month()
    {
        Assert.Equal(60_006L, StatementFlow.TotalFen([10_001, 20_002, 30_003]));
        Assert.Equal(0L, StatementFlow.TotalFen([]));
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), StatementFlow.MonthRange(new DateOnly(2026, 2, 17)));
        Assert.Equal((new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29)), StatementFlow.MonthRange(new DateOnly(2028, 2, 1)));
    }

    [Fact]
    public void AR_06_roles_raised_at_the_warning_survive_storage_and_breach_only_roles_do_not_hear_early()
    {
        var stored = EscalationTarget.Format([EscalationTarget.AtWarning(Role.CsManager), EscalationTarget.ForRole(Role.CentreSupervisor)]);
        var parsed = EscalationTarget.Parse(stored);
        Assert.Equal(2, parsed.Count);
        Assert.True(parsed[0].AtWarningToo);
        Assert.Equal(nameof(Role.CsManager), parsed[0].Value);
        Assert.False(parsed[1].AtWarningToo);
    }
}
