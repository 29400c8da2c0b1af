namespace Kefu.Core.Intake;

/// <summary>
/// The numbers of the customer portal (issue 19 on ORD-01's portal channel), as defaults an
/// administrator may change (Settings → Mailboxes and portal).
/// </summary>
public sealed record PortalPolicy
{
    public const string Key = "portal.policy";

    /// <summary>How long an emailed sign-in link stays valid, in minutes. It works once.</summary>
    public int LinkMinutes { get; init; } = 15;

    /// <summary>How long a customer stays signed in without using the portal, in hours.</summary>
    public int SessionHours { get; init; } = 12;

    /// <summary>Sign-in links sent to one address in an hour; more requests are answered the same way and send nothing.</summary>
    public int LinksPerAddressPerHour { get; init; } = 5;

    /// <summary>Sign-in links asked for from one network (an IPv4 address or an IPv6 /64) in an hour.</summary>
    public int LinksPerNetworkPerHour { get; init; } = 30;

    /// <summary>Requests one customer contact may submit in 24 hours.</summary>
    public int SubmissionsPerContactPerDay { get; init; } = 20;

    /// <summary>Photos or files attached to one request.</summary>
    public int FilesPerSubmission { get; init; } = 5;
}

/// <summary>What a customer asks for through the portal; the specialist turns it into the matching record.</summary>
public enum PortalRequestKind
{
    /// <summary>A repair call: becomes a field-service job.</summary>
    Repair,

    /// <summary>An order request: becomes a work order after the content is confirmed with the customer.</summary>
    Order,

    /// <summary>A complaint: becomes a complaint whose EXC-02 clocks run from the submission.</summary>
    Complaint,
}

/// <summary>Where a sign-in link stands when someone opens it.</summary>
public enum PortalLinkState
{
    Valid,
    Expired,
    Used,
}

/// <summary>How much of an event of a record the customer may see on the portal's timeline.</summary>
public enum PublicDetail
{
    /// <summary>Internal: never shown to the customer.</summary>
    Hidden,

    /// <summary>That it happened and when, without the staff's text.</summary>
    Label,

    /// <summary>With its text: words written to or by the customer.</summary>
    Text,
}

/// <summary>
/// The portal's rules: a sign-in link works once and only for minutes; sign-in links and
/// submissions are limited per address, per network and per contact; the customer sees of a
/// record only what was written to them or by them, never internal notes.
/// </summary>
public static class PortalRules
{
    /// <summary>A link is used once (<paramref name="usedAt"/>) and expires <see cref="PortalPolicy.LinkMinutes"/> after it was sent.</summary>
    public static PortalLinkState LinkState(DateTime expiresAt, DateTime? usedAt, DateTime now) =>
        usedAt is not null ? PortalLinkState.Used : now >= expiresAt ? PortalLinkState.Expired : PortalLinkState.Valid;

    public static DateTime LinkExpiry(DateTime sentAt, PortalPolicy policy) => sentAt.AddMinutes(Math.Max(1, policy.LinkMinutes));

    /// <summary>
    /// Abuse limit on sign-in links: one more link may be sent when neither the address nor the
    /// network asking has reached its hourly count. The answer to the person asking is the same
    /// either way, so the limit tells nobody whether an address is a customer's.
    /// </summary>
    public static bool MaySendLink(int sentToAddressInHour, int askedFromNetworkInHour, PortalPolicy policy) =>
        sentToAddressInHour < policy.LinksPerAddressPerHour && askedFromNetworkInHour < policy.LinksPerNetworkPerHour;

    /// <summary>Abuse limit on submissions: a contact may submit while under the 24-hour count.</summary>
    public static bool MaySubmit(int submittedInLastDay, PortalPolicy policy) => submittedInLastDay < policy.SubmissionsPerContactPerDay;

    /// <summary>
    /// VIS-04 from the portal: the customer rates the service once what they asked for is done
    /// (the repair finished, the complaint closed, the order delivered), once per request; a
    /// request that was set aside had no service to rate.
    /// </summary>
    public static bool MayRate(bool recordDone, bool setAside, bool alreadyRated) => recordDone && !setAside && !alreadyRated;

    /// <summary>
    /// What of an incident's timeline the customer sees: the receipt, the replies to the customer
    /// and the customer's own messages with their words; the plan sent and the closing as facts;
    /// nothing of the reports, investigations, fines or approvals.
    /// </summary>
    public static PublicDetail IncidentEvent(string kind) => kind switch
    {
        "Replied" or "CustomerMail" or "CustomerPortal" => PublicDetail.Text,
        "Received" or "PlanSent" or "Closed" => PublicDetail.Label,
        _ => PublicDetail.Hidden,
    };
}
