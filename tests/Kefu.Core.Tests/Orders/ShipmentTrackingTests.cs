using Kefu.Core.Orders;
using static Kefu.Core.Tests.Calendar.ChinaCalendar;

namespace Kefu.Core.Tests.Orders;

using Money = Kefu.Core.Money.Money;

public sealed class ShipmentTrackingTests
{
    private static readonly OrderPolicy Policy = new();
    private static readonly DateTimeOffset Accepted = At("2026-09-28T10:00:00");

    private static TrackingFacts Facts(double? leadHours, bool firstTime = false, decimal value = 1_000m, bool special = false, GoodsPurpose purpose = GoodsPurpose.General) =>
        new(Accepted, leadHours is { } h ? Accepted.AddHours(h) : null, firstTime, Money.FromYuan(value), special, purpose);

    // Seed 001 §4.1–4.3: A "24 小时内", B "2-3 天到货", C economy (REQUIREMENTS ORD-05: under 24 h, 2–3 days).
    [Theory]
    [InlineData(12.0, TrackingClass.A, new[] { TrackingReason.ArrivalUnder24Hours })]
    [InlineData(23.99, TrackingClass.A, new[] { TrackingReason.ArrivalUnder24Hours })]
    [InlineData(24.0, TrackingClass.B, new[] { TrackingReason.ArrivalWithin3Days })] // exactly 24 h is not "under 24 h"
    [InlineData(72.0, TrackingClass.B, new[] { TrackingReason.ArrivalWithin3Days })] // 3 days inclusive
    [InlineData(72.5, TrackingClass.C, new[] { TrackingReason.Economy })]
    [InlineData(null, TrackingClass.C, new[] { TrackingReason.Economy })] // no arrival asked: no lead-time reason
    public void ORD_05_lead_time_proposes_the_class(double? leadHours, TrackingClass expected, TrackingReason[] reasons)
    {
        var proposal = ShipmentTracking.ProposeClass(Facts(leadHours), Policy);
        Assert.Equal(expected, proposal.Class);
        Assert.Equal(reasons, proposal.Reasons);
    }

    [Fact]
    public void ORD_05_first_time_valuable_or_special_orders_are_class_A_with_every_reason()
    {
        var proposal = ShipmentTracking.ProposeClass(Facts(12, firstTime: true, value: 80_000m, special: true), Policy);
        Assert.Equal(TrackingClass.A, proposal.Class);
        Assert.Equal([TrackingReason.ArrivalUnder24Hours, TrackingReason.FirstTimeCustomer, TrackingReason.ValuableGoods, TrackingReason.SpecialRequirements], proposal.Reasons);

        Assert.Equal([TrackingReason.FirstTimeCustomer], ShipmentTracking.ProposeClass(Facts(120, firstTime: true), Policy).Reasons);
        Assert.Equal([TrackingReason.SpecialRequirements], ShipmentTracking.ProposeClass(Facts(120, special: true), Policy).Reasons);
    }

    [Theory]
    // The seed says "货物贵重" without a figure: 50,000 CNY is Kefu's default (OrderPolicy.ValuableGoodsOver).
    [InlineData(50_000.00, TrackingClass.C)] // at the threshold: not over it
    [InlineData(50_000.01, TrackingClass.A)]
    public void ORD_05_valuable_means_declared_value_over_the_threshold(decimal value, TrackingClass expected) =>
        Assert.Equal(expected, ShipmentTracking.ProposeClass(Facts(120, value: value), Policy).Class);

    [Fact]
    public void ORD_05_a_changed_valuable_threshold_takes_effect()
    {
        var policy = Policy with { ValuableGoodsOver = Money.FromYuan(10_000m) };
        Assert.Equal(TrackingClass.A, ShipmentTracking.ProposeClass(Facts(120, value: 20_000m), policy).Class);
        Assert.Equal(TrackingClass.C, ShipmentTracking.ProposeClass(Facts(120, value: 20_000m), Policy).Class);
    }

    [Fact]
    public void ORD_05_changed_lead_time_hours_take_effect()
    {
        var policy = Policy with { ClassAUnderHours = 48, ClassBWithinHours = 120 };
        Assert.Equal(TrackingClass.A, ShipmentTracking.ProposeClass(Facts(36), policy).Class);
        Assert.Equal(TrackingClass.B, ShipmentTracking.ProposeClass(Facts(100), policy).Class);
    }

    [Theory]
    [InlineData(GoodsPurpose.Exhibition, TrackingReason.ExhibitionGoods)]
    [InlineData(GoodsPurpose.Production, TrackingReason.ProductionGoods)]
    public void ORD_05_exhibition_and_production_goods_are_class_B_even_when_economy(GoodsPurpose purpose, TrackingReason reason)
    {
        var proposal = ShipmentTracking.ProposeClass(Facts(240, purpose: purpose), Policy);
        Assert.Equal(TrackingClass.B, proposal.Class);
        Assert.Equal([reason], proposal.Reasons);
        Assert.Equal([TrackingReason.ArrivalWithin3Days, reason], ShipmentTracking.ProposeClass(Facts(48, purpose: purpose), Policy).Reasons);
    }

    [Fact]
    public void ORD_05_class_C_checks_shipment_and_confirms_the_day_before_arrival()
    {
        var arrival = At("2026-10-05T15:00:00"); // in the National Day holiday: shipments move anyway
        var points = ShipmentTracking.Checklist(TrackingClass.C, Accepted, arrival, Policy);
        Assert.Equal(["shipped", "shipping-mode-confirmed", "final-confirmation", "delivered"], points.Select(p => p.Key));
        // "Shipped" a day after acceptance is Kefu's default (the seed: 每日关注, watch daily).
        Assert.Equal(At("2026-09-29T10:00:00"), points[0].DueAt);
        // Seed 001 §4.3: "到货前一日提示货运中心再次做最终确认" — the day before arrival.
        Assert.Equal(At("2026-10-04T15:00:00"), points.Single(p => p.Key == "final-confirmation").DueAt);
        Assert.Equal(arrival, points[^1].DueAt);
    }

    [Fact]
    public void ORD_05_class_A_checks_every_step_and_never_dates_a_pre_delivery_check_after_arrival()
    {
        var arrival = Accepted.AddHours(6);
        var points = ShipmentTracking.Checklist(TrackingClass.A, Accepted, arrival, Policy);
        // Seed 001 §4.1 names the ten checks (打印单据 … 再次与收货方确认) but no times: 30 min to print, 8 h to pick-up
        // and ETA, 2 h after arrival to re-confirm are Kefu's defaults (OrderPolicy.Checkpoints, editable below).
        Assert.Equal(10, points.Count);
        Assert.Equal("printed", points[0].Key);
        Assert.Equal(Accepted.AddMinutes(30), points[0].DueAt);
        // +8 h checks are brought forward to the 6-hour arrival.
        Assert.Equal(arrival, points.Single(p => p.Key == "partner-picked-up").DueAt);
        Assert.Equal(arrival, points.Single(p => p.Key == "eta-confirmed").DueAt);
        Assert.Equal(("consignee-reconfirmed", arrival.AddHours(2)), (points[^1].Key, points[^1].DueAt));
        Assert.True(points.Zip(points.Skip(1)).All(p => p.First.DueAt <= p.Second.DueAt));
    }

    [Fact]
    public void ORD_05_class_B_checks_the_hand_over_points() =>
        Assert.Equal(["picked-up", "shipping-mode-confirmed", "consignment-checked", "shipped-on-time", "delivered", "consignee-reconfirmed"],
            ShipmentTracking.Checklist(TrackingClass.B, Accepted, Accepted.AddDays(3), Policy).Select(p => p.Key));

    [Fact]
    public void ORD_05_without_an_expected_arrival_the_arrival_points_are_undated_and_last()
    {
        var points = ShipmentTracking.Checklist(TrackingClass.C, Accepted, null, Policy);
        Assert.Equal(["shipped", "shipping-mode-confirmed", "final-confirmation", "delivered"], points.Select(p => p.Key));
        Assert.Equal([Accepted.AddDays(1), Accepted.AddDays(1), null, null], points.Select(p => p.DueAt));
    }

    [Fact]
    public void ORD_05_an_administrator_can_change_the_checkpoints()
    {
        var policy = Policy with
        {
            Checkpoints = new Dictionary<TrackingClass, IReadOnlyList<TrackingCheckpoint>>
            {
                [TrackingClass.C] = [new("final-confirmation", CheckpointAnchor.ExpectedArrival, TimeSpan.FromHours(-4)), new("booked", CheckpointAnchor.Accepted, TimeSpan.FromHours(1))],
            },
        };
        var points = ShipmentTracking.Checklist(TrackingClass.C, Accepted, Accepted.AddDays(5), policy);
        Assert.Equal([("booked", Accepted.AddHours(1)), ("final-confirmation", Accepted.AddDays(5).AddHours(-4))], points.Select(p => (p.Key, p.DueAt!.Value)));
        Assert.Empty(ShipmentTracking.Checklist(TrackingClass.A, Accepted, null, policy));
    }

    [Theory]
    [InlineData("2026-09-30T14:00:00", true, 0)]
    [InlineData("2026-09-30T15:00:00", true, 0)] // exactly on time
    [InlineData("2026-09-30T15:01:00", false, 1)]
    [InlineData("2026-10-01T15:00:00", false, 1440)]
    public void ORD_06_on_time_is_no_later_than_the_expected_arrival(string actual, bool onTime, int lateMinutes)
    {
        var check = ShipmentTracking.CheckArrival(At("2026-09-30T15:00:00"), At(actual), Policy);
        Assert.Equal(new ArrivalCheck(onTime, TimeSpan.FromMinutes(lateMinutes)), check);
    }

    [Fact]
    public void ORD_06_a_tolerance_in_the_policy_takes_effect()
    {
        var policy = Policy with { OnTimeTolerance = TimeSpan.FromMinutes(30) };
        Assert.Equal(new ArrivalCheck(true, TimeSpan.FromMinutes(30)), ShipmentTracking.CheckArrival(At("2026-09-30T15:00:00"), At("2026-09-30T15:30:00"), policy));
        Assert.False(ShipmentTracking.CheckArrival(At("2026-09-30T15:00:00"), At("2026-09-30T15:31:00"), policy).OnTime);
    }

    [Theory]
    [InlineData("2026-09-30", "2026-09-29", true)]
    [InlineData("2026-09-30", "2026-09-30", true)]
    [InlineData("2026-09-30", "2026-10-01", false)]
    public void ORD_06_sheets_kept_by_date_compare_dates(string expected, string actual, bool onTime) =>
        Assert.Equal(onTime, ShipmentTracking.ArrivedOnTime(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(actual, System.Globalization.CultureInfo.InvariantCulture)));
}
