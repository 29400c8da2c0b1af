using Kefu.Core.Orders;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Orders;

/// <summary>Where a work order is in its life (ORD-04..07).</summary>
public enum OrderStatus
{
    /// <summary>Taken and saved; may still change; not yet reviewed and confirmed.</summary>
    Draft,

    /// <summary>Reviewed and confirmed; the dispatch or freight centre was told to print it.</summary>
    Confirmed,

    /// <summary>A tracking point was ticked: the goods are moving.</summary>
    InTransit,

    /// <summary>The actual arrival is recorded.</summary>
    Delivered,

    /// <summary>Finished; a late order only after ORD-07's gate (cause, remedy, both told, signed POD).</summary>
    Closed,
}

/// <summary>How the customer wants to hear about their shipment (ORD-06 "informed by their chosen channel").</summary>
public enum FeedbackChannel
{
    Phone,
    Email,
    Sms,
    Fax,
}

/// <summary>
/// A work order (工作单, ORD-01..07): taken through a channel, reviewed and confirmed, printed by the
/// dispatch or freight centre, tracked by class until the goods arrive. The org path is the
/// customer's centre; the owner is the agent who took it (or the CS director in the break-in period).
/// </summary>
public sealed class Order : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string Number { get; set; }
    public int CustomerId { get; set; }

    /// <summary>The customer's name when the order was taken, for lists and the printed sheet.</summary>
    public required string CustomerName { get; set; }

    public IntakeChannel Channel { get; set; }
    public bool ReadBackConfirmed { get; set; }
    public DangerousGoodsAnswer DangerousGoods { get; set; }

    /// <summary>ORD-02: the attachment holding the customer's signed dangerous-goods notice.</summary>
    public long? NoticeAttachmentId { get; set; }

    public JobType JobType { get; set; }
    public string? VehicleType { get; set; }

    /// <summary>希望送达时间 (UTC).</summary>
    public DateTime? RequestedArrival { get; set; }

    public string? SignOffRequirements { get; set; }
    public string? ImportantNotes { get; set; }
    public SettlementMode Settlement { get; set; }

    public string? PickupParty { get; set; }
    public string? PickupCity { get; set; }
    public string? PickupAddress { get; set; }
    public string? PickupContact { get; set; }
    public string? PickupPhone { get; set; }
    public string? DeliveryParty { get; set; }
    public string? DeliveryCity { get; set; }
    public string? DeliveryAddress { get; set; }
    public string? DeliveryContact { get; set; }
    public string? DeliveryPhone { get; set; }

    public string? GoodsName { get; set; }
    public int? Pieces { get; set; }
    public decimal? WeightKg { get; set; }
    public decimal? VolumeM3 { get; set; }
    public string? Packaging { get; set; }
    public GoodsPurpose Purpose { get; set; }

    /// <summary>ORD-05: the customer has special requirements (makes the order class A).</summary>
    public bool SpecialRequirements { get; set; }

    /// <summary>预计费用 and 声明价值 in whole fen.</summary>
    public long? EstimatedChargeFen { get; set; }

    public long? DeclaredValueFen { get; set; }

    public FeedbackChannel FeedbackChannel { get; set; }

    /// <summary>ORD-08: a distributor's order, run through the configurable distributor flow.</summary>
    public bool Distributor { get; set; }

    public OrderStatus Status { get; set; }

    /// <summary>ORD-03: taken during a new-business customer's break-in period: the CS director handles it in person.</summary>
    public bool BreakIn { get; set; }

    /// <summary>ORD-04: the centre told to print it, set at confirmation.</summary>
    public HandlingCentre? HandlingCentre { get; set; }

    /// <summary>ORD-05: the class the rules proposed at confirmation, and the class chosen (editable).</summary>
    public TrackingClass? ProposedClass { get; set; }

    public TrackingClass? TrackingClass { get; set; }

    /// <summary>ORD-06: expected arrival (defaults to the requested arrival) and actual arrival, UTC.</summary>
    public DateTime? ExpectedArrival { get; set; }

    public DateTime? ActualArrival { get; set; }
    public bool? OnTime { get; set; }
    public bool? Satisfied { get; set; }
    public DateTime? CustomerInformedAt { get; set; }

    /// <summary>ORD-07: the late-delivery case.</summary>
    public string? LateCause { get; set; }

    public string? LateRemedy { get; set; }
    public bool ConsignorInformed { get; set; }
    public bool ConsigneeInformed { get; set; }

    /// <summary>ORD-07: the attachment holding the signed POD (签收单).</summary>
    public long? PodAttachmentId { get; set; }

    /// <summary>ORD-01 (seed 001 §2.1): an email order's content checked with the customer: with whom, when, how, what, and who recorded it.</summary>
    public string? EmailConfirmedWith { get; set; }

    public DateTime? EmailConfirmedAt { get; set; }
    public FeedbackChannel? EmailConfirmationMethod { get; set; }
    public string? EmailConfirmedContent { get; set; }
    public string? EmailConfirmedById { get; set; }

    /// <summary>ORD-07: when the late arrival was detected from the expected arrival, and the delay incident it opened.</summary>
    public DateTime? LateDetectedAt { get; set; }

    public int? LateIncidentId { get; set; }

    /// <summary>ORD-04 (seed 001 §3.1): the city job's vehicle, driver and ETA as the dispatch centre confirmed them, and when the customer was told.</summary>
    public string? CityVehicle { get; set; }

    public string? CityDriver { get; set; }
    public string? CityDriverPhone { get; set; }
    public DateTime? CityEta { get; set; }
    public string? CityRecordedById { get; set; }
    public DateTime? CityCustomerToldAt { get; set; }
    public CustomerNoticeChannel? CityNoticeChannel { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedById { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int CentreId { get; set; }
    public string OrgPath { get; set; } = "/";
    public required string OwnerId { get; set; }
    public int Version { get; set; }
}

/// <summary>ORD-05: one tracking point of an order, from its class's checklist, with its due and done times.</summary>
public sealed class OrderTrackingPoint
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public required string Key { get; set; }
    public int Position { get; set; }
    public DateTime? DueAt { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? DoneById { get; set; }
    public string? Note { get; set; }
}

/// <summary>ORD-08: a completed step of a distributor order's flow: who did it and when.</summary>
public sealed class OrderFlowStep
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public required string StepKey { get; set; }

    /// <summary>The owner role key the step had when it was done (the flow may be reconfigured later).</summary>
    public required string OwnerRole { get; set; }

    public DateTime CompletedAt { get; set; }
    public required string CompletedById { get; set; }
    public string? Note { get; set; }
}

public enum HandoverStatus
{
    Draft,
    InReview,
    Approved,
    Rejected,
    Returned,
}

/// <summary>
/// ORD-03: the customer-service handover form (客户服务交接表) marketing fills for new business it
/// developed. Its existence marks the customer as introduced by marketing; until one is approved
/// through the whole chain, the customer's orders cannot be confirmed.
/// </summary>
public sealed class CustomerHandover : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public required string CustomerName { get; set; }

    /// <summary>Departments involved: storage needs the warehouse's approval, delivery the distribution's.</summary>
    public bool Storage { get; set; }

    public bool Delivery { get; set; }

    /// <summary>The contract or quoted prices (合同/报价).</summary>
    public string? ContractOrQuote { get; set; }

    /// <summary>Without a contract: the agreement on settlement mode and time (结算方式、结算时间).</summary>
    public string? SettlementAgreement { get; set; }

    public string? Notes { get; set; }
    public HandoverStatus Status { get; set; }

    /// <summary>ORD-03 (seed 001 §2.4c): a leader let orders be taken before the paperwork is complete; who, when and why.</summary>
    public string? SpecialProcedureById { get; set; }

    public DateTime? SpecialProcedureAt { get; set; }
    public string? SpecialProcedureReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public int CentreId { get; set; }
    public string OrgPath { get; set; } = "/";

    /// <summary>Who filled it in and submits it.</summary>
    public required string OwnerId { get; set; }

    public int Version { get; set; }
}

/// <summary>The daily count (seed 001 §2.3 与客户核对当日订单数量; no catalogue ID of its own): the number of orders a customer says they sent on a day, as the agent confirmed it with them.</summary>
public sealed class DailyOrderCount : IScopedRecord
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public DateOnly Day { get; set; }
    public int StatedCount { get; set; }

    /// <summary>The agent who confirmed the count with the customer.</summary>
    public required string OwnerId { get; set; }

    public DateTime ConfirmedAt { get; set; }
    public string OrgPath { get; set; } = "/";
}

public sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("Orders");
        builder.Property(o => o.Number).HasMaxLength(32);
        builder.Property(o => o.CustomerName).HasMaxLength(200);
        builder.Property(o => o.VehicleType).HasMaxLength(50);
        builder.Property(o => o.SignOffRequirements).HasMaxLength(500);
        builder.Property(o => o.ImportantNotes).HasMaxLength(1000);
        foreach (var p in new[] { nameof(Order.PickupParty), nameof(Order.DeliveryParty), nameof(Order.GoodsName) })
        {
            builder.Property(p).HasMaxLength(200);
        }

        foreach (var p in new[] { nameof(Order.PickupAddress), nameof(Order.DeliveryAddress) })
        {
            builder.Property(p).HasMaxLength(300);
        }

        foreach (var p in new[] { nameof(Order.PickupCity), nameof(Order.DeliveryCity), nameof(Order.PickupContact), nameof(Order.DeliveryContact) })
        {
            builder.Property(p).HasMaxLength(100);
        }

        builder.Property(o => o.PickupPhone).HasMaxLength(40);
        builder.Property(o => o.DeliveryPhone).HasMaxLength(40);
        builder.Property(o => o.Packaging).HasMaxLength(200);
        builder.Property(o => o.LateCause).HasMaxLength(1000);
        builder.Property(o => o.LateRemedy).HasMaxLength(1000);
        builder.Property(o => o.ConfirmedById).HasMaxLength(450);
        builder.Property(o => o.EmailConfirmedWith).HasMaxLength(100);
        builder.Property(o => o.EmailConfirmedContent).HasMaxLength(1000);
        builder.Property(o => o.EmailConfirmedById).HasMaxLength(450);
        builder.Property(o => o.CityVehicle).HasMaxLength(50);
        builder.Property(o => o.CityDriver).HasMaxLength(100);
        builder.Property(o => o.CityDriverPhone).HasMaxLength(40);
        builder.Property(o => o.CityRecordedById).HasMaxLength(450);
        builder.HasIndex(o => new { o.LateDetectedAt, o.ExpectedArrival });
        builder.Property(o => o.OrgPath).HasMaxLength(200);
        builder.Property(o => o.OwnerId).HasMaxLength(450);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => new { o.CustomerId, o.CreatedAt });
        builder.HasIndex(o => new { o.Status, o.CreatedAt });
        builder.HasIndex(o => o.OrgPath);
        builder.HasIndex(o => o.OwnerId);
    }
}

public sealed class OrderTrackingPointConfiguration : IEntityTypeConfiguration<OrderTrackingPoint>
{
    public void Configure(EntityTypeBuilder<OrderTrackingPoint> builder)
    {
        builder.ToTable("OrderTrackingPoints");
        builder.Property(p => p.Key).HasMaxLength(64);
        builder.Property(p => p.DoneById).HasMaxLength(450);
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.OrderId, p.Position });
        builder.HasIndex(p => new { p.DoneAt, p.DueAt });
    }
}

public sealed class OrderFlowStepConfiguration : IEntityTypeConfiguration<OrderFlowStep>
{
    public void Configure(EntityTypeBuilder<OrderFlowStep> builder)
    {
        builder.ToTable("OrderFlowSteps");
        builder.Property(s => s.StepKey).HasMaxLength(64);
        builder.Property(s => s.OwnerRole).HasMaxLength(64);
        builder.Property(s => s.CompletedById).HasMaxLength(450);
        builder.Property(s => s.Note).HasMaxLength(500);
        builder.HasOne<Order>().WithMany().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.OrderId, s.StepKey }).IsUnique();
    }
}

public sealed class CustomerHandoverConfiguration : IEntityTypeConfiguration<CustomerHandover>
{
    public void Configure(EntityTypeBuilder<CustomerHandover> builder)
    {
        builder.ToTable("CustomerHandovers");
        builder.Property(h => h.CustomerName).HasMaxLength(200);
        builder.Property(h => h.ContractOrQuote).HasMaxLength(2000);
        builder.Property(h => h.SettlementAgreement).HasMaxLength(2000);
        builder.Property(h => h.Notes).HasMaxLength(2000);
        builder.Property(h => h.SpecialProcedureById).HasMaxLength(450);
        builder.Property(h => h.SpecialProcedureReason).HasMaxLength(500);
        builder.Property(h => h.OrgPath).HasMaxLength(200);
        builder.Property(h => h.OwnerId).HasMaxLength(450);
        builder.Property(h => h.Version).IsConcurrencyToken();
        builder.HasIndex(h => new { h.CustomerId, h.Status });
        builder.HasIndex(h => h.OrgPath);
    }
}

public sealed class DailyOrderCountConfiguration : IEntityTypeConfiguration<DailyOrderCount>
{
    public void Configure(EntityTypeBuilder<DailyOrderCount> builder)
    {
        builder.ToTable("DailyOrderCounts");
        builder.Property(c => c.OwnerId).HasMaxLength(450);
        builder.Property(c => c.OrgPath).HasMaxLength(200);
        builder.HasIndex(c => new { c.CustomerId, c.Day }).IsUnique();
        builder.HasIndex(c => new { c.Day, c.OrgPath });
    }
}
