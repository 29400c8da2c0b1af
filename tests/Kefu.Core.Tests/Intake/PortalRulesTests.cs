using Kefu.Core.Intake;

namespace Kefu.Core.Tests.Intake;

/// <summary>The customer portal's rules (issue 19 on ORD-01's portal channel): links once and for minutes, abuse limits, what the customer sees.</summary>
public sealed class PortalRulesTests
{
    private static readonly DateTime Sent = new(2026, 12, 2, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ORD_01_a_sign_in_link_is_valid_for_the_policys_minutes_and_only_until_used()
    {
        var policy = new PortalPolicy();
        var expires = PortalRules.LinkExpiry(Sent, policy);
        Assert.Equal(Sent.AddMinutes(15), expires);
        Assert.Equal(PortalLinkState.Valid, PortalRules.LinkState(expires, null, Sent.AddMinutes(14).AddSeconds(59)));
        Assert.Equal(PortalLinkState.Expired, PortalRules.LinkState(expires, null, expires));
        Assert.Equal(PortalLinkState.Used, PortalRules.LinkState(expires, Sent.AddMinutes(1), Sent.AddMinutes(2)));
        Assert.Equal(Sent.AddMinutes(5), PortalRules.LinkExpiry(Sent, policy with { LinkMinutes = 5 }));
        // A policy of zero minutes still gives the customer one minute, never a link that is dead on arrival.
        Assert.Equal(Sent.AddMinutes(1), PortalRules.LinkExpiry(Sent, policy with { LinkMinutes = 0 }));
    }

    [Fact]
    public void ORD_01_sign_in_links_are_limited_per_address_and_per_network_within_the_hour()
    {
        var policy = new PortalPolicy { LinksPerAddressPerHour = 3, LinksPerNetworkPerHour = 10 };
        Assert.True(PortalRules.MaySendLink(2, 9, policy));
        Assert.False(PortalRules.MaySendLink(3, 0, policy));
        Assert.False(PortalRules.MaySendLink(0, 10, policy));
    }

    [Fact]
    public void ORD_01_a_contact_may_submit_while_under_the_daily_count()
    {
        var policy = new PortalPolicy { SubmissionsPerContactPerDay = 2 };
        Assert.True(PortalRules.MaySubmit(1, policy));
        Assert.False(PortalRules.MaySubmit(2, policy));
    }

    [Fact]
    public void VIS_04_a_request_is_rated_once_and_only_when_done_and_not_set_aside()
    {
        Assert.True(PortalRules.MayRate(recordDone: true, setAside: false, alreadyRated: false));
        Assert.False(PortalRules.MayRate(recordDone: false, setAside: false, alreadyRated: false));
        Assert.False(PortalRules.MayRate(recordDone: true, setAside: true, alreadyRated: false));
        Assert.False(PortalRules.MayRate(recordDone: true, setAside: false, alreadyRated: true));
    }

    [Theory]
    [InlineData("Replied", PublicDetail.Text)]
    [InlineData("CustomerMail", PublicDetail.Text)]
    [InlineData("CustomerPortal", PublicDetail.Text)]
    [InlineData("Received", PublicDetail.Label)]
    [InlineData("PlanSent", PublicDetail.Label)]
    [InlineData("Closed", PublicDetail.Label)]
    [InlineData("Progress", PublicDetail.Hidden)]
    [InlineData("Reported", PublicDetail.Hidden)]
    [InlineData("Investigation", PublicDetail.Hidden)]
    [InlineData("Concealment", PublicDetail.Hidden)]
    [InlineData("PlanSubmitted", PublicDetail.Hidden)]
    [InlineData("Escalated", PublicDetail.Hidden)]
    [InlineData("SomethingNew", PublicDetail.Hidden)]
    public void EXC_05_the_customer_sees_replies_and_their_own_words_never_internal_notes(string kind, PublicDetail expected) =>
        Assert.Equal(expected, PortalRules.IncidentEvent(kind));
}
