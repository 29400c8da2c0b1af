namespace Kefu.Core.Orders;

using Money = Kefu.Core.Money.Money;

/// <summary>What the goods are for (ORD-05: exhibition and production goods are tracked as class B).</summary>
public enum GoodsPurpose
{
    General,

    /// <summary>参展货物.</summary>
    Exhibition,

    /// <summary>工程生产用货物.</summary>
    Production,
}

/// <summary>Why a tracking class was proposed (ORD-05).</summary>
public enum TrackingReason
{
    /// <summary>A: the requested arrival is less than <see cref="OrderPolicy.ClassAUnderHours"/> after acceptance (door / urgent under 24 h).</summary>
    ArrivalUnder24Hours,

    /// <summary>A: the customer's first order with us (初次合作的客户).</summary>
    FirstTimeCustomer,

    /// <summary>A: declared value above <see cref="OrderPolicy.ValuableGoodsOver"/> (货物贵重).</summary>
    ValuableGoods,

    /// <summary>A: the customer has special requirements (客户有特殊要求).</summary>
    SpecialRequirements,

    /// <summary>B: the requested arrival is within <see cref="OrderPolicy.ClassBWithinHours"/> (2–3 days).</summary>
    ArrivalWithin3Days,

    /// <summary>B: exhibition goods.</summary>
    ExhibitionGoods,

    /// <summary>B: production goods.</summary>
    ProductionGoods,

    /// <summary>C: none of the above (经济, not valuable, no special requirements).</summary>
    Economy,
}

/// <summary>The facts ORD-05 proposes a class from.</summary>
/// <param name="AcceptedAt">When the order was accepted.</param>
/// <param name="ExpectedArrival">The requested / expected arrival, if the customer gave one.</param>
/// <param name="FirstTimeCustomer">The customer's first order with us.</param>
/// <param name="DeclaredValue">The declared value (声明价值) of the goods.</param>
/// <param name="SpecialRequirements">The customer has special requirements.</param>
/// <param name="Purpose">What the goods are for.</param>
public sealed record TrackingFacts(
    DateTimeOffset AcceptedAt,
    DateTimeOffset? ExpectedArrival,
    bool FirstTimeCustomer,
    Money DeclaredValue,
    bool SpecialRequirements,
    GoodsPurpose Purpose = GoodsPurpose.General);

/// <summary>A proposed class and the reasons that put the order in it (only that class's reasons).</summary>
public sealed record TrackingProposal(TrackingClass Class, IReadOnlyList<TrackingReason> Reasons);

/// <summary>One tracking point of an order with its due time; null when it hangs on an expected arrival the order lacks.</summary>
public sealed record TrackingPoint(string Key, DateTimeOffset? DueAt);

/// <summary>ORD-06: the arrival columns of the tracking sheet (信息反馈表): on time?, and by how much late.</summary>
public sealed record ArrivalCheck(bool OnTime, TimeSpan Lateness);

/// <summary>Shipment tracking rules of seed 001 chapter 2 (ORD-05, ORD-06).</summary>
public static class ShipmentTracking
{
    /// <summary>
    /// ORD-05: the class to propose and why. A wins over B, B over C; an order is A when its requested
    /// arrival is under 24 h after acceptance (strictly), the customer is new, the declared value is
    /// above the threshold (strictly) or there are special requirements; B when it is due within 72 h
    /// (inclusive) or carries exhibition or production goods; otherwise C. Without an expected
    /// arrival the lead time gives no reason. The agent may still choose another class.
    /// </summary>
    public static TrackingProposal ProposeClass(TrackingFacts facts, OrderPolicy policy)
    {
        var lead = facts.ExpectedArrival is { } arrival ? arrival - facts.AcceptedAt : (TimeSpan?)null;

        var a = new List<TrackingReason>();
        if (lead is { } l && l < TimeSpan.FromHours(policy.ClassAUnderHours))
        {
            a.Add(TrackingReason.ArrivalUnder24Hours);
        }

        if (facts.FirstTimeCustomer)
        {
            a.Add(TrackingReason.FirstTimeCustomer);
        }

        if (facts.DeclaredValue > policy.ValuableGoodsOver)
        {
            a.Add(TrackingReason.ValuableGoods);
        }

        if (facts.SpecialRequirements)
        {
            a.Add(TrackingReason.SpecialRequirements);
        }

        if (a.Count > 0)
        {
            return new TrackingProposal(TrackingClass.A, a);
        }

        var b = new List<TrackingReason>();
        if (lead is { } m && m <= TimeSpan.FromHours(policy.ClassBWithinHours))
        {
            b.Add(TrackingReason.ArrivalWithin3Days);
        }

        if (facts.Purpose == GoodsPurpose.Exhibition)
        {
            b.Add(TrackingReason.ExhibitionGoods);
        }

        if (facts.Purpose == GoodsPurpose.Production)
        {
            b.Add(TrackingReason.ProductionGoods);
        }

        return b.Count > 0 ? new TrackingProposal(TrackingClass.B, b) : new TrackingProposal(TrackingClass.C, [TrackingReason.Economy]);
    }

    /// <summary>
    /// ORD-05: the class's tracking points (from <see cref="OrderPolicy.Checkpoints"/>) with due times in
    /// wall-clock time — shipments move at night and on holidays. A point counted from acceptance is
    /// never due after the expected arrival (a check before delivery cannot be due after it); a point
    /// counted from the arrival has no due time when the order has no expected arrival. Ordered by due
    /// time, undated points last, keeping the policy's order among equals.
    /// </summary>
    public static IReadOnlyList<TrackingPoint> Checklist(TrackingClass trackingClass, DateTimeOffset acceptedAt, DateTimeOffset? expectedArrival, OrderPolicy policy)
    {
        if (!policy.Checkpoints.TryGetValue(trackingClass, out var checkpoints))
        {
            return [];
        }

        return checkpoints
            .Select(c => new TrackingPoint(c.Key, DueAt(c, acceptedAt, expectedArrival)))
            .OrderBy(p => p.DueAt is null)
            .ThenBy(p => p.DueAt)
            .ToArray();
    }

    /// <summary>
    /// ORD-06: on time when the actual arrival is no later than the expected arrival plus
    /// <see cref="OrderPolicy.OnTimeTolerance"/>; the lateness is counted from the expected arrival
    /// (zero when on time or early).
    /// </summary>
    public static ArrivalCheck CheckArrival(DateTimeOffset expectedArrival, DateTimeOffset actualArrival, OrderPolicy policy)
    {
        var late = actualArrival - expectedArrival;
        return new ArrivalCheck(late <= policy.OnTimeTolerance, late > TimeSpan.Zero ? late : TimeSpan.Zero);
    }

    /// <summary>ORD-06 for sheets kept by date (预计到货日期 / 实际到货日期): on time when it arrived on or before the expected date.</summary>
    public static bool ArrivedOnTime(DateOnly expectedDate, DateOnly actualDate) => actualDate <= expectedDate;

    private static DateTimeOffset? DueAt(TrackingCheckpoint checkpoint, DateTimeOffset acceptedAt, DateTimeOffset? expectedArrival) =>
        checkpoint.Anchor switch
        {
            CheckpointAnchor.Accepted => expectedArrival is { } arrival && acceptedAt + checkpoint.Offset > arrival
                ? arrival
                : acceptedAt + checkpoint.Offset,
            CheckpointAnchor.ExpectedArrival => expectedArrival + checkpoint.Offset,
        };
}
