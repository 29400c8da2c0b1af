using Kefu.Core.Organization;
using Kefu.Core.Sla;

namespace Kefu.Core.Orders;

/// <summary>
/// ORD-05/07 (seed 001 ch. 2 货物追踪): tracking that alerts. Each tracking point of the A/B/C checklist is
/// a deadline that warns and escalates (the platform's SLA timers); a shipment not delivered by its
/// expected arrival is detected as late.
/// </summary>
public static class TrackingAlerts
{
    /// <summary>
    /// ORD-05: the SLA target of a tracking point due at <paramref name="dueAt"/>, started at <paramref name="now"/>:
    /// wall-clock minutes (goods move at night and on holidays), at least one, so a point already overdue breaches at once.
    /// </summary>
    public static SlaTarget CheckpointTarget(DateTimeOffset now, DateTimeOffset dueAt) =>
        SlaTarget.Minutes((int)Math.Clamp(Math.Ceiling((dueAt - now).TotalMinutes), 1, int.MaxValue));

    /// <summary>ORD-05: who hears of a tracking point's breach: the policy's role keys that name a role (unknown keys are left out).</summary>
    public static IReadOnlyList<EscalationTarget> CheckpointEscalation(OrderPolicy policy) =>
        (policy.CheckpointEscalation ?? []).Where(k => Enum.TryParse<Role>(k, out var r) && Enum.IsDefined(r))
            .Select(k => EscalationTarget.ForRole(Enum.Parse<Role>(k))).ToArray();

    /// <summary>
    /// ORD-07: the shipment is late when it has not arrived and <paramref name="now"/> is past its expected
    /// arrival plus the on-time tolerance and the detection grace (<see cref="OrderPolicy.LateArrivalGrace"/>).
    /// No expected arrival, or an arrival already recorded, is never detected here (ORD-06 judges a recorded arrival).
    /// </summary>
    public static bool IsLateArrival(DateTimeOffset? expectedArrival, DateTimeOffset? actualArrival, DateTimeOffset now, OrderPolicy policy) =>
        actualArrival is null && expectedArrival is { } expected && now > expected + policy.OnTimeTolerance + policy.LateArrivalGrace;
}

/// <summary>Why a city job's vehicle, driver and ETA may not be recorded (ORD-04, seed 001 §3.1).</summary>
public enum CityJobRefusal
{
    /// <summary>Only a same-city job (同城配送) is run by the dispatch centre with its own vehicle.</summary>
    NotACityJob,
    VehicleMissing,
    DriverMissing,
    DriverPhoneMissing,
    EtaMissing,

    /// <summary>The ETA is in the past.</summary>
    EtaInPast,

    /// <summary>The ETA is further ahead than the policy allows (<see cref="OrderPolicy.CityJobEtaWithinHours"/>).</summary>
    EtaTooFar,
}

/// <summary>How the customer is told of the vehicle, driver and ETA.</summary>
public enum CustomerNoticeChannel
{
    Email,
    Sms,
}

/// <summary>The vehicle, driver and ETA the dispatch centre confirmed for a city job.</summary>
public sealed record CityJobFacts(JobType JobType, string? Vehicle, string? Driver, string? DriverPhone, DateTimeOffset? Eta);

/// <summary>
/// ORD-04 (seed 001 §3.1 确认执行车辆、司机…告知客户): for a city job customer service confirms with the
/// dispatch centre which vehicle and driver run it and when they arrive, and tells the customer.
/// </summary>
public static class CityJobs
{
    /// <summary>Every reason the record is refused; empty means it may be recorded and the customer told.</summary>
    public static IReadOnlyList<CityJobRefusal> Refusals(CityJobFacts job, DateTimeOffset now, OrderPolicy policy)
    {
        var refusals = new List<CityJobRefusal>();
        if (job.JobType != JobType.SameCityDelivery)
        {
            refusals.Add(CityJobRefusal.NotACityJob);
        }

        if (string.IsNullOrWhiteSpace(job.Vehicle))
        {
            refusals.Add(CityJobRefusal.VehicleMissing);
        }

        if (string.IsNullOrWhiteSpace(job.Driver))
        {
            refusals.Add(CityJobRefusal.DriverMissing);
        }

        if (string.IsNullOrWhiteSpace(job.DriverPhone))
        {
            refusals.Add(CityJobRefusal.DriverPhoneMissing);
        }

        if (job.Eta is not { } eta)
        {
            refusals.Add(CityJobRefusal.EtaMissing);
        }
        else if (eta < now.AddMinutes(-5))
        {
            refusals.Add(CityJobRefusal.EtaInPast);
        }
        else if (eta > now.AddHours(policy.CityJobEtaWithinHours))
        {
            refusals.Add(CityJobRefusal.EtaTooFar);
        }

        return refusals;
    }

    /// <summary>
    /// How the customer hears of it: the channel they chose when it is email or SMS and they have an
    /// address for it; otherwise SMS to their phone, else email; null when they have neither.
    /// </summary>
    public static CustomerNoticeChannel? NoticeChannel(bool prefersEmail, bool prefersSms, bool hasEmail, bool hasPhone) =>
        prefersEmail && hasEmail ? CustomerNoticeChannel.Email
        : prefersSms && hasPhone ? CustomerNoticeChannel.Sms
        : hasPhone ? CustomerNoticeChannel.Sms
        : hasEmail ? CustomerNoticeChannel.Email
        : null;
}
