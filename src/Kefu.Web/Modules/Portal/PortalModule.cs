using System.Globalization;
using System.Security.Claims;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Portal;

/// <summary>Where a portal invitation went.</summary>
public sealed record PortalInvitationDto(string SentTo);

/// <summary>
/// The customer portal's own sign-in (issue 19): a cookie of its own scheme, sent only to
/// <c>/portal</c>, apart from the staff's cookie in every way — a customer session never reaches a
/// staff page or the API, and a staff session is not a customer's.
/// </summary>
public static class PortalModule
{
    public const string Scheme = Platform.Auth.AuthSetup.CustomerPortalScheme;
    public const string CustomerClaim = "kefu:portal:customer";
    public const string EmailClaim = "kefu:portal:email";

    public static void AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PortalUseCases>();
        builder.Services.AddScoped<Visits.ISatisfactionSource, PortalSatisfactionSource>();
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "kefu.portal";
            o.Cookie.Path = "/portal";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/portal/sign-in";
            o.LogoutPath = "/portal/sign-out";
            o.SlidingExpiration = false;
        });

        // The staff's sign-in does not guard the portal's pages: PortalPageModel checks the customer's own session.
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AllowAnonymousToFolder("/Portal/Pages"));
    }

    public static void MapPortal(this RouteGroupBuilder api) =>
        api.MapPost("/customers/{id:int}/portal-invitation", Invite).WithTags("Customers").RequireAuthorization(CustomersModule.ManagePolicy)
            .RequireWritePolicy(CustomersModule.ManagePolicy).WithName("InviteCustomerToPortal")
            .WithSummary("Emails the customer's contact a one-time sign-in link to the customer portal.");

    private static async Task<Results<Ok<PortalInvitationDto>, ValidationProblem, NotFound>> Invite(
        int id, PortalUseCases portal, CurrentUser current, HttpContext http, CancellationToken ct)
    {
        var result = await portal.InviteAsync(await current.GetViewerAsync(ct), id, $"{http.Request.Scheme}://{http.Request.Host}", CultureInfo.GetCultureInfo(Platform.Localization.LocalizationSetup.Chinese), ct);
        return result switch
        {
            null => TypedResults.NotFound(),
            ({ } sentTo, _) => TypedResults.Ok(new PortalInvitationDto(sentTo)),
            (_, var problems) => problems.ToProblem(),
        };
    }

    /// <summary>Signs the contact in for <paramref name="hours"/> (the policy's session length).</summary>
    public static Task SignInAsync(HttpContext http, PortalContact contact, int hours) =>
        http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(CustomerClaim, contact.CustomerId.ToString(CultureInfo.InvariantCulture)),
                new Claim(EmailClaim, contact.Email),
            ], Scheme)),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(Math.Max(1, hours)) });

    /// <summary>The contact of the request's portal session, checked against the customer as it is now; null when there is none.</summary>
    public static async Task<PortalContact?> CurrentAsync(HttpContext http, CancellationToken ct)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded
            || !int.TryParse(result.Principal.FindFirstValue(CustomerClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var customerId)
            || result.Principal.FindFirstValue(EmailClaim) is not { Length: > 0 } email)
        {
            return null;
        }

        return await http.RequestServices.GetRequiredService<PortalUseCases>().ContactAsync(customerId, email, ct);
    }
}
