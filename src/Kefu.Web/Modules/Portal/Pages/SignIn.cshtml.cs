using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Portal.Pages;

/// <summary>The customer asks for a one-time sign-in link by email; the answer never says whether the address is known.</summary>
public sealed class SignInModel(PortalUseCases portal) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await PortalModule.CurrentAsync(HttpContext, HttpContext.RequestAborted) is not null ? LocalRedirect("/portal") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var problems = await portal.RequestLinkAsync(Email, HttpContext.Connection.RemoteIpAddress, $"{Request.Scheme}://{Request.Host}", CultureInfo.CurrentUICulture, ct);
        if (problems.HasErrors)
        {
            problems.CopyToSummary(ModelState);
            return Page();
        }

        Sent = true;
        return Page();
    }
}
