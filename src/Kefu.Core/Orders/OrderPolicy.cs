using Kefu.Core.Organization;

namespace Kefu.Core.Orders;

// Inside the namespace: Kefu.Core.Money the namespace would otherwise hide Money the type.
using Money = Kefu.Core.Money.Money;

/// <summary>
/// The numbers and lists of the order rules (seed 001 chapters 1–2, seed 004 §2.3), as defaults an
/// administrator may change (Settings → Policies). Each carries the rule it serves.
/// </summary>
public sealed record OrderPolicy
{
    public const string Key = "orders.policy";

    /// <summary>
    /// ORD-02: whether every order needs the customer's signed dangerous-goods notice (危险货物通知函).
    /// Seed 001 §2.1–2.3 asks for the signature on every channel, so true by default; when false the
    /// notice is needed only when the customer says the goods contain dangerous or prohibited items.
    /// </summary>
    public bool DangerousGoodsNoticeOnEveryOrder { get; init; } = true;

    /// <summary>
    /// ORD-03: the break-in period (磨合阶段) after a new-business customer's first order, in calendar
    /// days, during which the CS director handles its orders in person. Seed 001 §2.4d gives no
    /// figure; 30 days by default. Zero switches the rule off.
    /// </summary>
    public int BreakInDays { get; init; } = 30;

    /// <summary>ORD-05: an order whose requested arrival is less than this many hours after acceptance is class A (seed 001 §4.1 "不足24小时").</summary>
    public int ClassAUnderHours { get; init; } = 24;

    /// <summary>ORD-05: an order due within this many hours (and not class A) is class B (seed 001 §4.2 "2-3天到货").</summary>
    public int ClassBWithinHours { get; init; } = 72;

    /// <summary>ORD-05: goods whose declared value is above this are valuable (贵重) → class A. No figure in the seeds; ¥50,000 by default.</summary>
    public Money ValuableGoodsOver { get; init; } = Money.FromYuan(50_000m);

    /// <summary>ORD-06: an arrival this long after the expected arrival still counts as on time. Zero by default (the sheet asks 是否准时 without a margin).</summary>
    public TimeSpan OnTimeTolerance { get; init; } = TimeSpan.Zero;

    /// <summary>ORD-05: the tracking points checked for each class, each with its due time relative to the order.</summary>
    public IReadOnlyDictionary<TrackingClass, IReadOnlyList<TrackingCheckpoint>> Checkpoints { get; init; } = DefaultCheckpoints;

    /// <summary>ORD-01 (seed 001 §2.1 第一时间与客户确认核对邮件内容): an email order is confirmed with the customer before it is processed. True by default.</summary>
    public bool EmailConfirmationRequired { get; init; } = true;

    /// <summary>ORD-07 (seed 001 签收原件返京): every order needs its signed POD before it closes, not only a late one. True by default.</summary>
    public bool SignedPodOnEveryOrder { get; init; } = true;

    /// <summary>ORD-05: a tracking point's deadline warns when this share of its time has passed (SLA-02). 80 % by default.</summary>
    public int CheckpointWarningPercent { get; init; } = 80;

    /// <summary>ORD-05: who hears when a tracking point's deadline passes (role keys, nearest above the order). The centre supervisor by default.</summary>
    public IReadOnlyList<string> CheckpointEscalation { get; init; } = [nameof(Role.CentreSupervisor)];

    /// <summary>
    /// ORD-07: an order not delivered this long after its expected arrival (beyond <see cref="OnTimeTolerance"/>)
    /// is detected as late: the freight centre is told and a delay incident opened. 30 minutes by default.
    /// </summary>
    public TimeSpan LateArrivalGrace { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>ORD-04 (seed 001 §3.1 确认执行车辆、司机…告知客户): the city job's ETA may be at most this many hours ahead. 72 by default.</summary>
    public int CityJobEtaWithinHours { get; init; } = 72;

    /// <summary>ORD-08: the distributor order flow (seed 004 §2.3), in order.</summary>
    public IReadOnlyList<FlowStep> DistributorFlow { get; init; } = DefaultDistributorFlow;

    /// <summary>
    /// ORD-05 defaults. The steps are seed 001 §4.1–4.3's; the offsets are Kefu's (the seed gives none):
    /// pre-shipment checks within hours of acceptance, delivery at the expected arrival, the consignee
    /// re-confirmed two hours after it, and class C's final confirmation one day before arrival.
    /// </summary>
    public static IReadOnlyDictionary<TrackingClass, IReadOnlyList<TrackingCheckpoint>> DefaultCheckpoints { get; } =
        new Dictionary<TrackingClass, IReadOnlyList<TrackingCheckpoint>>
        {
            [TrackingClass.A] =
            [
                new("printed", CheckpointAnchor.Accepted, TimeSpan.FromMinutes(30)),              // 货运中心是否打印单据
                new("handed-to-dispatch", CheckpointAnchor.Accepted, TimeSpan.FromHours(1)),      // 是否将单据转交调度
                new("vehicle-assigned", CheckpointAnchor.Accepted, TimeSpan.FromHours(2)),        // 调度是否安排车辆提货
                new("shipping-mode-confirmed", CheckpointAnchor.Accepted, TimeSpan.FromHours(2)), // 与货运中心确认发货方式
                new("loading-supervised", CheckpointAnchor.Accepted, TimeSpan.FromHours(4)),      // 发货员是否监控货物装车
                new("consignment-sent", CheckpointAnchor.Accepted, TimeSpan.FromHours(4)),        // 货运中心是否发委托书
                new("partner-picked-up", CheckpointAnchor.Accepted, TimeSpan.FromHours(8)),       // 网络是否派车提货
                new("eta-confirmed", CheckpointAnchor.Accepted, TimeSpan.FromHours(8)),           // 预计送达客户的时间
                new("delivered", CheckpointAnchor.ExpectedArrival, TimeSpan.Zero),
                new("consignee-reconfirmed", CheckpointAnchor.ExpectedArrival, TimeSpan.FromHours(2)), // 外包装是否完好,服务态度是否满意
            ],
            [TrackingClass.B] =
            [
                new("picked-up", CheckpointAnchor.Accepted, TimeSpan.FromHours(4)),               // 货物是否提回
                new("shipping-mode-confirmed", CheckpointAnchor.Accepted, TimeSpan.FromHours(4)), // 确认发货方式
                new("consignment-checked", CheckpointAnchor.Accepted, TimeSpan.FromHours(8)),     // 特殊要求准确填写在委托书上
                new("shipped-on-time", CheckpointAnchor.Accepted, TimeSpan.FromHours(24)),        // 准时发出
                new("delivered", CheckpointAnchor.ExpectedArrival, TimeSpan.Zero),
                new("consignee-reconfirmed", CheckpointAnchor.ExpectedArrival, TimeSpan.FromHours(2)),
            ],
            [TrackingClass.C] =
            [
                new("shipped", CheckpointAnchor.Accepted, TimeSpan.FromHours(24)),                // 货物是否发出
                new("shipping-mode-confirmed", CheckpointAnchor.Accepted, TimeSpan.FromHours(24)),// 具体的发货方式
                new("final-confirmation", CheckpointAnchor.ExpectedArrival, TimeSpan.FromDays(-1)), // 到货前一日提示货运中心再次做最终确认
                new("delivered", CheckpointAnchor.ExpectedArrival, TimeSpan.Zero),
            ],
        };

    /// <summary>
    /// ORD-08 default (seed 004 §2.3 订单的接收与处理): the business assistant checks stock and arranges
    /// transport, CS asks the customer to pay, marketing-centre finance confirms the money, the
    /// marketing director approves, the business assistant issues the shipping note, logistics ships
    /// and reports the number, CS sends it to the customer and follows the receipt.
    /// </summary>
    public static IReadOnlyList<FlowStep> DefaultDistributorFlow { get; } =
    [
        new("check-stock", nameof(Role.BusinessAssistant)),
        new("arrange-transport", nameof(Role.BusinessAssistant)),
        new("customer-payment", nameof(Role.CsSpecialist)),
        new("finance-confirms-payment", nameof(Role.FinanceClerk)),
        new("marketing-director-approval", nameof(Role.MarketingDirector)),
        new("shipping-note", nameof(Role.BusinessAssistant)),
        new("shipped", OrderRoleKeys.Logistics),
        new("tracking-number-sent", nameof(Role.CsSpecialist)),
        new("receipt-confirmed", nameof(Role.CsSpecialist)),
    ];
}

/// <summary>
/// Role keys of the order rules. A key equal to a <see cref="Role"/> member's name is that role
/// (as <c>EscalationTarget.ForRole</c> writes it); the others name departments of ORG-01 that have
/// no <see cref="Role"/> member yet and are resolved by the web layer.
/// </summary>
public static class OrderRoleKeys
{
    /// <summary>The logistics department (物流部), which ships distributor orders (ORD-08).</summary>
    public const string Logistics = "Logistics";

    /// <summary>The dispatch centre (调度中心), which prints and runs city jobs (ORD-04).</summary>
    public const string DispatchCentre = "DispatchCentre";

    /// <summary>The freight centre (货运中心), which prints and runs long-distance jobs (ORD-04).</summary>
    public const string FreightCentre = "FreightCentre";
}

/// <summary>ORD-01: how an order reaches customer service.</summary>
public enum IntakeChannel
{
    Email,

    /// <summary>Read back to the customer before saving (seed 001 §2.2 复述全部内容).</summary>
    Phone,

    /// <summary>The day's count is checked with the customer (seed 001 §2.3 核对当日订单数量).</summary>
    Fax,
    Portal,
}

/// <summary>ORD-04: the work order's job type (作业类型).</summary>
public enum JobType
{
    /// <summary>同城配送: a city job, printed and run by the dispatch centre.</summary>
    SameCityDelivery,

    /// <summary>门到门: a shipment, printed and run by the freight centre.</summary>
    DoorToDoor,

    /// <summary>专车直送: a dedicated truck, a shipment run by the freight centre.</summary>
    DedicatedTruck,
}

/// <summary>ORD-05: how closely a shipment is tracked.</summary>
public enum TrackingClass
{
    /// <summary>Every step checked.</summary>
    A,

    /// <summary>Hand-over points checked.</summary>
    B,

    /// <summary>Economy: shipped, mode, final confirmation the day before arrival.</summary>
    C,
}

/// <summary>What a tracking checkpoint's due time is counted from.</summary>
public enum CheckpointAnchor
{
    /// <summary>The moment the order was accepted (受理).</summary>
    Accepted,

    /// <summary>The requested / expected arrival (希望送达时间).</summary>
    ExpectedArrival,
}

/// <summary>ORD-05: one tracking point of a class: its key, and its due time as a wall-clock offset from an anchor.</summary>
public sealed record TrackingCheckpoint(string Key, CheckpointAnchor Anchor, TimeSpan Offset);

/// <summary>ORD-08: one step of a configurable flow: its key and the role key of who completes it.</summary>
public sealed record FlowStep(string Key, string OwnerRole);
