using Kefu.Core.Orders;

namespace Kefu.Core.Tests.Orders;

public sealed class OrderFlowTests
{
    private static readonly OrderPolicy Policy = new();
    private static readonly DateOnly Day = new(2026, 9, 28);

    [Fact]
    public void ORD_07_a_late_delivery_closes_only_with_cause_remedy_both_parties_told_and_the_signed_pod()
    {
        var ready = new LateDeliveryFacts("网络公司错发", "调发至正确收货地址", ConsignorInformed: true, ConsigneeInformed: true, SignedPodAttached: true);
        Assert.Empty(LateDelivery.RefusalsToClose(ready));
        Assert.Equal([LateCaseRefusal.SignedPodMissing], LateDelivery.RefusalsToClose(ready with { SignedPodAttached = false }));
        Assert.Equal(
            [LateCaseRefusal.CauseMissing, LateCaseRefusal.RemedyMissing, LateCaseRefusal.ConsignorNotInformed, LateCaseRefusal.ConsigneeNotInformed, LateCaseRefusal.SignedPodMissing],
            LateDelivery.RefusalsToClose(new LateDeliveryFacts(" ", null, false, false, false)));
    }

    [Fact]
    public void ORD_08_the_default_distributor_flow_follows_the_seed()
    {
        Assert.Equal(
            ["check-stock", "arrange-transport", "customer-payment", "finance-confirms-payment", "marketing-director-approval", "shipping-note", "shipped", "tracking-number-sent", "receipt-confirmed"],
            Policy.DistributorFlow.Select(s => s.Key));
        Assert.Equal("BusinessAssistant", Policy.DistributorFlow[0].OwnerRole);
        Assert.Equal("MarketingDirector", Policy.DistributorFlow[4].OwnerRole);
        Assert.Empty(DistributorOrderFlow.Validate(Policy.DistributorFlow));
    }

    [Fact]
    public void ORD_08_the_next_step_is_the_first_not_completed()
    {
        Assert.Equal("check-stock", DistributorOrderFlow.NextStep(Policy.DistributorFlow, [])!.Key);
        Assert.Equal("customer-payment", DistributorOrderFlow.NextStep(Policy.DistributorFlow, ["check-stock", "arrange-transport"])!.Key);
        var all = Policy.DistributorFlow.Select(s => s.Key).ToArray();
        Assert.Null(DistributorOrderFlow.NextStep(Policy.DistributorFlow, all));
        Assert.True(DistributorOrderFlow.IsFinished(Policy.DistributorFlow, all));
        Assert.False(DistributorOrderFlow.IsFinished(Policy.DistributorFlow, all[..^1]));
    }

    [Fact]
    public void ORD_08_steps_complete_in_order_by_their_owner()
    {
        var flow = Policy.DistributorFlow;
        string[] done = ["check-stock", "arrange-transport", "customer-payment"];

        Assert.True(DistributorOrderFlow.CheckCompletion(flow, done, "finance-confirms-payment", ["FinanceClerk"]).Allowed);
        Assert.True(DistributorOrderFlow.CheckCompletion(flow, done, "finance-confirms-payment").Allowed); // no role check asked

        // The marketing director cannot approve before finance has seen the money.
        var early = DistributorOrderFlow.CheckCompletion(flow, done, "marketing-director-approval", ["MarketingDirector"]);
        Assert.Equal(FlowStepRefusal.OutOfOrder, early.Refusal);
        Assert.Equal("finance-confirms-payment", early.Expected!.Key);

        Assert.Equal(FlowStepRefusal.NotTheOwner, DistributorOrderFlow.CheckCompletion(flow, done, "finance-confirms-payment", ["CsSpecialist"]).Refusal);
        Assert.Equal(FlowStepRefusal.AlreadyCompleted, DistributorOrderFlow.CheckCompletion(flow, done, "check-stock").Refusal);
        Assert.Equal(FlowStepRefusal.UnknownStep, DistributorOrderFlow.CheckCompletion(flow, done, "invoice").Refusal);
    }

    [Fact]
    public void ORD_08_an_administrator_can_change_the_flow()
    {
        var policy = Policy with { DistributorFlow = [new("approve", "MarketingDirector"), new("pay", "CsSpecialist")] };
        Assert.True(DistributorOrderFlow.CheckCompletion(policy.DistributorFlow, [], "approve", ["MarketingDirector"]).Allowed);
        Assert.Equal(FlowStepRefusal.OutOfOrder, DistributorOrderFlow.CheckCompletion(policy.DistributorFlow, [], "pay").Refusal);
    }

    [Fact]
    public void ORD_08_a_flow_without_steps_or_with_duplicate_keys_is_invalid()
    {
        Assert.Single(DistributorOrderFlow.Validate([]));
        Assert.Equal(["Step keys must be unique."], DistributorOrderFlow.Validate([new("a", "X"), new("a", "Y")]));
        Assert.Equal(["Every step needs a key and an owner role."], DistributorOrderFlow.Validate([new("a", " ")]));
    }

    // Seed 001 §2.3 (与客户核对当日订单数量): no catalogue rule ID; ORD-01 is the intake channels and the phone read-back.
    [Fact]
    public void Daily_count_the_days_orders_are_reconciled_with_each_customers_stated_count()
    {
        DailyOrder[] orders =
        [
            new("C1", Day), new("C1", Day), new("C1", Day.AddDays(-1)), // yesterday's does not count
            new("C2", Day), new("C2", Day),
            new("C4", Day),
        ];
        var stated = new Dictionary<string, int> { ["C1"] = 3, ["C2"] = 2, ["C3"] = 1 };

        var mismatches = DailyReconciliation.Mismatches(Day, orders, stated);
        Assert.Equal([new CountMismatch("C1", 2, 3), new CountMismatch("C3", 0, 1)], mismatches);
        Assert.Equal([-1, -1], mismatches.Select(m => m.Difference));
        Assert.Equal(["C4"], DailyReconciliation.Unstated(Day, orders, stated));
    }

    [Fact]
    public void Daily_count_more_orders_than_stated_is_a_mismatch_too() =>
        Assert.Equal(1, DailyReconciliation.Mismatches(Day, [new("C1", Day), new("C1", Day)], new Dictionary<string, int> { ["C1"] = 1 }).Single().Difference);
}
