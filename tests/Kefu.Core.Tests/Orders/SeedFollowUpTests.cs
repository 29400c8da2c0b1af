using Kefu.Core.Orders;
using Kefu.Core.Organization;
using Kefu.Core.Sla;

namespace Kefu.Core.Tests.Orders;

/// <summary>Seed 001 steps: email orders confirmed with the customer (ORD-01), the signed POD on every order (ORD-07), tracking that alerts (ORD-05/07), city jobs (ORD-04).</summary>
public sealed class SeedFollowUpTests
{
    private static readonly OrderPolicy Policy = new();
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly OrderFacts EmailOrder = new(
        IntakeChannel.Email, ReadBackConfirmed: false, DangerousGoodsAnswer.None, SignedDangerousGoodsNotice: true,
        IntroducedByMarketing: false, HandoverApproved: false, JobType.DoorToDoor, PickupCity: "上海", DeliveryCity: "北京");

    [Fact]
    public void ORD_01_an_email_order_is_not_processed_until_its_confirmation_with_the_customer_is_recorded()
    {
        var refusals = OrderConfirmation.RefusalsToConfirm(EmailOrder, Policy);
        Assert.Equal([ConfirmationRefusal.EmailNotConfirmedWithCustomer], refusals);
        Assert.Equal("ORD-01", OrderConfirmation.RuleIdOf(refusals[0]));
        Assert.Empty(OrderConfirmation.RefusalsToConfirm(EmailOrder with { EmailConfirmedWithCustomer = true }, Policy));
    }

    [Theory]
    [InlineData(IntakeChannel.Fax)]
    [InlineData(IntakeChannel.Portal)]
    public void ORD_01_other_channels_need_no_email_confirmation(IntakeChannel channel) =>
        Assert.Empty(OrderConfirmation.RefusalsToConfirm(EmailOrder with { Channel = channel }, Policy));

    [Fact]
    public void ORD_01_the_policy_may_switch_the_email_confirmation_off() =>
        Assert.Empty(OrderConfirmation.RefusalsToConfirm(EmailOrder, Policy with { EmailConfirmationRequired = false }));

    [Fact]
    public void ORD_07_an_on_time_order_closes_only_with_its_signed_pod()
    {
        var noPod = new LateDeliveryFacts(null, null, false, false, SignedPodAttached: false);
        Assert.Equal([LateCaseRefusal.SignedPodMissing], LateDelivery.RefusalsToCloseOrder(true, noPod, Policy));
        Assert.Equal([LateCaseRefusal.SignedPodMissing], LateDelivery.RefusalsToCloseOrder(null, noPod, Policy));
        Assert.Empty(LateDelivery.RefusalsToCloseOrder(true, noPod with { SignedPodAttached = true }, Policy));
        Assert.Empty(LateDelivery.RefusalsToCloseOrder(true, noPod, Policy with { SignedPodOnEveryOrder = false }));
    }

    [Fact]
    public void ORD_07_a_late_order_still_needs_the_whole_late_case_whatever_the_pod_policy()
    {
        var noPod = new LateDeliveryFacts(null, null, false, false, SignedPodAttached: false);
        Assert.Equal(5, LateDelivery.RefusalsToCloseOrder(false, noPod, Policy with { SignedPodOnEveryOrder = false }).Count);
    }

    [Fact]
    public void ORD_05_a_tracking_point_is_a_wall_clock_deadline_of_at_least_a_minute()
    {
        Assert.Equal(SlaTarget.Minutes(120), TrackingAlerts.CheckpointTarget(Now, Now.AddHours(2)));
        Assert.Equal(SlaTarget.Minutes(1), TrackingAlerts.CheckpointTarget(Now, Now.AddHours(-3)));
        Assert.Equal(SlaTarget.Minutes(1), TrackingAlerts.CheckpointTarget(Now, Now.AddSeconds(10)));
    }

    [Fact]
    public void ORD_05_tracking_points_escalate_to_the_policy_roles_and_unknown_keys_are_left_out()
    {
        Assert.Equal([EscalationTarget.ForRole(Role.CentreSupervisor)], TrackingAlerts.CheckpointEscalation(Policy));
        Assert.Equal([EscalationTarget.ForRole(Role.CsManager)],
            TrackingAlerts.CheckpointEscalation(Policy with { CheckpointEscalation = ["CsManager", "Nobody"] }));
    }

    [Fact]
    public void ORD_07_a_shipment_is_detected_late_after_its_expected_arrival_plus_tolerance_and_grace()
    {
        var expected = Now.AddHours(-1);
        Assert.True(TrackingAlerts.IsLateArrival(expected, null, Now, Policy));
        Assert.False(TrackingAlerts.IsLateArrival(expected, expected, Now, Policy)); // arrived
        Assert.False(TrackingAlerts.IsLateArrival(null, null, Now, Policy));
        Assert.False(TrackingAlerts.IsLateArrival(Now.AddMinutes(-20), null, Now, Policy)); // within the 30-minute grace
        Assert.False(TrackingAlerts.IsLateArrival(expected, null, Now, Policy with { LateArrivalGrace = TimeSpan.FromHours(2) }));
    }

    [Fact]
    public void ORD_04_a_city_job_needs_vehicle_driver_phone_and_a_near_eta()
    {
        var job = new CityJobFacts(JobType.SameCityDelivery, "沪A12345", "张师傅", "13800138000", Now.AddHours(3));
        Assert.Empty(CityJobs.Refusals(job, Now, Policy));
        Assert.Equal([CityJobRefusal.NotACityJob], CityJobs.Refusals(job with { JobType = JobType.DoorToDoor }, Now, Policy));
        Assert.Equal([CityJobRefusal.VehicleMissing, CityJobRefusal.DriverMissing, CityJobRefusal.DriverPhoneMissing, CityJobRefusal.EtaMissing],
            CityJobs.Refusals(new CityJobFacts(JobType.SameCityDelivery, " ", null, "", null), Now, Policy));
        Assert.Equal([CityJobRefusal.EtaInPast], CityJobs.Refusals(job with { Eta = Now.AddHours(-1) }, Now, Policy));
        Assert.Equal([CityJobRefusal.EtaTooFar], CityJobs.Refusals(job with { Eta = Now.AddHours(73) }, Now, Policy));
        Assert.Empty(CityJobs.Refusals(job with { Eta = Now.AddHours(100) }, Now, Policy with { CityJobEtaWithinHours = 120 }));
    }

    [Theory]
    [InlineData(true, false, true, true, CustomerNoticeChannel.Email)]
    [InlineData(false, true, true, true, CustomerNoticeChannel.Sms)]
    [InlineData(true, false, false, true, CustomerNoticeChannel.Sms)]
    [InlineData(false, false, true, false, CustomerNoticeChannel.Email)]
    [InlineData(false, false, true, true, CustomerNoticeChannel.Sms)]
    public void ORD_04_the_customer_is_told_by_their_channel_when_possible(bool email, bool sms, bool hasEmail, bool hasPhone, CustomerNoticeChannel expected) =>
        Assert.Equal(expected, CityJobs.NoticeChannel(email, sms, hasEmail, hasPhone));

    [Fact]
    public void ORD_04_a_customer_without_phone_or_email_cannot_be_told() =>
        Assert.Null(CityJobs.NoticeChannel(true, true, false, false));
}
