using Kefu.Core.Intake;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Portal.Pages;

/// <summary>
/// The emailed link. Opening it changes nothing (mail scanners open links); the button signs in
/// and uses the link up. A link that is not one is not found.
/// </summary>
public sealed class LinkModel(PortalUseCases portal, PolicyStore policies) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    public PortalLinkState State { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await portal.PeekAsync(Token, ct) is not { } state)
        {
            return NotFound();
        }

        State = state;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (state, contact) = await portal.RedeemAsync(Token, ct);
        if (state is null)
        {
            return NotFound();
        }

        if (contact is null)
        {
            State = state.Value;
            return Page();
        }

        var policy = await policies.GetAsync<PortalPolicy>(PortalPolicy.Key, ct);
        await PortalModule.SignInAsync(HttpContext, contact, policy.SessionHours);
        return LocalRedirect("/portal");
    }
}
