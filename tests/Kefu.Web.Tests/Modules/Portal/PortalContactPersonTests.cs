using System.Net;
using System.Net.Http.Json;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Modules.Portal;

/// <summary>CUS-01 in the portal: besides the primary contact, any contact given portal access signs in with their own email.</summary>
public abstract partial class PortalTests
{
    [ProviderFact]
    public async Task CUS_01_a_contact_with_portal_access_signs_in_and_one_without_gets_no_link()
    {
        var contact = await CustomerAsync();
        var key = Guid.NewGuid().ToString("N")[..10];
        var allowed = $"deputy.{key}@customer.example";
        var refused = $"driver.{key}@customer.example";
        using (var staff = await app.ClientFor("sh.cs"))
        {
            using var added = await staff.PostAsJsonAsync($"/api/customers/{contact.CustomerId}/contact-persons", new { name = "孙副经理", email = allowed, portalAccess = true });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            using var other = await staff.PostAsJsonAsync($"/api/customers/{contact.CustomerId}/contact-persons", new { name = "周司机", email = refused });
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        }

        // The deputy signs in as themself, to the customer's portal.
        using var deputy = await SignedInAsync(contact with { Email = allowed });
        var home = await deputy.GetStringAsync("/portal");
        Assert.Contains("孙副经理", home, StringComparison.Ordinal);

        // A contact without portal access gets no link; the primary still does.
        Assert.Null(await AskForLinkAsync(PageSession.Create(app), refused));
        Assert.NotNull(await AskForLinkAsync(PageSession.Create(app), contact.Email));
    }
}
