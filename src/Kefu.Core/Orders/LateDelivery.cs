namespace Kefu.Core.Orders;

/// <summary>Why a late-delivery case may not be closed yet (ORD-07).</summary>
public enum LateCaseRefusal
{
    /// <summary>The cause of the delay (晚点原因) is not recorded.</summary>
    CauseMissing,

    /// <summary>No remedy (re-shipment 补发, redirection 调发, …) is recorded.</summary>
    RemedyMissing,

    /// <summary>The consignor (委托方) was not informed.</summary>
    ConsignorNotInformed,

    /// <summary>The consignee (收货方) was not informed.</summary>
    ConsigneeNotInformed,

    /// <summary>The signed POD (签收单) is not back and attached.</summary>
    SignedPodMissing,
}

/// <summary>The facts of a late-delivery case as ORD-07 sees them.</summary>
public sealed record LateDeliveryFacts(string? Cause, string? Remedy, bool ConsignorInformed, bool ConsigneeInformed, bool SignedPodAttached);

/// <summary>ORD-07: a late delivery stays open until cause, remedy, both parties informed and the signed POD are all there (seed 001 §5.2).</summary>
public static class LateDelivery
{
    /// <summary>ORD-07: every reason the case may not be closed; empty means it may be closed.</summary>
    public static IReadOnlyList<LateCaseRefusal> RefusalsToClose(LateDeliveryFacts facts)
    {
        var refusals = new List<LateCaseRefusal>();
        if (string.IsNullOrWhiteSpace(facts.Cause))
        {
            refusals.Add(LateCaseRefusal.CauseMissing);
        }

        if (string.IsNullOrWhiteSpace(facts.Remedy))
        {
            refusals.Add(LateCaseRefusal.RemedyMissing);
        }

        if (!facts.ConsignorInformed)
        {
            refusals.Add(LateCaseRefusal.ConsignorNotInformed);
        }

        if (!facts.ConsigneeInformed)
        {
            refusals.Add(LateCaseRefusal.ConsigneeNotInformed);
        }

        if (!facts.SignedPodAttached)
        {
            refusals.Add(LateCaseRefusal.SignedPodMissing);
        }

        return refusals;
    }

    /// <summary>
    /// ORD-07 (seed 001 签收原件返京): what stops a delivered order from closing. A late order needs the
    /// whole late case (<see cref="RefusalsToClose"/>); any other order needs the signed POD when the
    /// policy asks for it on every order (<see cref="OrderPolicy.SignedPodOnEveryOrder"/>, true by default).
    /// </summary>
    public static IReadOnlyList<LateCaseRefusal> RefusalsToCloseOrder(bool? onTime, LateDeliveryFacts facts, OrderPolicy policy)
    {
        if (onTime == false)
        {
            return RefusalsToClose(facts);
        }

        return policy.SignedPodOnEveryOrder && !facts.SignedPodAttached ? [LateCaseRefusal.SignedPodMissing] : [];
    }
}
