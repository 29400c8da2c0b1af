using Kefu.Core.Orders;

namespace Kefu.Core.Tests.Orders;

public sealed class OrderConfirmationTests
{
    private static readonly OrderPolicy Policy = new();

    /// <summary>An email order from a direct customer with everything in place (its content confirmed with the customer).</summary>
    private static readonly OrderFacts Clean = new(
        IntakeChannel.Email, ReadBackConfirmed: false, DangerousGoodsAnswer.None, SignedDangerousGoodsNotice: true,
        IntroducedByMarketing: false, HandoverApproved: false, JobType.DoorToDoor, PickupCity: "上海", DeliveryCity: "北京", EmailConfirmedWithCustomer: true);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(IntakeChannel.Phone, false, true)]
    [InlineData(IntakeChannel.Phone, true, false)]
    [InlineData(IntakeChannel.Email, false, false)]
    [InlineData(IntakeChannel.Fax, false, false)]
    [InlineData(IntakeChannel.Portal, false, false)]
    public void ORD_01_only_a_phone_order_needs_the_read_back_tick_before_saving(IntakeChannel channel, bool readBack, bool refused) =>
        Assert.Equal(refused ? [ConfirmationRefusal.PhoneReadBackMissing] : [], OrderConfirmation.RefusalsToSave(channel, readBack));

    [Fact]
    public void ORD_02_an_order_with_everything_in_place_may_be_confirmed() =>
        Assert.Empty(OrderConfirmation.RefusalsToConfirm(Clean, Policy));

    [Fact]
    public void ORD_01_a_phone_order_without_read_back_cannot_be_confirmed_either()
    {
        var refusals = OrderConfirmation.RefusalsToConfirm(Clean with { Channel = IntakeChannel.Phone }, Policy);
        Assert.Equal([ConfirmationRefusal.PhoneReadBackMissing], refusals);
        Assert.Equal("ORD-01", OrderConfirmation.RuleIdOf(refusals[0]));
        Assert.Empty(OrderConfirmation.RefusalsToConfirm(Clean with { Channel = IntakeChannel.Phone, ReadBackConfirmed = true }, Policy));
    }

    [Fact]
    public void ORD_02_the_dangerous_goods_question_must_be_answered() =>
        Assert.Equal([ConfirmationRefusal.DangerousGoodsNotAnswered],
            OrderConfirmation.RefusalsToConfirm(Clean with { DangerousGoods = DangerousGoodsAnswer.NotAnswered }, Policy));

    [Theory]
    [InlineData(DangerousGoodsAnswer.None)]
    [InlineData(DangerousGoodsAnswer.Contains)]
    public void ORD_02_by_default_every_order_needs_the_signed_notice(DangerousGoodsAnswer answer)
    {
        var refusals = OrderConfirmation.RefusalsToConfirm(Clean with { DangerousGoods = answer, SignedDangerousGoodsNotice = false }, Policy);
        Assert.Equal([ConfirmationRefusal.DangerousGoodsNoticeMissing], refusals);
        Assert.Equal("ORD-02", OrderConfirmation.RuleIdOf(refusals[0]));
    }

    [Fact]
    public void ORD_02_when_the_policy_asks_the_notice_only_for_dangerous_goods_a_clean_answer_needs_none()
    {
        var policy = Policy with { DangerousGoodsNoticeOnEveryOrder = false };
        var unsigned = Clean with { SignedDangerousGoodsNotice = false };
        Assert.Empty(OrderConfirmation.RefusalsToConfirm(unsigned, policy));
        Assert.Equal([ConfirmationRefusal.DangerousGoodsNoticeMissing],
            OrderConfirmation.RefusalsToConfirm(unsigned with { DangerousGoods = DangerousGoodsAnswer.Contains }, policy));
        // Not answered: the question is missing and, unanswered, no notice is demanded yet.
        Assert.Equal([ConfirmationRefusal.DangerousGoodsNotAnswered],
            OrderConfirmation.RefusalsToConfirm(unsigned with { DangerousGoods = DangerousGoodsAnswer.NotAnswered }, policy));
    }

    [Fact]
    public void ORD_03_a_marketing_customer_without_an_approved_handover_is_refused()
    {
        var order = Clean with { IntroducedByMarketing = true };
        var refusals = OrderConfirmation.RefusalsToConfirm(order, Policy);
        Assert.Equal([ConfirmationRefusal.HandoverNotApproved], refusals);
        Assert.Equal("ORD-03", OrderConfirmation.RuleIdOf(refusals[0]));
        Assert.Empty(OrderConfirmation.RefusalsToConfirm(order with { HandoverApproved = true }, Policy));
    }

    [Fact]
    public void ORD_03_a_leaders_special_procedure_lets_the_order_through_before_the_paperwork() =>
        Assert.Empty(OrderConfirmation.RefusalsToConfirm(Clean with { IntroducedByMarketing = true, SpecialProcedureGranted = true }, Policy));

    [Fact]
    public void ORD_03_a_direct_customer_needs_no_handover() =>
        Assert.Empty(OrderConfirmation.RefusalsToConfirm(Clean with { IntroducedByMarketing = false, HandoverApproved = false }, Policy));

    [Fact]
    public void ORD_01_to_04_every_reason_is_listed_in_rule_order()
    {
        var order = new OrderFacts(IntakeChannel.Phone, false, DangerousGoodsAnswer.NotAnswered, false, true, false, JobType.SameCityDelivery,
            PickupCity: "上海", DeliveryCity: "苏州");
        Assert.Equal(
            [
                ConfirmationRefusal.PhoneReadBackMissing, ConfirmationRefusal.DangerousGoodsNotAnswered, ConfirmationRefusal.DangerousGoodsNoticeMissing,
                ConfirmationRefusal.HandoverNotApproved, ConfirmationRefusal.SameCityJobBetweenCities,
            ],
            OrderConfirmation.RefusalsToConfirm(order, Policy));
    }

    [Theory]
    [InlineData("2026-09-01", "2026-09-01", true)] // the first order itself
    [InlineData("2026-09-01", "2026-09-30", true)] // day 30 of 30
    [InlineData("2026-09-01", "2026-10-01", false)] // the 31st day: break-in over
    [InlineData("2026-09-01", "2026-08-31", false)] // before the first order
    public void ORD_03_new_business_in_the_break_in_period_is_handled_by_the_cs_director(string first, string order, bool director) =>
        Assert.Equal(director, OrderConfirmation.CsDirectorHandlesBreakIn(true, D(first), D(order), Policy));

    [Fact]
    public void ORD_03_break_in_applies_only_to_marketing_customers_and_follows_the_policy()
    {
        Assert.False(OrderConfirmation.CsDirectorHandlesBreakIn(false, D("2026-09-01"), D("2026-09-02"), Policy));
        Assert.True(OrderConfirmation.CsDirectorHandlesBreakIn(true, D("2026-09-01"), D("2026-10-15"), Policy with { BreakInDays = 60 }));
        Assert.False(OrderConfirmation.CsDirectorHandlesBreakIn(true, D("2026-09-01"), D("2026-09-01"), Policy with { BreakInDays = 0 }));
    }

    [Theory]
    [InlineData(JobType.SameCityDelivery, "上海", "上海", HandlingCentre.DispatchCentre)]
    [InlineData(JobType.SameCityDelivery, " 上海 ", "上海", HandlingCentre.DispatchCentre)]
    [InlineData(JobType.SameCityDelivery, "Shanghai", "shanghai", HandlingCentre.DispatchCentre)]
    [InlineData(JobType.SameCityDelivery, "上海", null, HandlingCentre.DispatchCentre)]
    [InlineData(JobType.SameCityDelivery, "上海", "苏州", HandlingCentre.FreightCentre)] // long distance whatever the type
    [InlineData(JobType.DoorToDoor, "上海", "北京", HandlingCentre.FreightCentre)]
    [InlineData(JobType.DoorToDoor, "上海", "上海", HandlingCentre.FreightCentre)] // the job type is a shipment
    [InlineData(JobType.DedicatedTruck, "上海", "广州", HandlingCentre.FreightCentre)]
    [InlineData(JobType.DedicatedTruck, null, null, HandlingCentre.FreightCentre)]
    public void ORD_04_city_jobs_go_to_dispatch_and_long_distance_to_the_freight_centre(JobType type, string? from, string? to, HandlingCentre centre) =>
        Assert.Equal(centre, OrderConfirmation.RouteConfirmedOrder(type, from, to));

    [Fact]
    public void ORD_04_the_centres_have_role_keys()
    {
        Assert.Equal("DispatchCentre", OrderConfirmation.RoleKeyOf(HandlingCentre.DispatchCentre));
        Assert.Equal("FreightCentre", OrderConfirmation.RoleKeyOf(HandlingCentre.FreightCentre));
    }

    [Fact]
    public void ORD_04_a_same_city_job_between_two_cities_cannot_be_confirmed()
    {
        var refusals = OrderConfirmation.RefusalsToConfirm(Clean with { JobType = JobType.SameCityDelivery }, Policy);
        Assert.Equal([ConfirmationRefusal.SameCityJobBetweenCities], refusals);
        Assert.Equal("ORD-04", OrderConfirmation.RuleIdOf(refusals[0]));
        Assert.Empty(OrderConfirmation.RefusalsToConfirm(Clean with { JobType = JobType.SameCityDelivery, DeliveryCity = "上海" }, Policy));
    }
}
