using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Kefu.Core.Intake;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Portal;

/// <summary>Signing in to the portal: one-time links requested, sent by staff, opened and used; the contact behind a session.</summary>
public sealed partial class PortalUseCases
{
    /// <summary>
    /// Sends a sign-in link when the address is one customer's contact and the abuse limits allow.
    /// Whatever happens the caller answers the same "if the address is known, a link is on its
    /// way", so the form tells nobody which addresses are customers'.
    /// </summary>
    public async Task<ProblemBuilder> RequestLinkAsync(string? email, IPAddress? from, string baseUrl, CultureInfo culture, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("email", email).MaxLength("email", email, 256);
        var address = SenderMatching.Normalize(email);
        if (!problems.HasErrors && (address is null || !MimeKit.MailboxAddress.TryParse(address, out _)))
        {
            problems.Add("email", "Portal.EmailInvalid");
        }

        if (problems.HasErrors)
        {
            return problems;
        }

        var policy = await policies.GetAsync<PortalPolicy>(PortalPolicy.Key, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        var network = SignInGuard.AddressKey(from);
        var toAddress = await db.Set<PortalLinkRequest>().CountAsync(r => r.Email == address && r.CreatedAt > hourAgo && r.TokenHash != null, ct);
        var fromNetwork = await db.Set<PortalLinkRequest>().CountAsync(r => r.NetworkKey == network && r.CreatedAt > hourAgo, ct);
        var request = new PortalLinkRequest { Email = address!, NetworkKey = network, CreatedAt = now, ExpiresAt = PortalRules.LinkExpiry(now, policy) };
        if (!PortalRules.MaySendLink(toAddress, fromNetwork, policy))
        {
            logger.LogWarning("Portal sign-in link refused by the abuse limit for network {Network}.", network);
            db.Add(request);
            await db.SaveChangesAsync(ct);
            return problems;
        }

        var candidates = await SignInContactsAsync(address!, null, ct);
        var match = SenderMatching.Match(address, candidates.Select(c => new ContactAddress(c.CustomerId, c.Email)));
        if (match.CustomerId is { } customerId)
        {
            var contact = candidates.First(c => c.CustomerId == customerId);
            Link(request, customerId, contact.ContactName ?? contact.CustomerName, baseUrl, culture, policy);
        }

        db.Add(request);
        await db.SaveChangesAsync(ct);
        return problems;
    }

    /// <summary>
    /// Staff invite a customer's contact to the portal: the same one-time link, sent to the address
    /// on the customer's record, within the hourly limit per address. Null when the customer is
    /// not in the caller's scope (ORG-03).
    /// </summary>
    public async Task<(string? SentTo, ProblemBuilder Problems)?> InviteAsync(Kefu.Core.Organization.ScopeViewer viewer, int customerId, string baseUrl, CultureInfo culture, CancellationToken ct)
    {
        var customer = await Kefu.Web.Platform.Scoping.ScopeQueryExtensions.VisibleTo(ActiveCustomers(), viewer).Where(c => c.Id == customerId)
            .Select(c => new { c.Id, c.Name, c.ContactName, c.ContactEmail }).SingleOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }

        var problems = new ProblemBuilder();
        var address = SenderMatching.Normalize(customer.ContactEmail);
        if (address is null || !MimeKit.MailboxAddress.TryParse(address, out _))
        {
            return (null, problems.Add("contactEmail", "Portal.NoContactEmail"));
        }

        var policy = await policies.GetAsync<PortalPolicy>(PortalPolicy.Key, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        var toAddress = await db.Set<PortalLinkRequest>().CountAsync(r => r.Email == address && r.CreatedAt > hourAgo && r.TokenHash != null, ct);
        if (!PortalRules.MaySendLink(toAddress, 0, policy))
        {
            return (null, problems.Add("contactEmail", "Portal.TooManyLinks", policy.LinksPerAddressPerHour));
        }

        var request = new PortalLinkRequest { Email = address, NetworkKey = "staff", CreatedAt = now, ExpiresAt = PortalRules.LinkExpiry(now, policy) };
        Link(request, customer.Id, customer.ContactName ?? customer.Name, baseUrl, culture, policy);
        db.Add(request);
        await db.SaveChangesAsync(ct);
        return (address, problems);
    }

    /// <summary>Gives the request a fresh token and puts the email with its link in the outbox (sent after the commit).</summary>
    private void Link(PortalLinkRequest request, int customerId, string greeting, string baseUrl, CultureInfo culture, PortalPolicy policy)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        request.CustomerId = customerId;
        request.TokenHash = Hash(token);
        var link = $"{baseUrl.TrimEnd('/')}/portal/link/{token}";
        var subject = LocalText.Of("Portal.MailSubject").Render(culture);
        var body = LocalText.Of("Portal.MailBody", greeting, link, policy.LinkMinutes).Render(culture).Replace("\\n", "\n", StringComparison.Ordinal);
        db.Add(new OutboxMessage
        {
            Channel = NotificationChannel.Email, Recipient = request.Email, EventKey = MailEvent, Subject = subject, Body = body,
            Status = DeliveryStatus.Pending, CreatedAt = request.CreatedAt, NextAttemptAt = request.CreatedAt, RelatedType = nameof(Customer),
            RelatedId = customerId.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>What a link leads to, without using it (mail scanners open links; only the button signs in).</summary>
    public async Task<PortalLinkState?> PeekAsync(string? token, CancellationToken ct)
    {
        if (await FindLinkAsync(token, ct) is not { } link)
        {
            return null;
        }

        return PortalRules.LinkState(link.ExpiresAt, link.UsedAt, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Uses a link once: one conditional UPDATE marks it used, so two tabs or two nodes never both sign in with it.</summary>
    public async Task<(PortalLinkState? State, PortalContact? Contact)> RedeemAsync(string? token, CancellationToken ct)
    {
        if (await FindLinkAsync(token, ct) is not { } link)
        {
            return (null, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var state = PortalRules.LinkState(link.ExpiresAt, link.UsedAt, now);
        if (state != PortalLinkState.Valid)
        {
            return (state, null);
        }

        var taken = await db.Set<PortalLinkRequest>().Where(r => r.Id == link.Id && r.UsedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.UsedAt, now), ct);
        if (taken != 1)
        {
            return (PortalLinkState.Used, null);
        }

        var contact = await ContactAsync(link.CustomerId!.Value, link.Email, ct);
        return contact is null ? (PortalLinkState.Expired, null) : (PortalLinkState.Valid, contact);
    }

    /// <summary>The contact behind a session, while the customer still has that address and is still a customer; else null (signed out).</summary>
    public async Task<PortalContact?> ContactAsync(int customerId, string email, CancellationToken ct)
    {
        var contact = (await SignInContactsAsync(email, customerId, ct)).FirstOrDefault();
        if (contact is null)
        {
            return null;
        }

        var customer = await ActiveCustomers().Where(c => c.Id == customerId).Select(c => new { c.Id, c.Name, c.CentreId, c.OrgPath, c.OwnerId }).SingleAsync(ct);
        return new PortalContact(customer.Id, customer.Name, email, contact.ContactName, customer.CentreId, customer.OrgPath, customer.OwnerId);
    }

    private sealed record SignInContact(int CustomerId, string CustomerName, string Email, string? ContactName);

    /// <summary>
    /// Who may sign in with an address (CUS-01): the customer's primary contact, and any other of its
    /// contacts given portal access, of a customer still active; the primary first.
    /// </summary>
    private async Task<List<SignInContact>> SignInContactsAsync(string address, int? customerId, CancellationToken ct)
    {
#pragma warning disable CA1862 // ToLower translates to SQL on both providers; string.Equals with a comparison does not.
        var customers = ActiveCustomers().Where(c => customerId == null || c.Id == customerId);
        var primaries = await customers.Where(c => c.ContactEmail != null && c.ContactEmail.ToLower() == address)
            .Select(c => new SignInContact(c.Id, c.Name, c.ContactEmail!, c.ContactName)).Take(2).ToListAsync(ct);
        var others = await db.Set<CustomerContactPerson>().AsNoTracking()
            .Where(p => p.PortalAccess && p.Email != null && p.Email.ToLower() == address)
            .Join(customers, p => p.CustomerId, c => c.Id, (p, c) => new SignInContact(c.Id, c.Name, p.Email!, p.Name)).Take(2).ToListAsync(ct);
#pragma warning restore CA1862
        return [.. primaries, .. others.Where(o => SenderMatching.Normalize(o.Email) == address)];
    }

    private async Task<PortalLinkRequest?> FindLinkAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        return await db.Set<PortalLinkRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash && r.CustomerId != null, ct);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
