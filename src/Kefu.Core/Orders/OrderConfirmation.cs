namespace Kefu.Core.Orders;

/// <summary>ORD-02: what the customer answered to "do the goods contain dangerous or air/rail-prohibited items?".</summary>
public enum DangerousGoodsAnswer
{
    /// <summary>The question was not asked or not answered yet.</summary>
    NotAnswered,

    /// <summary>The customer says the goods contain none.</summary>
    None,

    /// <summary>The goods contain dangerous or prohibited items.</summary>
    Contains,
}

/// <summary>
/// Why an order may not be saved or confirmed. Each value names its rule; the web layer turns them
/// into messages. An empty list from <see cref="OrderConfirmation.RefusalsToConfirm"/> means the order may be confirmed.
/// </summary>
public enum ConfirmationRefusal
{
    /// <summary>ORD-01: a phone order has not been read back to the customer (the read-back tick is missing).</summary>
    PhoneReadBackMissing,

    /// <summary>ORD-02: the dangerous-goods question has not been answered.</summary>
    DangerousGoodsNotAnswered,

    /// <summary>ORD-02: the customer's signed dangerous-goods notice (危险货物通知函) is not attached.</summary>
    DangerousGoodsNoticeMissing,

    /// <summary>ORD-03: the customer came through marketing and its customer-service handover form (客户服务交接表) is not approved.</summary>
    HandoverNotApproved,

    /// <summary>ORD-04: a same-city job (同城配送) whose pickup and delivery cities differ.</summary>
    SameCityJobBetweenCities,

    /// <summary>ORD-01 (seed 001 §2.1 第一时间与客户确认核对邮件内容): an email order not yet confirmed with the customer.</summary>
    EmailNotConfirmedWithCustomer,
}

/// <summary>The facts of an order that the save and confirmation gates look at.</summary>
/// <param name="Channel">ORD-01 intake channel.</param>
/// <param name="ReadBackConfirmed">ORD-01: the agent ticked that the phone order was read back to the customer.</param>
/// <param name="DangerousGoods">ORD-02: the customer's answer.</param>
/// <param name="SignedDangerousGoodsNotice">ORD-02: the signed notice is attached.</param>
/// <param name="IntroducedByMarketing">ORD-03: new business developed by marketing (市场部开发的新业务).</param>
/// <param name="HandoverApproved">ORD-03: the handover form with prices or settlement agreement went through the whole approval chain.</param>
/// <param name="SpecialProcedureGranted">ORD-03 (seed 001 §2.4c): a leader let marketing complete the paperwork later.</param>
/// <param name="JobType">ORD-04 job type.</param>
/// <param name="PickupCity">ORD-04 pickup city, if known.</param>
/// <param name="DeliveryCity">ORD-04 delivery city, if known.</param>
/// <param name="EmailConfirmedWithCustomer">ORD-01: an email order's content was checked with the customer and the confirmation recorded.</param>
public sealed record OrderFacts(
    IntakeChannel Channel,
    bool ReadBackConfirmed,
    DangerousGoodsAnswer DangerousGoods,
    bool SignedDangerousGoodsNotice,
    bool IntroducedByMarketing,
    bool HandoverApproved,
    JobType JobType,
    bool SpecialProcedureGranted = false,
    string? PickupCity = null,
    string? DeliveryCity = null,
    bool EmailConfirmedWithCustomer = false);

/// <summary>Which centre is told to print and run a confirmed order (ORD-04).</summary>
public enum HandlingCentre
{
    /// <summary>调度中心: city jobs.</summary>
    DispatchCentre,

    /// <summary>货运中心: long-distance shipments.</summary>
    FreightCentre,
}

/// <summary>The intake and confirmation rules of seed 001 chapter 1 (ORD-01 to ORD-04).</summary>
public static class OrderConfirmation
{
    /// <summary>ORD-01: what stops an order from being saved: only a phone order without the read-back tick.</summary>
    public static IReadOnlyList<ConfirmationRefusal> RefusalsToSave(IntakeChannel channel, bool readBackConfirmed) =>
        channel == IntakeChannel.Phone && !readBackConfirmed ? [ConfirmationRefusal.PhoneReadBackMissing] : [];

    /// <summary>
    /// ORD-01..ORD-04: every reason the order may not be confirmed, in rule order; empty means it may
    /// be confirmed. ORD-01: a phone order is read back, an email order confirmed with the customer. ORD-02: the question must be answered, and the signed notice attached on every
    /// order (policy <see cref="OrderPolicy.DangerousGoodsNoticeOnEveryOrder"/>) or at least when the
    /// goods contain dangerous items. ORD-03: a marketing-introduced customer needs the approved
    /// handover form — on its first order and on every later one while unapproved (“否则客户部不予受理”) —
    /// unless a leader granted the special procedure. ORD-04: a same-city job cannot cross cities.
    /// </summary>
    public static IReadOnlyList<ConfirmationRefusal> RefusalsToConfirm(OrderFacts order, OrderPolicy policy)
    {
        var refusals = new List<ConfirmationRefusal>(RefusalsToSave(order.Channel, order.ReadBackConfirmed));
        if (EmailConfirmationMissing(order.Channel, order.EmailConfirmedWithCustomer, policy))
        {
            refusals.Add(ConfirmationRefusal.EmailNotConfirmedWithCustomer);
        }

        if (order.DangerousGoods == DangerousGoodsAnswer.NotAnswered)
        {
            refusals.Add(ConfirmationRefusal.DangerousGoodsNotAnswered);
        }

        var noticeNeeded = policy.DangerousGoodsNoticeOnEveryOrder || order.DangerousGoods == DangerousGoodsAnswer.Contains;
        if (noticeNeeded && !order.SignedDangerousGoodsNotice)
        {
            refusals.Add(ConfirmationRefusal.DangerousGoodsNoticeMissing);
        }

        if (order.IntroducedByMarketing && !order.HandoverApproved && !order.SpecialProcedureGranted)
        {
            refusals.Add(ConfirmationRefusal.HandoverNotApproved);
        }

        if (order.JobType == JobType.SameCityDelivery && CitiesDiffer(order.PickupCity, order.DeliveryCity))
        {
            refusals.Add(ConfirmationRefusal.SameCityJobBetweenCities);
        }

        return refusals;
    }

    /// <summary>The rule ID a refusal comes from ("ORD-01" …), for messages and audit.</summary>
    public static string RuleIdOf(ConfirmationRefusal refusal) => refusal switch
    {
        ConfirmationRefusal.PhoneReadBackMissing => "ORD-01",
        ConfirmationRefusal.DangerousGoodsNotAnswered => "ORD-02",
        ConfirmationRefusal.DangerousGoodsNoticeMissing => "ORD-02",
        ConfirmationRefusal.HandoverNotApproved => "ORD-03",
        ConfirmationRefusal.SameCityJobBetweenCities => "ORD-04",
        ConfirmationRefusal.EmailNotConfirmedWithCustomer => "ORD-01",
    };

    /// <summary>
    /// ORD-01 (seed 001 §2.1): an email order is processed only once its content was checked with the
    /// customer (第一时间与客户确认核对邮件内容) and that confirmation recorded — who, when, how, what —
    /// as a phone order is read back. The policy <see cref="OrderPolicy.EmailConfirmationRequired"/> may switch it off.
    /// </summary>
    public static bool EmailConfirmationMissing(IntakeChannel channel, bool confirmed, OrderPolicy policy) =>
        channel == IntakeChannel.Email && policy.EmailConfirmationRequired && !confirmed;

    /// <summary>
    /// ORD-03: during the break-in period new business is handled by the CS director in person
    /// (seed 001 §2.4d 新业务必需由客户部主任亲自受理). True when the customer came through marketing
    /// and <paramref name="orderDate"/> is on or after its first order's date and fewer than
    /// <see cref="OrderPolicy.BreakInDays"/> calendar days after it.
    /// </summary>
    public static bool CsDirectorHandlesBreakIn(bool introducedByMarketing, DateOnly firstOrderDate, DateOnly orderDate, OrderPolicy policy) =>
        introducedByMarketing && orderDate >= firstOrderDate && orderDate < firstOrderDate.AddDays(policy.BreakInDays);

    /// <summary>
    /// ORD-04: who is told to print a confirmed order. Seed 001 §3.1 sends 同城配送 to the dispatch
    /// centre and §3.2 sends 门到门 / 专车直送 to the freight centre, so the job type decides; in
    /// addition, anything between two different cities is long distance and goes to the freight
    /// centre whatever its type (the confirmation gate refuses such a same-city job anyway).
    /// Cities compare trimmed and case-insensitively; an unknown city does not count as different.
    /// </summary>
    public static HandlingCentre RouteConfirmedOrder(JobType jobType, string? pickupCity, string? deliveryCity) =>
        jobType == JobType.SameCityDelivery && !CitiesDiffer(pickupCity, deliveryCity)
            ? HandlingCentre.DispatchCentre
            : HandlingCentre.FreightCentre;

    /// <summary>ORD-04: the role key of the centre told to print (<see cref="OrderRoleKeys"/>).</summary>
    public static string RoleKeyOf(HandlingCentre centre) => centre switch
    {
        HandlingCentre.DispatchCentre => OrderRoleKeys.DispatchCentre,
        HandlingCentre.FreightCentre => OrderRoleKeys.FreightCentre,
    };

    private static bool CitiesDiffer(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b)
        && !string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
